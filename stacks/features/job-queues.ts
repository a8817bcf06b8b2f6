// Opt-in: job queues beside the module's, on the same compute environments,
// each with its priority, and fair-share scheduling for those that ask for it.
import { Construct } from "constructs";
import { Op, TerraformIterator, TerraformVariable } from "cdktf";
import { BatchSchedulingPolicy } from "@cdktf/provider-aws/lib/batch-scheduling-policy";
import { ConfigError } from "../app/errors";
import { FLAG, LEAF, ShapeOf, listOf } from "../app/options-check";
import { JobQueue, MAX_COMPUTE_ENVIRONMENTS, StuckJobReason } from "../constructs/job-queue";
import { QUEUE_PRIORITY_RANGE } from "../constructs/variable-rules";
import { MODULE_ADDRESSES } from "../module-contract";
import { Feature } from "./feature";
import { stuckJobCancellation } from "./stuck-jobs";

/** The compute environments a queue can use, by the names `jobQueues` gives them. */
export type QueueComputeEnvironment = "spot" | "on-demand";

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

export interface JobQueuesOption {
  /**
   * Job queues beside the module's, on the same compute environments, each
   * with its priority (`aws_batch_job_queue.job_queue-<name>`).
   * @default - the module's queue only
   */
  readonly jobQueues?: readonly JobQueueOptions[];
}

const JOB_QUEUE_SHAPE: ShapeOf<JobQueueOptions> = {
  name: LEAF,
  priority: LEAF,
  computeEnvironments: LEAF,
  state: LEAF,
  cancelStuckJobs: LEAF,
  fairShare: FLAG,
};

export const JOB_QUEUES: Feature<JobQueuesOption> = {
  shape: { jobQueues: listOf(JOB_QUEUE_SHAPE) },
  variables: {
    fair_share_weights: {
      declaredBy: "jobQueues[].fairShare",
      spec: {
        type: "map(number)",
        description:
          "Fair-share weight per share identifier (a lower weight gets more of the compute); jobs submitted to a fair-share queue must carry a share identifier",
        default: { default: 1 },
        validation: [
          {
            condition: "${alltrue([for weight in values(var.fair_share_weights) : weight > 0 && weight < 1000])}",
            errorMessage: "fair_share_weights = ${jsonencode(var.fair_share_weights)}: each weight must be more than 0 and less than 1000.",
          },
        ],
      },
    },
  },
  declares: (options) => (options.jobQueues ?? []).some((queue) => queue.fairShare === true),
};

/** aws_batch_scheduling_policy of the fair-share queues. */
export const FAIR_SHARE_ADDRESS = "fair_share";

/** aws_batch_job_queue of a queue of jobQueues. */
export function extraJobQueueAddress(name: string): string {
  return `${MODULE_ADDRESSES.jobQueue}-${name}`;
}

export interface JobQueuesProps {
  /** `<env>-<app>`. */
  readonly namePrefix: string;
  /** The module's queue. */
  readonly primary: JobQueue;
  /** `var.batch_name`: no queue of jobQueues may have it as its name. */
  readonly primaryTagName: string;
  /** @default - no other queue */
  readonly extra?: readonly JobQueueOptions[];
  /** Whether the stack has an On-Demand environment: without one, a queue naming "on-demand" is refused. */
  readonly onDemand: boolean;
  /** The environment ARNs of a queue's `computeEnvironments`, in the order the queue lists them. */
  readonly environmentArns: (names: readonly QueueComputeEnvironment[]) => string[];
  /** `var.job_state_time_limit_seconds`. @default - no queue may cancel stuck jobs */
  readonly stuckJobSeconds?: number;
  /** `var.fair_share_weights`. @default - no queue may use fair share */
  readonly fairShareWeights?: TerraformVariable;
  readonly tagsNamed: (name: string) => { [key: string]: string };
}

/**
 * The queues of jobQueues beside the module's, and the fair-share policy of
 * those that ask for it. They are created in this construct's scope (the
 * stack), beside the module's queue, so construct paths, and the
 * synthesized output, stay as they were.
 */
export class JobQueues extends Construct {
  public readonly primary: JobQueue;
  public readonly extra: ReadonlyMap<string, JobQueue>;
  public readonly schedulingPolicy?: BatchSchedulingPolicy;
  private readonly options: readonly JobQueueOptions[];

  constructor(scope: Construct, id: string, props: JobQueuesProps) {
    super(scope, id);
    const parent = this.node.scope ?? this;
    const environments: { readonly [name in QueueComputeEnvironment]: boolean } = { spot: true, "on-demand": props.onDemand };
    this.primary = props.primary;

    const options = props.extra ?? [];
    checkQueueOptions(options, environments);
    if (options.some((queue) => queue.fairShare)) {
      this.schedulingPolicy = new BatchSchedulingPolicy(parent, FAIR_SHARE_ADDRESS, {
        name: `fairshare-${props.namePrefix}`,
        fairSharePolicy: {
          shareDistribution: TerraformIterator.fromMap(props.fairShareWeights!.value).dynamic({
            share_identifier: "${each.key}",
            weight_factor: "${each.value}",
          }),
        },
        tags: props.tagsNamed(`fairshare-${props.namePrefix}`),
      });
      this.schedulingPolicy.overrideLogicalId(FAIR_SHARE_ADDRESS);
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
            computeEnvironmentArns: props.environmentArns(queue.computeEnvironments ?? ["spot"]),
            state: queue.state,
            tags: props.tagsNamed(queue.name),
            cancelStuckJobs: stuckJobCancellation(`jobQueues[${index}].cancelStuckJobs`, queue.cancelStuckJobs, props.stuckJobSeconds),
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
function checkQueueOptions(options: readonly JobQueueOptions[], environments: { readonly [name in QueueComputeEnvironment]: boolean }): void {
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
      if (!environments[environment]) {
        throw new ConfigError(`${at}.computeEnvironments has "on-demand"`, "the stack has no On-Demand environment", "set onDemandFallback: true, or use only \"spot\"");
      }
    }
  });
}
