// Opt-in: queues that cancel a job stuck in RUNNABLE for a reason it can
// never run (job_state_time_limit_action), after var.job_state_time_limit_seconds.
// The module's queue takes it (primaryJobQueue) without being replaced, and so
// does any queue of jobQueues.
import { ConfigError } from "../app/errors";
import { LEAF } from "../app/options-check";
import { StuckJobCancellation, StuckJobReason } from "../constructs/job-queue";
import { wholeNumberInRange } from "../constructs/variable-rules";
import { Feature } from "./feature";
import type { JobQueuesOption } from "./job-queues";

/** What the module's own queue can take without being replaced. */
export interface PrimaryJobQueueOptions {
  /** @default - jobs wait as long as it takes */
  readonly cancelStuckJobs?: readonly StuckJobReason[];
}

export interface StuckJobsOption {
  /** What the module's own queue adds without being replaced. @default - as upstream */
  readonly primaryJobQueue?: PrimaryJobQueueOptions;
}

/** The reasons `cancelStuckJobs` takes. */
export const STUCK_JOB_REASONS: readonly StuckJobReason[] = ["COMPUTE_ENVIRONMENT_MAX_RESOURCE", "JOB_RESOURCE_REQUIREMENT"];

export const STUCK_JOBS: Feature<StuckJobsOption, StuckJobsOption & JobQueuesOption> = {
  shape: { primaryJobQueue: { cancelStuckJobs: LEAF } },
  variables: {
    job_state_time_limit_seconds: {
      declaredBy: "jobQueues[].cancelStuckJobs or primaryJobQueue.cancelStuckJobs",
      spec: {
        type: "number",
        description: "Seconds a job may wait in RUNNABLE, for a reason it can never run, before its queue cancels it",
        default: 3600,
        validation: [wholeNumberInRange("job_state_time_limit_seconds", 600, 86400)],
      },
    },
  },
  declares: (options) =>
    [options.primaryJobQueue, ...(options.jobQueues ?? [])].some((queue) => (queue?.cancelStuckJobs?.length ?? 0) > 0),
};

/**
 * A queue's cancellation of stuck jobs after `maxTimeSeconds`, for the
 * option `what` (its reasons checked), or undefined when it lists none.
 */
export function stuckJobCancellation(
  what: string,
  reasons: readonly StuckJobReason[] | undefined,
  maxTimeSeconds: number | undefined,
): StuckJobCancellation | undefined {
  if (!reasons || reasons.length === 0) {
    return undefined;
  }
  for (const reason of reasons) {
    if (!STUCK_JOB_REASONS.includes(reason)) {
      throw new ConfigError(`${what} has "${reason}"`, "AWS Batch has no such reason", `use ${STUCK_JOB_REASONS.join(" or ")}`);
    }
  }
  return { reasons, maxTimeSeconds: maxTimeSeconds! };
}
