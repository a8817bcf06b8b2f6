import { Construct } from "constructs";
import { BatchJobQueue } from "@cdktf/provider-aws/lib/batch-job-queue";
import { MODULE_ADDRESSES, MOVED_FROM } from "./addresses";

export interface JobQueueProps {
  /** Queue name: upstream `queue-<env>-<app>-<batch>`. */
  readonly name: string;
  /** Higher runs first among queues sharing an environment (`var.batch_job_queue_priority`). */
  readonly priority: number;
  /** Compute environment ARNs, most preferred first. */
  readonly computeEnvironmentArns: string[];
  readonly tags: { [key: string]: string };
}

/** AWS Batch takes 1 to 3 compute environments per queue (CreateJobQueue). */
export const MAX_COMPUTE_ENVIRONMENTS = 3;

/** The prioritised queue jobs are submitted to. */
export class JobQueue extends Construct {
  public readonly resource: BatchJobQueue;

  constructor(scope: Construct, id: string, props: JobQueueProps) {
    super(scope, id);
    if (props.computeEnvironmentArns.length === 0 || props.computeEnvironmentArns.length > MAX_COMPUTE_ENVIRONMENTS) {
      throw new Error(
        `JobQueue '${id}': computeEnvironmentArns has ${props.computeEnvironmentArns.length} entries; ` +
          `AWS Batch needs 1 to ${MAX_COMPUTE_ENVIRONMENTS} compute environments per queue.`,
      );
    }
    this.resource = new BatchJobQueue(this, MODULE_ADDRESSES.jobQueue, {
      name: props.name,
      state: "ENABLED",
      priority: props.priority,
      // Orders count from 0: aws v5 gave the list `compute_environments` the
      // orders 0, 1, ... and its state keeps them, so 0 means no change.
      computeEnvironmentOrder: props.computeEnvironmentArns.map((arn, order) => ({
        order,
        computeEnvironment: arn,
      })),
      tags: props.tags,
    });
    this.resource.overrideLogicalId(MODULE_ADDRESSES.jobQueue);
    this.resource.moveFromId(MOVED_FROM.jobQueue);
  }

  public get arn(): string {
    return this.resource.arn;
  }

  public get name(): string {
    return this.resource.name;
  }
}
