import { TerraformOutput, TerraformVariable } from "cdktf";
import { BatchJobQueue } from "@cdktf/provider-aws/lib/batch-job-queue";
import { JobQueue, JobQueueProps } from "../../../stacks/constructs/job-queue";
import { synth } from "../../support/constructs";

const SPOT_ARN = "arn:aws:batch:eu-west-1:123456789012:compute-environment/spot";
const ON_DEMAND_ARN = "arn:aws:batch:eu-west-1:123456789012:compute-environment/on-demand";

const PROPS: JobQueueProps = {
  name: "queue-dev-app-batch",
  priority: 10,
  computeEnvironmentArns: [SPOT_ARN],
  tags: { Name: "batch" },
};

function synthQueue(props: Partial<JobQueueProps> = {}) {
  return synth((scope) => {
    new JobQueue(scope, "queue", { ...PROPS, ...props });
  });
}

const arns = (count: number) =>
  Array.from({ length: count }, (_, index) => `arn:aws:batch:eu-west-1:123456789012:compute-environment/ce-${index}`);

describe("JobQueue", () => {
  describe("address", () => {
    test("sits at aws_batch_job_queue.job_queue", () => {
      const { tf } = synthQueue();
      expect(Object.keys(tf.resource.aws_batch_job_queue)).toEqual(["job_queue"]);
    });

    test("moves from module.batch-example", () => {
      const { tf } = synthQueue();
      expect(tf.moved).toEqual([
        { from: "module.batch-example.aws_batch_job_queue.job_queue", to: "aws_batch_job_queue.job_queue" },
      ]);
    });
  });

  describe("arguments", () => {
    test("respects name, priority and tags", () => {
      const { json } = synthQueue();
      expect(json).toHaveResourceWithProperties(BatchJobQueue, {
        name: "queue-dev-app-batch",
        priority: 10,
        tags: { Name: "batch" },
      });
    });

    test("is ENABLED", () => {
      const { json } = synthQueue();
      expect(json).toHaveResourceWithProperties(BatchJobQueue, { state: "ENABLED" });
    });

    test("orders compute environments from 0, most preferred first", () => {
      const { json } = synthQueue({ computeEnvironmentArns: [SPOT_ARN, ON_DEMAND_ARN] });
      expect(json).toHaveResourceWithProperties(BatchJobQueue, {
        compute_environment_order: [
          { order: 0, compute_environment: SPOT_ARN },
          { order: 1, compute_environment: ON_DEMAND_ARN },
        ],
      });
    });

    test("uses compute_environment_order, not the removed compute_environments list", () => {
      const { tf } = synthQueue();
      expect(tf.resource.aws_batch_job_queue.job_queue).not.toHaveProperty("compute_environments");
    });
  });

  describe("validation", () => {
    test("fails when computeEnvironmentArns is empty", () => {
      expect(() => synthQueue({ computeEnvironmentArns: [] })).toThrow(
        /JobQueue 'queue': computeEnvironmentArns has 0 entries: AWS Batch needs 1 to 3 compute environments per queue\./,
      );
    });

    test("fails when computeEnvironmentArns has more than 3 entries", () => {
      expect(() => synthQueue({ computeEnvironmentArns: arns(4) })).toThrow(
        /JobQueue 'queue': computeEnvironmentArns has 4 entries: AWS Batch needs 1 to 3/,
      );
    });

    test("accepts 3 compute environments", () => {
      const { tf } = synthQueue({ computeEnvironmentArns: arns(3) });
      expect(tf.resource.aws_batch_job_queue.job_queue.compute_environment_order.map((entry: any) => entry.order)).toEqual([
        0, 1, 2,
      ]);
    });
  });

  describe("tokens", () => {
    test("accepts compute environment ARNs and priority from variables", () => {
      const { json } = synth((scope) => {
        const spot = new TerraformVariable(scope, "spot_arn", { type: "string" });
        const priority = new TerraformVariable(scope, "batch_job_queue_priority", { type: "number" });
        new JobQueue(scope, "queue", { ...PROPS, priority: priority.numberValue, computeEnvironmentArns: [spot.stringValue] });
      });
      expect(json).toHaveResourceWithProperties(BatchJobQueue, {
        priority: "${var.batch_job_queue_priority}",
        compute_environment_order: [{ order: 0, compute_environment: "${var.spot_arn}" }],
      });
    });
  });

  describe("getters", () => {
    test("arn and name reference the queue", () => {
      const { tf } = synth((scope) => {
        const queue = new JobQueue(scope, "queue", PROPS);
        new TerraformOutput(scope, "arn", { value: queue.arn });
        new TerraformOutput(scope, "name", { value: queue.name });
      });
      expect(tf.output.arn.value).toBe("${aws_batch_job_queue.job_queue.arn}");
      expect(tf.output.name.value).toBe("${aws_batch_job_queue.job_queue.name}");
    });
  });
});
