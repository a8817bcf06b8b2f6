import { Construct } from "constructs";
import { Annotations, AssetType, Fn, TerraformAsset } from "cdktf";
import {
  BatchJobDefinition,
  BatchJobDefinitionRetryStrategy,
  BatchJobDefinitionTimeout,
} from "@cdktf/provider-aws/lib/batch-job-definition";
import { JobTemplate, TemplateVariable } from "../job-templates";
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

export interface TemplatedJobDefinitionProps {
  readonly template: JobTemplate;
  /** Terraform name of the `aws_batch_job_definition`. */
  readonly address: string;
  /** Address in the HCL module's state, for a `moved` block. @default - none */
  readonly movedFrom?: string;
  readonly name: string;
  /** Values of the template variables. */
  readonly variables: Record<TemplateVariable, string | number | undefined>;
  readonly tags: { [key: string]: string };
  readonly options?: JobDefinitionOptions;
  /** What a separate job role needs. */
  readonly jobRole?: { readonly roleName: string; readonly policyArn: string };
}

const SPOT_RECLAIM_REASON = "Host EC2*";

/**
 * A container job definition whose container properties are a template of
 * `job-definitions/`, copied into the stack folder and rendered by
 * Terraform's `templatefile`, as upstream renders it.
 */
export class TemplatedJobDefinition extends Construct {
  public readonly resource: BatchJobDefinition;
  public readonly asset: TerraformAsset;
  public readonly jobRole?: ServiceRole;

  constructor(scope: Construct, id: string, props: TemplatedJobDefinitionProps) {
    super(scope, id);
    const { template } = props;
    const options = props.options ?? {};
    validateOptions(`TemplatedJobDefinition '${template.name}'`, options);

    this.asset = new TerraformAsset(this, "template", { path: template.sourcePath, type: AssetType.FILE });

    const variables: { [name: string]: string | number } = {};
    for (const [name, value] of Object.entries(props.variables)) {
      if (value !== undefined) {
        variables[name] = value;
      }
    }
    if (options.separateJobRole) {
      if (!props.jobRole) {
        throw new Error(`TemplatedJobDefinition '${template.name}': separateJobRole is set but no job role settings were given.`);
      }
      this.jobRole = new ServiceRole(this, "job-role", {
        address: `${props.address}-job-role`,
        roleName: props.jobRole.roleName,
        trustedServices: ["ecs-tasks.amazonaws.com"],
        attachments: [{ address: `${props.address}-job-role-additional-policy`, policyArn: props.jobRole.policyArn }],
      });
      variables.JOB_ROLE_ARN = this.jobRole.role.arn;
    }

    const jobLevel = jobLevelSettings(template, options);
    if (template.jobLevelKeys.length > 0 && !options.moveJobLevelKeys) {
      Annotations.of(this).addWarning(
        `job-definitions/${template.fileName} puts ${template.jobLevelKeys.join(", ")} among container properties, ` +
          `where AWS Batch ignores them. Set jobDefinitions["${template.name}"].moveJobLevelKeys = true in main.ts ` +
          `to apply them as the job definition's own settings (this changes the job definition).`,
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
    if (props.movedFrom) {
      this.resource.moveFromId(props.movedFrom);
    }
  }

  public get arn(): string {
    return this.resource.arn;
  }
}

function validateOptions(who: string, options: JobDefinitionOptions): void {
  const attempts = options.retryStrategy?.attempts;
  if (attempts !== undefined && (!Number.isInteger(attempts) || attempts < 1 || attempts > 10)) {
    throw new Error(`${who}: retryStrategy.attempts = ${attempts}; AWS Batch allows a whole number from 1 to 10.`);
  }
  const timeout = options.timeoutSeconds;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 60)) {
    throw new Error(`${who}: timeoutSeconds = ${timeout}; AWS Batch needs a whole number of at least 60 seconds.`);
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

/** The job definition's own arguments: the options, over the template's job-level keys when moved. */
function jobLevelSettings(template: JobTemplate, options: JobDefinitionOptions): JobLevelArguments {
  const fromTemplate: JobLevelArguments = {};
  if (options.moveJobLevelKeys) {
    const sample = template.sample as {
      retryStrategy?: { attempts?: number };
      timeout?: { attemptDurationSeconds?: number };
      parameters?: { [name: string]: string };
      propagateTags?: boolean;
      schedulingPriority?: number;
      platformCapabilities?: string[];
    };
    for (const key of template.jobLevelKeys) {
      if (JSON.stringify(sample[key as keyof typeof sample]).includes("sample-")) {
        throw new Error(
          `job-definitions/${template.fileName}: "${key}" uses a template variable, so it cannot be moved at synth time. ` +
            `Write its value literally or set it with the job definition options in main.ts.`,
        );
      }
    }
    if (sample.retryStrategy?.attempts !== undefined) {
      fromTemplate.retryStrategy = { attempts: sample.retryStrategy.attempts };
    }
    if (sample.timeout?.attemptDurationSeconds !== undefined) {
      fromTemplate.timeout = { attemptDurationSeconds: sample.timeout.attemptDurationSeconds };
    }
    fromTemplate.parameters = sample.parameters;
    fromTemplate.propagateTags = sample.propagateTags;
    fromTemplate.schedulingPriority = sample.schedulingPriority;
    fromTemplate.platformCapabilities = sample.platformCapabilities;
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
