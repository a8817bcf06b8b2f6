import { Construct } from "constructs";
import { BatchJobQueue } from "@cdktf/provider-aws/lib/batch-job-queue";
import { Token } from "cdktf";
import { ConfigError } from "../app/errors";
import { MODULE_ADDRESSES, movedFrom } from "../module-contract";
import { NAME_LIMITS, requireNameLength } from "./name-limits";
import { QUEUE_PRIORITY_RANGE } from "./variable-rules";

/** Why a job can never leave RUNNABLE, as AWS Batch names it (JobStateTimeLimitAction reason). */
export type StuckJobReason = "COMPUTE_ENVIRONMENT_MAX_RESOURCE" | "JOB_RESOURCE_REQUIREMENT";

/** Cancel jobs stuck RUNNABLE for these reasons once they have waited `maxTimeSeconds`. */
export interface StuckJobCancellation {
  readonly reasons: readonly StuckJobReason[];
  /** Seconds a job may wait, 600 to 86400 (`var.job_state_time_limit_seconds`). */
  readonly maxTimeSeconds: number;
}

export interface JobQueueProps {
  /** Queue name: upstream `queue-<env>-<app>-<batch>`. */
  readonly name: string;
  /** Higher runs first among queues sharing an environment (`var.batch_job_queue_priority`). */
  readonly priority: number;
  /** Compute environment ARNs, most preferred first. */
  readonly computeEnvironmentArns: string[];
  readonly tags: { [key: string]: string };
  /** Terraform name of the `aws_batch_job_queue`. @default "job_queue", the module's */
  readonly address?: string;
  /** @default - the module's queue moves from `module.batch-example`; any other queue from nowhere */
  readonly movedFrom?: string;
  /** @default "ENABLED" */
  readonly state?: "ENABLED" | "DISABLED";
  /** @default - jobs wait in RUNNABLE as long as it takes */
  readonly cancelStuckJobs?: StuckJobCancellation;
  /**
   * A fair-share scheduling policy. AWS Batch refuses to add one to a queue
   * created without (FIFO), and to remove one.
   * @default - FIFO
   */
  readonly schedulingPolicyArn?: string;
}

/** AWS Batch's limits on how long a job may wait (JobStateTimeLimitAction maxTimeSeconds). */
export const STUCK_JOB_SECONDS_RANGE = { min: 600, max: 86_400 } as const;

/** AWS Batch takes 1 to 3 compute environments per queue (CreateJobQueue). */
export const MAX_COMPUTE_ENVIRONMENTS = 3;

/** The prioritised queue jobs are submitted to. */
export class JobQueue extends Construct {
  public readonly resource: BatchJobQueue;

  constructor(scope: Construct, id: string, props: JobQueueProps) {
    super(scope, id);
    const environments = props.computeEnvironmentArns;
    if (!Token.isUnresolved(environments) && (environments.length === 0 || environments.length > MAX_COMPUTE_ENVIRONMENTS)) {
      throw new ConfigError(
        `JobQueue '${id}': computeEnvironmentArns has ${environments.length} entries`,
        `AWS Batch needs 1 to ${MAX_COMPUTE_ENVIRONMENTS} compute environments per queue`,
        `give 1 to ${MAX_COMPUTE_ENVIRONMENTS} compute environment ARNs, most preferred first`,
      );
    }
    if (Token.isUnresolved(environments)) {
      throw new ConfigError(
        `JobQueue '${id}': computeEnvironmentArns`,
        "a list only known at plan cannot be given an order per entry",
        "pass the ARNs as a TypeScript array, e.g. [spot.arn, onDemand.arn]",
      );
    }
    const priority = props.priority;
    if (!Token.isUnresolved(priority) && !(Number.isInteger(priority) && priority >= QUEUE_PRIORITY_RANGE.min && priority <= QUEUE_PRIORITY_RANGE.max)) {
      throw new ConfigError(
        `JobQueue '${id}': priority = ${priority}`,
        `AWS Batch allows a whole number from ${QUEUE_PRIORITY_RANGE.min} to ${QUEUE_PRIORITY_RANGE.max}`,
        "give a priority in that range (higher runs first)",
      );
    }
    const address = props.address ?? MODULE_ADDRESSES.jobQueue;
    this.resource = new BatchJobQueue(this, address, {
      name: props.name,
      state: props.state ?? "ENABLED",
      priority: props.priority,
      schedulingPolicyArn: props.schedulingPolicyArn,
      jobStateTimeLimitAction: props.cancelStuckJobs?.reasons.map((reason) => ({
        reason: `MISCONFIGURATION:${reason}`,
        action: "CANCEL",
        maxTimeSeconds: props.cancelStuckJobs!.maxTimeSeconds,
        state: "ENABLED",
      })),
      // Orders count from 0: aws v5 gave the list `compute_environments` the
      // orders 0, 1, ... and its state keeps them, so 0 means no change.
      computeEnvironmentOrder: environments.map((arn, order) => ({
        order,
        computeEnvironment: arn,
      })),
      tags: props.tags,
    });
    this.resource.overrideLogicalId(address);
    requireNameLength(this.resource, props.name, NAME_LIMITS.batch, "job queue");
    const from = props.movedFrom ?? (address === MODULE_ADDRESSES.jobQueue ? movedFrom().jobQueue : undefined);
    if (from) {
      this.resource.moveFromId(from);
    }
  }

  public get arn(): string {
    return this.resource.arn;
  }

  public get name(): string {
    return this.resource.name;
  }
}
