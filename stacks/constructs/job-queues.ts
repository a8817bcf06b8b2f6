import { Construct } from "constructs";
import { Op, TerraformIterator, TerraformVariable } from "cdktf";
import { BatchSchedulingPolicy } from "@cdktf/provider-aws/lib/batch-scheduling-policy";
import { ConfigError } from "../errors";
import { ADDED_ADDRESSES, extraJobQueueAddress } from "./addresses";
import { JobQueue, MAX_COMPUTE_ENVIRONMENTS, StuckJobReason } from "./job-queue";
import { QUEUE_PRIORITY_RANGE } from "./variables";

/** The compute environments a queue can use, by the names `jobQueues` gives them. */
export type QueueComputeEnvironment = "spot" | "on-demand";

/** The reasons `cancelStuckJobs` takes. */
export const STUCK_JOB_REASONS: readonly StuckJobReason[] = ["COMPUTE_ENVIRONMENT_MAX_RESOURCE", "JOB_RESOURCE_REQUIREMENT"];

/** A job queue beside the module's, sharing its compute environments. */
export interface JobQueueOptions {
  /** Name suffix: the queue is `queue-<env>-<app>-<name>`, at `aws_batch_job_queue.job_queue-<name>`. */
  readonly name: string;
  /** 0 to 1000: among queues sharing an environment, the higher is scheduled first. */
  readonly priority: number;
  /** The environments it uses, most preferred first. @default ["spot"] */
  readonly computeEnvironments?: readonly QueueComputeEnvironment[];
  /** @default "ENABLED" */
  readonly state?: "ENABLED" | "DISABLED";
  /**
   * Cancel a job that waits in RUNNABLE for one of these reasons longer than
   * `var.job_state_time_limit_seconds`, instead of leaving it there forever.
   * @default - jobs wait as long as it takes
   */
  readonly cancelStuckJobs?: readonly StuckJobReason[];
  /**
   * Fair-share scheduling, with the weights of `var.fair_share_weights`.
   * Every job submitted to the queue must then carry a share identifier.
   * @default false - first in, first out
   */
  readonly fairShare?: boolean;
}

/** What the module's own queue can take without being replaced. */
export interface PrimaryJobQueueOptions {
  /** @default - jobs wait as long as it takes */
  readonly cancelStuckJobs?: readonly StuckJobReason[];
}

export interface JobQueuesProps {
  /** `<env>-<app>`. */
  readonly namePrefix: string;
  /** The module's queue: name, tag name (`var.batch_name`) and priority as upstream. */
  readonly primaryName: string;
  readonly primaryTagName: string;
  readonly primaryPriority: number;
  /** Where the module's state has its queue (a `moved` block's source). */
  readonly primaryMovedFrom: string;
  /** @default - no options for the module's queue */
  readonly primary?: PrimaryJobQueueOptions;
  /** @default - no other queue */
  readonly extra?: readonly JobQueueOptions[];
  readonly spotArn: string;
  /** @default - no On-Demand environment: a queue naming "on-demand" is refused */
  readonly onDemandArn?: string;
  /** `var.job_state_time_limit_seconds`. @default - no queue may cancel stuck jobs */
  readonly stuckJobSeconds?: number;
  /** `var.fair_share_weights`. @default - no queue may use fair share */
  readonly fairShareWeights?: TerraformVariable;
  readonly tagsNamed: (name: string) => { [key: string]: string };
}

/**
 * The module's job queue and the queues beside it, all on the same compute
 * environments, each with its priority. They are created in this
 * construct's scope (the stack), where the module's queue has always been,
 * so its construct path, and the synthesized output, stay as they were.
 */
export class JobQueues extends Construct {
  public readonly primary: JobQueue;
  public readonly extra: ReadonlyMap<string, JobQueue>;
  public readonly schedulingPolicy?: BatchSchedulingPolicy;
  private readonly options: readonly JobQueueOptions[];

  constructor(scope: Construct, id: string, props: JobQueuesProps) {
    super(scope, id);
    const parent = this.node.scope ?? this;
    const environments: { readonly [name in QueueComputeEnvironment]?: string } = { spot: props.spotArn, "on-demand": props.onDemandArn };
    const stuck = (what: string, reasons: readonly StuckJobReason[] | undefined) => {
      if (!reasons || reasons.length === 0) {
        return undefined;
      }
      for (const reason of reasons) {
        if (!STUCK_JOB_REASONS.includes(reason)) {
          throw new ConfigError(`${what} has "${reason}"`, "AWS Batch has no such reason", `use ${STUCK_JOB_REASONS.join(" or ")}`);
        }
      }
      return { reasons, maxTimeSeconds: props.stuckJobSeconds! };
    };

    this.primary = new JobQueue(parent, "job-queue", {
      name: props.primaryName,
      priority: props.primaryPriority,
      computeEnvironmentArns: [props.spotArn, ...(props.onDemandArn ? [props.onDemandArn] : [])],
      tags: props.tagsNamed(props.primaryTagName),
      cancelStuckJobs: stuck("primaryJobQueue.cancelStuckJobs", props.primary?.cancelStuckJobs),
      movedFrom: props.primaryMovedFrom,
    });

    const options = props.extra ?? [];
    checkQueueOptions(options, environments);
    if (options.some((queue) => queue.fairShare)) {
      this.schedulingPolicy = new BatchSchedulingPolicy(parent, ADDED_ADDRESSES.fairSharePolicy, {
        name: `fairshare-${props.namePrefix}`,
        fairSharePolicy: {
          shareDistribution: TerraformIterator.fromMap(props.fairShareWeights!.value).dynamic({
            share_identifier: "${each.key}",
            weight_factor: "${each.value}",
          }),
        },
        tags: props.tagsNamed(`fairshare-${props.namePrefix}`),
      });
      this.schedulingPolicy.overrideLogicalId(ADDED_ADDRESSES.fairSharePolicy);
    }
    this.extra = new Map(
      options.map((queue, index) => {
        const name = `queue-${props.namePrefix}-${queue.name}`;
        return [
          queue.name,
          new JobQueue(parent, `job-queue-${queue.name}`, {
            name,
            priority: queue.priority,
            address: extraJobQueueAddress(queue.name),
            computeEnvironmentArns: (queue.computeEnvironments ?? ["spot"]).map((environment) => environments[environment]!),
            state: queue.state,
            tags: props.tagsNamed(queue.name),
            cancelStuckJobs: stuck(`jobQueues[${index}].cancelStuckJobs`, queue.cancelStuckJobs),
            schedulingPolicyArn: queue.fairShare ? this.schedulingPolicy!.arn : undefined,
          }),
        ];
      }),
    );
    for (const [name, queue] of this.extra) {
      // var.batch_name is only known at plan: the same name there would give two queues one AWS name.
      queue.resource.lifecycle = {
        ...queue.resource.lifecycle,
        precondition: [
          ...(queue.resource.lifecycle?.precondition ?? []),
          {
            condition: Op.neq(props.primaryTagName, name),
            errorMessage: `The queue "${name}" of jobQueues and the module's queue (batch_name = "${name}") would both be named queue-${props.namePrefix}-${name}. Rename the queue in main.ts.`,
          },
        ],
      };
    }
    this.options = options;
  }
  /** The queue a `name` of `jobQueues` names, or the module's queue for undefined; another name fails synth. */
  public byName(name: string | undefined, option: string): JobQueue {
    if (name === undefined) {
      return this.primary;
    }
    const queue = this.extra.get(name);
    if (!queue) {
      const names = [...this.extra.keys()];
      throw new ConfigError(
        `${option} = "${name}"`,
        "no queue of jobQueues has that name",
        names.length > 0 ? `use one of ${names.map((known) => `"${known}"`).join(", ")}, or leave it unset for the module's queue` : "leave it unset for the module's queue",
      );
    }
    return queue;
  }

  /** Whether the queue `name` (undefined: the module's) uses fair-share scheduling. */
  public isFairShare(name: string | undefined): boolean {
    return name !== undefined && this.options.some((queue) => queue.name === name && queue.fairShare === true);
  }
}

/** Queue names go into AWS Batch names and Terraform addresses. */
const QUEUE_NAME = /^[0-9A-Za-z][0-9A-Za-z_-]*$/;

/** The `jobQueues` option, checked at synth: each mistake names the queue's index and the field. */
function checkQueueOptions(options: readonly JobQueueOptions[], environments: { readonly [name in QueueComputeEnvironment]?: string }): void {
  const seen = new Set<string>();
  options.forEach((queue, index) => {
    const at = `jobQueues[${index}]`;
    if (typeof queue.name !== "string" || !QUEUE_NAME.test(queue.name)) {
      throw new ConfigError(`${at}.name = ${JSON.stringify(queue.name)}`, "it names a queue and its Terraform address", "use letters, digits, - and _, starting with a letter or digit");
    }
    if (seen.has(queue.name)) {
      throw new ConfigError(`${at}.name = "${queue.name}"`, "another queue of jobQueues has that name", "give each queue its own name");
    }
    seen.add(queue.name);
    if (!(Number.isInteger(queue.priority) && queue.priority >= QUEUE_PRIORITY_RANGE.min && queue.priority <= QUEUE_PRIORITY_RANGE.max)) {
      throw new ConfigError(
        `${at}.priority = ${JSON.stringify(queue.priority)}`,
        `AWS Batch allows a whole number from ${QUEUE_PRIORITY_RANGE.min} to ${QUEUE_PRIORITY_RANGE.max}`,
        "give a priority in that range (higher is scheduled first)",
      );
    }
    const chosen = queue.computeEnvironments ?? ["spot"];
    if (chosen.length === 0 || chosen.length > MAX_COMPUTE_ENVIRONMENTS || new Set(chosen).size !== chosen.length) {
      throw new ConfigError(
        `${at}.computeEnvironments = ${JSON.stringify(chosen)}`,
        `a queue takes 1 to ${MAX_COMPUTE_ENVIRONMENTS} different compute environments`,
        'list each once, most preferred first, e.g. ["spot", "on-demand"]',
      );
    }
    for (const environment of chosen) {
      if (!(environment in environments)) {
        throw new ConfigError(`${at}.computeEnvironments has "${environment}"`, "the stack has no such compute environment", 'use "spot" or "on-demand"');
      }
      if (environments[environment] === undefined) {
        throw new ConfigError(`${at}.computeEnvironments has "on-demand"`, "the stack has no On-Demand environment", "set onDemandFallback: true, or use only \"spot\"");
      }
    }
  });
}
