// Several job queues with priorities on shared compute, queues that cancel
// jobs that can never run, and opt-in fair-share scheduling.
import { ConfigError } from "../../../stacks/app/errors";
import { synthStack } from "../../support/stack";

const SPOT = "${aws_batch_compute_environment.compute-environment.arn}";
const ON_DEMAND = "${aws_batch_compute_environment.compute-environment-on-demand.arn}";

describe("jobQueues: queues beside the module's, on the same compute environments", () => {
  const { tf } = synthStack({ jobQueues: [{ name: "high", priority: 10 }, { name: "low", priority: 0 }] });
  const queues = tf.resource.aws_batch_job_queue;

  test("three queues share the Spot environment, each with its order and priority", () => {
    expect(Object.keys(queues).sort()).toEqual(["job_queue", "job_queue-high", "job_queue-low"]);
    for (const queue of Object.values<{ compute_environment_order: unknown }>(queues)) {
      expect(queue.compute_environment_order).toEqual([{ order: 0, compute_environment: SPOT }]);
    }
    expect([queues["job_queue-high"].priority, queues["job_queue-low"].priority]).toEqual([10, 0]);
    expect(queues.job_queue.priority).toBe("${var.batch_job_queue_priority}");
  });

  test("names, tags and state follow the module's conventions", () => {
    expect(queues["job_queue-high"]).toMatchObject({
      name: "queue-${var.environment}-${var.application}-high",
      state: "ENABLED",
      tags: '${merge({"Name" = "high"}, local.common_tags)}',
    });
  });

  test("only the module's queue has a moved block", () => {
    expect(tf.moved).toEqual([
      { from: "module.batch-example.aws_batch_job_queue.job_queue", to: "aws_batch_job_queue.job_queue" },
      { from: "module.batch-example.aws_batch_job_definition.job-definition", to: "aws_batch_job_definition.job-definition" },
    ]);
  });

  test("an output maps each queue's name to its ARN", () => {
    expect(tf.output.batch_job_queue_arns.value).toEqual({
      high: "${aws_batch_job_queue.job_queue-high.arn}",
      low: "${aws_batch_job_queue.job_queue-low.arn}",
    });
  });

  test("without jobQueues there is no such output and one queue", () => {
    const plain = synthStack().tf;
    expect(Object.keys(plain.resource.aws_batch_job_queue)).toEqual(["job_queue"]);
    expect(plain.output.batch_job_queue_arns).toBeUndefined();
  });

  test("a queue may use the On-Demand fallback, in either order", () => {
    const fallback = synthStack({
      onDemandFallback: true,
      jobQueues: [{ name: "urgent", priority: 50, computeEnvironments: ["on-demand", "spot"] }],
    }).tf.resource.aws_batch_job_queue["job_queue-urgent"];
    expect(fallback.compute_environment_order).toEqual([
      { order: 0, compute_environment: ON_DEMAND },
      { order: 1, compute_environment: SPOT },
    ]);
  });

  test("a queue named like var.batch_name fails the plan at its precondition, before two queues get one AWS name", () => {
    expect(queues["job_queue-high"].lifecycle.precondition).toContainEqual({
      condition: '${(var.batch_name != "high")}',
      error_message: expect.stringContaining('The queue "high" of jobQueues and the module\'s queue (batch_name = "high") would both be named'),
    });
  });

  test("a queue can be created disabled", () => {
    expect(synthStack({ jobQueues: [{ name: "later", priority: 1, state: "DISABLED" }] }).tf.resource.aws_batch_job_queue["job_queue-later"].state).toBe(
      "DISABLED",
    );
  });
});

describe("fairShare: opt-in fair-share scheduling", () => {
  const { tf } = synthStack({
    jobQueues: [{ name: "shared", priority: 5, fairShare: true }],
    s3Trigger: { jobQueue: "shared" },
  });

  test("one scheduling policy, its shares from var.fair_share_weights, on the queue that asks", () => {
    const policy = tf.resource.aws_batch_scheduling_policy.fair_share;
    expect(policy.name).toBe("fairshare-${var.environment}-${var.application}");
    expect(policy.fair_share_policy.dynamic.share_distribution).toMatchObject({
      for_each: "${var.fair_share_weights}",
      content: { share_identifier: "${each.key}", weight_factor: "${each.value}" },
    });
    expect(tf.resource.aws_batch_job_queue["job_queue-shared"].scheduling_policy_arn).toBe("${aws_batch_scheduling_policy.fair_share.arn}");
    expect(tf.resource.aws_batch_job_queue.job_queue.scheduling_policy_arn).toBeUndefined();
    expect(tf.variable.fair_share_weights).toMatchObject({ type: "map(number)", default: { default: 1 } });
  });

  test("the S3 trigger targets the queue by name and gives its jobs a share identifier", () => {
    const target = tf.resource.aws_cloudwatch_event_target.s3_trigger;
    expect(target.arn).toBe("${aws_batch_job_queue.job_queue-shared.arn}");
    expect(JSON.parse(target.input_transformer.input_template.replace(/<(bucket|key)>/g, '"x"')).ShareIdentifier).toBe("s3-trigger");
  });

  test("on a FIFO queue the trigger's jobs carry none", () => {
    const fifo = synthStack({ s3Trigger: {} }).tf.resource.aws_cloudwatch_event_target.s3_trigger;
    expect(fifo.input_transformer.input_template).not.toContain("ShareIdentifier");
  });
});

describe("jobQueues, checked at synth", () => {
  test.each([
    [[{ name: "high", priority: 10 }, { name: "high", priority: 1 }], /^jobQueues\[1\]\.name = "high": another queue of jobQueues has that name\. Fix: /],
    [[{ name: "bad name", priority: 1 }], /^jobQueues\[0\]\.name = "bad name": .* Fix: use letters, digits, - and _/],
    [[{ name: "high", priority: 1001 }], /^jobQueues\[0\]\.priority = 1001: AWS Batch allows a whole number from 0 to 1000\. Fix: /],
    [[{ name: "high", priority: -1 }], /^jobQueues\[0\]\.priority = -1:/],
    [[{ name: "high", priority: 1, computeEnvironments: ["on-demand"] }], /^jobQueues\[0\]\.computeEnvironments has "on-demand": the stack has no On-Demand environment\. Fix: set onDemandFallback: true/],
    [[{ name: "high", priority: 1, computeEnvironments: ["gpu"] }], /^jobQueues\[0\]\.computeEnvironments has "gpu": the stack has no such compute environment/],
    [[{ name: "high", priority: 1, computeEnvironments: [] }], /^jobQueues\[0\]\.computeEnvironments = \[\]: a queue takes 1 to 3 different compute environments/],
    [[{ name: "high", priority: 1, computeEnvironments: ["spot", "spot"] }], /^jobQueues\[0\]\.computeEnvironments = \["spot","spot"\]:/],
    [[{ name: "high", priority: 1, cancelStuckJobs: ["FOREVER"] }], /^jobQueues\[0\]\.cancelStuckJobs has "FOREVER": AWS Batch has no such reason/],
    [[{ name: "high", priority: 1, fairshare: true }], /^Stack 'batch': option jobQueues\[0\]\.fairshare: .* did you mean jobQueues\[0\]\.fairShare\?/],
  ])("%j is refused with its own message", (jobQueues, message) => {
    expect(() => synthStack({ jobQueues: jobQueues as never })).toThrow(ConfigError);
    expect(() => synthStack({ jobQueues: jobQueues as never })).toThrow(message);
  });

  test("the S3 trigger naming no queue of jobQueues", () => {
    expect(() => synthStack({ jobQueues: [{ name: "high", priority: 10 }], s3Trigger: { jobQueue: "hihg" } })).toThrow(
      /^s3Trigger\.jobQueue = "hihg": no queue of jobQueues has that name\. Fix: use one of "high", or leave it unset for the module's queue$/,
    );
  });
});
