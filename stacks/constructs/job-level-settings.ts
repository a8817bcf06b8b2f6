// A job definition's own arguments (retry strategy, timeout, parameters, ...):
// the options of main.ts, over the template's job-level keys when they are
// moved, each checked as AWS Batch checks it.
import { Token } from "cdktf";
import { BatchJobDefinitionRetryStrategy, BatchJobDefinitionTimeout } from "@cdktf/provider-aws/lib/batch-job-definition";
import { ConfigError } from "../app/errors";
import { FLAG, LEAF, ShapeOf } from "../app/options-check";
import { JobTemplate } from "../templates/contract";
import { TemplateError } from "../templates/loader";

/** Retry a job; with `retryOnSpotReclaim`, only when Spot took its instance back. */
export interface RetryStrategyOptions {
  /** Attempts in all, 1 to 10. */
  readonly attempts: number;
  /**
   * Retry when the status reason matches `Host EC2*` (the instance was
   * reclaimed) and exit on any other failure.
   * @default false - every failure is retried
   */
  readonly retryOnSpotReclaim?: boolean;
}

/** Job-level settings of one job definition; all opt-in. */
export interface JobDefinitionOptions {
  /** @default - no retry, or the template's retryStrategy when moveJobLevelKeys is set */
  readonly retryStrategy?: RetryStrategyOptions;
  /** Seconds after which an attempt is stopped; at least 60. @default - no timeout */
  readonly timeoutSeconds?: number;
  /** Default values of the job's `Ref::` parameters. @default - none */
  readonly parameters?: { [name: string]: string };
  /** Copy the job definition's tags to the ECS task. @default false */
  readonly propagateTags?: boolean;
  /**
   * Give the job a role of its own (trusting ecs-tasks only, with the bucket
   * and EFS policy) instead of the execution role upstream uses for both.
   * @default false
   */
  readonly separateJobRole?: boolean;
  /**
   * Apply the job-level keys the template puts among container properties
   * (retryStrategy, timeout, ...) as the job definition's own arguments. AWS
   * Batch ignores them where they are, so upstream's retry and timeout never
   * apply. Options above win over the template's values. The template is
   * rendered unchanged: AWS Batch keeps ignoring the keys there.
   * @default false - keep drop-in and warn at synth
   */
  readonly moveJobLevelKeys?: boolean;
}

/** Every key of JobDefinitionOptions, at every level (the run-time misspelling check). */
export const JOB_DEFINITION_OPTIONS: ShapeOf<JobDefinitionOptions> = {
  retryStrategy: { attempts: LEAF, retryOnSpotReclaim: FLAG } satisfies ShapeOf<RetryStrategyOptions>,
  timeoutSeconds: LEAF,
  parameters: LEAF,
  propagateTags: FLAG,
  separateJobRole: FLAG,
  moveJobLevelKeys: FLAG,
};

/** AWS Batch's limits for a job definition's retries and timeout (RegisterJobDefinition). */
export const RETRY_ATTEMPTS_RANGE = { min: 1, max: 10 } as const;
export const MIN_TIMEOUT_SECONDS = 60;

const SPOT_RECLAIM_REASON = "Host EC2*";

export function validateOptions(who: string, options: JobDefinitionOptions): void {
  checkAttempts(`${who}: retryStrategy.attempts`, options.retryStrategy?.attempts, "set it in main.ts to a whole number in that range");
  checkTimeout(`${who}: timeoutSeconds`, options.timeoutSeconds, `set it in main.ts to ${MIN_TIMEOUT_SECONDS} or more, or leave it unset for no timeout`);
}

// A value from a variable is only known at plan: the provider's validators check it there.
function checkAttempts(what: string, attempts: number | undefined, fix: string): void {
  if (attempts !== undefined && !Token.isUnresolved(attempts) && !(Number.isInteger(attempts) && attempts >= RETRY_ATTEMPTS_RANGE.min && attempts <= RETRY_ATTEMPTS_RANGE.max)) {
    throw new ConfigError(
      `${what} = ${JSON.stringify(attempts)}`,
      `AWS Batch allows a whole number from ${RETRY_ATTEMPTS_RANGE.min} to ${RETRY_ATTEMPTS_RANGE.max}`,
      fix,
    );
  }
}

function checkTimeout(what: string, seconds: number | undefined, fix: string): void {
  if (seconds !== undefined && !Token.isUnresolved(seconds) && !(Number.isInteger(seconds) && seconds >= MIN_TIMEOUT_SECONDS)) {
    throw new ConfigError(
      `${what} = ${JSON.stringify(seconds)}`,
      `AWS Batch needs a whole number of at least ${MIN_TIMEOUT_SECONDS} seconds`,
      fix,
    );
  }
}

export interface JobLevelArguments {
  retryStrategy?: BatchJobDefinitionRetryStrategy;
  timeout?: BatchJobDefinitionTimeout;
  parameters?: { [name: string]: string };
  propagateTags?: boolean;
  schedulingPriority?: number;
  platformCapabilities?: string[];
}

/** A template's retryStrategy, as the RegisterJobDefinition API spells it. */
interface TemplateRetryStrategy {
  readonly attempts?: number;
  readonly evaluateOnExit?: { action: string; onExitCode?: string; onReason?: string; onStatusReason?: string }[];
}

/**
 * A value from the template as a literal of the synthesized configuration:
 * `${` and `%{` in its strings would otherwise read as Terraform expressions.
 */
function literal(value: unknown): unknown {
  if (typeof value === "string") {
    return value.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
  }
  if (Array.isArray(value)) {
    return value.map(literal);
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, literal(item)]));
  }
  return value;
}

/** The job definition's own arguments: the options, over the template's job-level keys when moved. */
export function jobLevelSettings(template: JobTemplate, options: JobDefinitionOptions): JobLevelArguments {
  const fromTemplate: JobLevelArguments = {};
  if (options.moveJobLevelKeys) {
    const displayPath = `job-definitions/${template.fileName}`;
    for (const key of template.jobLevelKeys) {
      const { variables, line } = template.jobLevel[key];
      if (variables.length > 0) {
        // Synth applies the value as the job definition's own argument; Terraform only knows it when it renders the template.
        throw new TemplateError(
          displayPath,
          line,
          `"${key}" is written with \${${variables[0]}}, so moveJobLevelKeys cannot apply it as the job definition's own setting`,
          `write its value literally in the template, or set it with jobDefinitions["${template.name}"] options in main.ts`,
        );
      }
    }
    const where = (key: string) => `${displayPath}:${template.jobLevel[key].line}: "${key}"`;
    const fix = "correct it in the template";
    const value = <T>(key: string, kind: string, test: (item: unknown) => boolean): T | undefined => {
      const item = template.jobLevel[key]?.value;
      if (item !== undefined && !test(item)) {
        throw new ConfigError(`${where(key)} = ${JSON.stringify(item)}`, `AWS Batch takes ${kind} here`, fix);
      }
      return literal(item) as T | undefined;
    };
    const isObject = (item: unknown) => typeof item === "object" && item !== null && !Array.isArray(item);
    const retry = value<TemplateRetryStrategy>("retryStrategy", "an object", isObject);
    if (retry) {
      checkAttempts(`${where("retryStrategy")}.attempts`, retry.attempts, fix);
      fromTemplate.retryStrategy = { attempts: retry.attempts, evaluateOnExit: retry.evaluateOnExit };
    }
    const timeout = value<{ attemptDurationSeconds?: number }>("timeout", "an object", isObject);
    if (timeout?.attemptDurationSeconds !== undefined) {
      checkTimeout(`${where("timeout")}.attemptDurationSeconds`, timeout.attemptDurationSeconds, fix);
      fromTemplate.timeout = { attemptDurationSeconds: timeout.attemptDurationSeconds };
    }
    fromTemplate.parameters = value("parameters", "an object of strings", (item) => isObject(item) && Object.values(item as object).every((v) => typeof v === "string"));
    fromTemplate.propagateTags = value("propagateTags", "true or false", (item) => typeof item === "boolean");
    fromTemplate.schedulingPriority = value("schedulingPriority", "a whole number", (item) => Number.isInteger(item));
    fromTemplate.platformCapabilities = value("platformCapabilities", "a list of strings", (item) => Array.isArray(item) && item.every((v) => typeof v === "string"));
  }

  const retry = options.retryStrategy;
  return {
    ...fromTemplate,
    ...(retry && {
      retryStrategy: {
        attempts: retry.attempts,
        evaluateOnExit: retry.retryOnSpotReclaim
          ? [
              { onStatusReason: SPOT_RECLAIM_REASON, action: "RETRY" },
              { onReason: "*", action: "EXIT" },
            ]
          : undefined,
      },
    }),
    ...(options.timeoutSeconds !== undefined && { timeout: { attemptDurationSeconds: options.timeoutSeconds } }),
    ...(options.parameters && { parameters: options.parameters }),
    ...(options.propagateTags !== undefined && { propagateTags: options.propagateTags }),
  };
}
