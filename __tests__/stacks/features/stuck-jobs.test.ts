// The queues' time limits for jobs that can never run (stacks/features/stuck-jobs.ts).
// Several job queues with priorities on shared compute, queues that cancel
// jobs that can never run, and opt-in fair-share scheduling.
import { synthStack } from "../../support/stack";



describe("cancelStuckJobs: queues that give up on jobs that can never run", () => {
  test("the queue cancels such jobs after var.job_state_time_limit_seconds, for each reason asked", () => {
    const { tf } = synthStack({ jobQueues: [{ name: "high", priority: 10, cancelStuckJobs: ["COMPUTE_ENVIRONMENT_MAX_RESOURCE", "JOB_RESOURCE_REQUIREMENT"] }] });
    expect(tf.resource.aws_batch_job_queue["job_queue-high"].job_state_time_limit_action).toEqual([
      { action: "CANCEL", max_time_seconds: "${var.job_state_time_limit_seconds}", reason: "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE", state: "ENABLED" },
      { action: "CANCEL", max_time_seconds: "${var.job_state_time_limit_seconds}", reason: "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT", state: "ENABLED" },
    ]);
    expect(tf.variable.job_state_time_limit_seconds).toMatchObject({ type: "number", default: 3600 });
    expect(tf.variable.job_state_time_limit_seconds.validation[0].condition).toBe(
      "${var.job_state_time_limit_seconds >= 600 && var.job_state_time_limit_seconds <= 86400 && floor(var.job_state_time_limit_seconds) == var.job_state_time_limit_seconds}",
    );
  });

  test("the module's queue can do the same (an update in place)", () => {
    const { tf } = synthStack({ primaryJobQueue: { cancelStuckJobs: ["COMPUTE_ENVIRONMENT_MAX_RESOURCE"] } });
    expect(tf.resource.aws_batch_job_queue.job_queue.job_state_time_limit_action).toHaveLength(1);
  });

  test("without it, no variable and no action", () => {
    const { tf } = synthStack();
    expect(tf.variable.job_state_time_limit_seconds).toBeUndefined();
    expect(tf.resource.aws_batch_job_queue.job_queue.job_state_time_limit_action).toBeUndefined();
  });
});
