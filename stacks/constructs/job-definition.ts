import { Construct } from "constructs";
import { Annotations, AssetType, Fn, TerraformAsset, Token } from "cdktf";
import {
  BatchJobDefinition,
  BatchJobDefinitionRetryStrategy,
  BatchJobDefinitionTimeout,
} from "@cdktf/provider-aws/lib/batch-job-definition";
import { TEMPLATE_VARIABLE_NAMES, TemplateVariable } from "../templates/contract";
import { ConfigError } from "../errors";
import { JobTemplate, TemplateError } from "../templates/loader";
import { jobRoleAddresses } from "./addresses";
import { NAME_LIMITS, requireNameLength } from "./name-limits";
import { ServiceRole } from "./service-role";

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

/** A job role of the job definition's own: its name and the policy it gets. */
export interface JobRoleSettings {
  readonly roleName: string;
  readonly policyArn: string;
}

export interface TemplatedJobDefinitionProps {
  readonly template: JobTemplate;
  /** Terraform name of the `aws_batch_job_definition`. */
  readonly address: string;
  /** Address in the HCL module's state, for a `moved` block. @default - none */
  readonly movedFrom?: string;
  readonly name: string;
  /** Values of the template variables the stack provides; undefined ones are left out. */
  readonly variables: Record<TemplateVariable, string | number | undefined>;
  readonly tags: { [key: string]: string };
  /** @default - no job-level settings */
  readonly options?: JobDefinitionOptions;
  /**
   * A job role of its own, which becomes the template's JOB_ROLE_ARN.
   * @default - JOB_ROLE_ARN stays as given in `variables`
   */
  readonly jobRole?: JobRoleSettings;
}

/** AWS Batch's limits for a job definition's retries and timeout (RegisterJobDefinition). */
export const RETRY_ATTEMPTS_RANGE = { min: 1, max: 10 } as const;
export const MIN_TIMEOUT_SECONDS = 60;

const SPOT_RECLAIM_REASON = "Host EC2*";

/**
 * A container job definition whose container properties are a template of
 * `job-definitions/`, copied into the stack folder and rendered by
 * Terraform's `templatefile`, as upstream renders it.
 */
export class TemplatedJobDefinition extends Construct {
  public readonly resource: BatchJobDefinition;
  public readonly asset: TerraformAsset;
  public readonly template: JobTemplate;
  public readonly jobRole?: ServiceRole;

  constructor(scope: Construct, id: string, props: TemplatedJobDefinitionProps) {
    super(scope, id);
    const { template } = props;
    this.template = template;
    const options = props.options ?? {};
    validateOptions(`TemplatedJobDefinition '${template.name}'`, options);

    this.asset = new TerraformAsset(this, "template", { path: template.sourcePath, type: AssetType.FILE });

    // In the contract's order: the rendered call is part of the synthesized output.
    const variables: { [name: string]: string | number } = {};
    for (const name of TEMPLATE_VARIABLE_NAMES) {
      const value = props.variables[name];
      if (value !== undefined) {
        variables[name] = value;
      }
    }
    if (props.jobRole) {
      const addresses = jobRoleAddresses(props.address);
      this.jobRole = new ServiceRole(this, "job-role", {
        address: addresses.role,
        roleName: props.jobRole.roleName,
        trustedServices: ["ecs-tasks.amazonaws.com"],
        attachments: [{ address: addresses.attachment, policyArn: props.jobRole.policyArn }],
      });
      variables.JOB_ROLE_ARN = this.jobRole.role.arn;
    }

    const jobLevel = jobLevelSettings(template, options);
    if (template.jobLevelKeys.length > 0 && !options.moveJobLevelKeys) {
      const movable = template.jobLevelKeys.filter((key) => key !== "tags");
      warnOnce(
        this,
        `job-definitions/${template.fileName} puts ${template.jobLevelKeys.join(", ")} among container properties, ` +
          `where AWS Batch ignores them.` +
          (movable.length > 0
            ? ` Set jobDefinitions["${template.name}"].moveJobLevelKeys = true in main.ts to apply ${movable.join(", ")} ` +
              `as the job definition's own settings (a new revision of the job definition).`
            : "") +
          (template.jobLevelKeys.includes("tags") ? ` The job definition's tags are the stack's: remove "tags" from the template.` : ""),
      );
    }

    this.resource = new BatchJobDefinition(this, props.address, {
      name: props.name,
      type: "container",
      // Relative to the stack folder, where Terraform runs (locally or in
      // Terraform Cloud), like upstream's relative template path.
      containerProperties: Fn.templatefile(this.asset.path, variables),
      tags: props.tags,
      ...jobLevel,
    });
    this.resource.overrideLogicalId(props.address);
    requireNameLength(this.resource, props.name, NAME_LIMITS.batch, "job definition");
    if (props.movedFrom) {
      this.resource.moveFromId(props.movedFrom);
    }
  }

  public get arn(): string {
    return this.resource.arn;
  }

  public get name(): string {
    return this.resource.name;
  }
}

function validateOptions(who: string, options: JobDefinitionOptions): void {
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

interface JobLevelArguments {
  retryStrategy?: BatchJobDefinitionRetryStrategy;
  timeout?: BatchJobDefinitionTimeout;
  parameters?: { [name: string]: string };
  propagateTags?: boolean;
  schedulingPriority?: number;
  platformCapabilities?: string[];
}

/** Warnings already given, per app: one synth shows each once, however many stacks share the template. */
const warned = new WeakMap<object, Set<string>>();

function warnOnce(scope: Construct, message: string): void {
  const root = scope.node.root;
  const given = warned.get(root) ?? new Set<string>();
  warned.set(root, given);
  if (!given.has(message)) {
    given.add(message);
    Annotations.of(scope).addWarning(message);
  }
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
function jobLevelSettings(template: JobTemplate, options: JobDefinitionOptions): JobLevelArguments {
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
