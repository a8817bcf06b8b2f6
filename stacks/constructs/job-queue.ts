import { Construct } from "constructs";
import { BatchJobQueue } from "@cdktf/provider-aws/lib/batch-job-queue";

export interface JobQueueProps {
  /** Queue name: upstream `queue-<env>-<app>-<batch>`. */
  readonly name: string;
  readonly priority: number;
  /** Compute environment ARNs, most preferred first. */
  readonly computeEnvironmentArns: string[];
  readonly tags: { [key: string]: string };
}

/** Upstream's job queue lived in the child module `batch-example`. */
export const UPSTREAM_JOB_QUEUE_ADDRESS = "module.batch-example.aws_batch_job_queue.job_queue";

/** The prioritised queue jobs are submitted to. */
export class JobQueue extends Construct {
  public readonly resource: BatchJobQueue;

  constructor(scope: Construct, id: string, props: JobQueueProps) {
    super(scope, id);
    if (props.computeEnvironmentArns.length === 0 || props.computeEnvironmentArns.length > 3) {
      throw new Error(
        `JobQueue '${id}': computeEnvironmentArns has ${props.computeEnvironmentArns.length} entries; ` +
          `AWS Batch needs 1 to 3 compute environments per queue.`,
      );
    }
    this.resource = new BatchJobQueue(this, "job_queue", {
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
    this.resource.overrideLogicalId("job_queue");
    this.resource.moveFromId(UPSTREAM_JOB_QUEUE_ADDRESS);
  }

  public get arn(): string {
    return this.resource.arn;
  }
}
