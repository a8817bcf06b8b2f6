// updatableComputeEnvironment and computeEnvironmentSwap: what they emit, and
// (through the stand-in, in Terraform) what the real plan does with it: an
// instance-type change is an update, and the swap's three phases apply in
// order on a state the module made, without a failed apply.
import * as fs from "fs";
import * as path from "path";
import { FIXTURE_MODULE } from "../../../dropin/check/check";
import { UPDATABLE_ALLOCATION_STRATEGIES } from "../../../stacks/features/updatable-compute-environment";
import { describeKinds, emptyState, projectWith, upstreamFixture, usePreparedCheck } from "../../support/dropin";
import { synthStack } from "../../support/stack";
import { describeWithTerraform } from "../../support/terraform";

jest.setTimeout(120_000);

const environments = (tf: any) => tf.resource.aws_batch_compute_environment;
const queueOrder = (tf: any, address = "job_queue") =>
  tf.resource.aws_batch_job_queue[address].compute_environment_order.map((entry: { compute_environment: string }) => entry.compute_environment);
const arnOf = (address: string) => `\${aws_batch_compute_environment.${address}.arn}`;

describe("updatableComputeEnvironment", () => {
  test("off by default: the module's environment only, no update-policy variables", () => {
    const { tf } = synthStack();
    expect(Object.keys(environments(tf))).toEqual(["compute-environment"]);
    expect(Object.keys(tf.variable)).not.toContain("update_policy_job_execution_timeout_minutes");
  });

  test("a new Spot environment at compute-environment-updatable, named <ce_name>-updatable, and not the module's", () => {
    const { tf } = synthStack({ updatableComputeEnvironment: true });
    expect(Object.keys(environments(tf))).toEqual(["compute-environment-updatable"]);
    expect(environments(tf)["compute-environment-updatable"].name).toBe("${local.ce_name}-updatable");
  });

  test("leaves service_role unset (AWS Batch's service-linked role) and waits for no service-role attachment", () => {
    const ce = environments(synthStack({ updatableComputeEnvironment: true }).tf)["compute-environment-updatable"];
    expect(ce).not.toHaveProperty("service_role");
    expect(ce).not.toHaveProperty("depends_on");
  });

  test("keeps the module's compute resources: Spot, the fleet role, bid, instance types, network, vCPU variables", () => {
    const { tf } = synthStack({ updatableComputeEnvironment: true });
    const module = environments(synthStack().tf)["compute-environment"].compute_resources;
    expect(environments(tf)["compute-environment-updatable"].compute_resources).toEqual(module);
  });

  test("an update_policy from the two variables, declared with their provider defaults and range", () => {
    const { tf } = synthStack({ updatableComputeEnvironment: true });
    expect(environments(tf)["compute-environment-updatable"].update_policy).toEqual({
      job_execution_timeout_minutes: "${var.update_policy_job_execution_timeout_minutes}",
      terminate_jobs_on_update: "${var.update_policy_terminate_jobs_on_update}",
    });
    expect(tf.variable.update_policy_job_execution_timeout_minutes).toMatchObject({ type: "number", default: 30 });
    expect(tf.variable.update_policy_job_execution_timeout_minutes.validation[0].condition).toContain("<= 360");
    expect(tf.variable.update_policy_terminate_jobs_on_update).toMatchObject({ type: "bool", default: false });
  });

  test("a precondition: an allocation strategy AWS cannot update in place fails the plan, naming the value and the three that work", () => {
    const ce = environments(synthStack({ updatableComputeEnvironment: true }).tf)["compute-environment-updatable"];
    const [precondition] = ce.lifecycle.precondition;
    expect(precondition.condition).toBe(`\${contains([${UPDATABLE_ALLOCATION_STRATEGIES.map((strategy) => `"${strategy}"`).join(", ")}], upper(var.allocation_strategy))}`);
    expect(precondition.error_message).toContain('allocation_strategy = "${var.allocation_strategy}"');
    expect(precondition.error_message).toContain("BEST_FIT_PROGRESSIVE, SPOT_CAPACITY_OPTIMIZED, SPOT_PRICE_CAPACITY_OPTIMIZED");
    expect(ce.lifecycle.ignore_changes).toEqual(["compute_resources[0].desired_vcpus"]);
  });

  test("the queue and the outputs use the updatable environment", () => {
    const { tf } = synthStack({ updatableComputeEnvironment: true });
    expect(queueOrder(tf)).toEqual([arnOf("compute-environment-updatable")]);
    expect(tf.output.batch_compute_environment_name.value).toBe("${aws_batch_compute_environment.compute-environment-updatable.name}");
  });

  test("with onDemandFallback: the fallback is updatable too, after the Spot one", () => {
    const { tf } = synthStack({ updatableComputeEnvironment: true, onDemandFallback: true });
    expect(Object.keys(environments(tf)).sort()).toEqual(["compute-environment-on-demand-updatable", "compute-environment-updatable"]);
    const fallback = environments(tf)["compute-environment-on-demand-updatable"];
    expect(fallback.name).toBe("${local.ce_name}-ondemand-updatable");
    expect(fallback).not.toHaveProperty("service_role");
    expect(queueOrder(tf)).toEqual([arnOf("compute-environment-updatable"), arnOf("compute-environment-on-demand-updatable")]);
  });
});

describe("computeEnvironmentSwap", () => {
  test('"add": both environments, the updatable one first in the queue, the module\'s after it, unchanged', () => {
    const { tf } = synthStack({ updatableComputeEnvironment: true, computeEnvironmentSwap: "add" });
    expect(Object.keys(environments(tf)).sort()).toEqual(["compute-environment", "compute-environment-updatable"]);
    expect(environments(tf)["compute-environment"]).toEqual(environments(synthStack().tf)["compute-environment"]);
    expect(queueOrder(tf)).toEqual([arnOf("compute-environment-updatable"), arnOf("compute-environment")]);
  });

  test('"add" with onDemandFallback: the two updatable environments, then as many old ones as a queue takes (3)', () => {
    const { tf } = synthStack({ updatableComputeEnvironment: true, computeEnvironmentSwap: "add", onDemandFallback: true });
    expect(Object.keys(environments(tf))).toHaveLength(4);
    expect(queueOrder(tf)).toEqual([arnOf("compute-environment-updatable"), arnOf("compute-environment-on-demand-updatable"), arnOf("compute-environment")]);
  });

  test('"add" reorders the queues of jobQueues the same way', () => {
    const { tf } = synthStack({
      updatableComputeEnvironment: true,
      computeEnvironmentSwap: "add",
      onDemandFallback: true,
      jobQueues: [{ name: "urgent", priority: 5, computeEnvironments: ["on-demand"] }],
    });
    expect(queueOrder(tf, "job_queue-urgent")).toEqual([arnOf("compute-environment-on-demand-updatable"), arnOf("compute-environment-on-demand")]);
  });

  test('"drain": the module\'s environments DISABLED and out of every queue, the updatable ones kept', () => {
    const { tf } = synthStack({ updatableComputeEnvironment: true, computeEnvironmentSwap: "drain", onDemandFallback: true });
    expect(environments(tf)["compute-environment"].state).toBe("DISABLED");
    expect(environments(tf)["compute-environment-on-demand"].state).toBe("DISABLED");
    expect(environments(tf)["compute-environment-updatable"]).not.toHaveProperty("state");
    expect(queueOrder(tf)).toEqual([arnOf("compute-environment-updatable"), arnOf("compute-environment-on-demand-updatable")]);
  });

  test("without updatableComputeEnvironment: synth fails, naming the option and the fix", () => {
    expect(() => synthStack({ computeEnvironmentSwap: "add" })).toThrow(
      'computeEnvironmentSwap = "add": the swap moves the stack onto the updatable environments, and updatableComputeEnvironment is off. Fix: set updatableComputeEnvironment: true as well',
    );
  });

  test("a phase that does not exist: synth fails, naming the value and the phases", () => {
    expect(() => synthStack({ updatableComputeEnvironment: true, computeEnvironmentSwap: "retire" as never })).toThrow(
      /^computeEnvironmentSwap = "retire": .* Fix: use "add" \(phase 1: .*\), then "drain" \(phase 2: .*\), then remove the option \(phase 3: /,
    );
  });
});

describeWithTerraform("through the stand-in: what the real plan does", () => {
  const prepared = usePreparedCheck();

  test("a new updatable stack: created, then an instance_type change is an update in place, and it applies", () => {
    const options = { modulePath: FIXTURE_MODULE, projectDir: projectWith(prepared.check, "updatableComputeEnvironment: true,") };
    const stackDir = prepared.check.synthesize(options, emptyState(prepared.check));
    prepared.check.plan(stackDir);
    expect(prepared.check.apply(stackDir).status).toBe(0);
    const changed = prepared.check.variant(stackDir, (tf) => {
      tf.resource.aws_batch_compute_environment["compute-environment-updatable"].compute_resources.instance_type = ["c6i.large"];
    });
    const plan = prepared.check.plan(changed);
    expect(describeKinds(plan)).toEqual(["update aws_batch_compute_environment.compute-environment-updatable"]);
    expect(prepared.check.apply(changed).status).toBe(0);
  });

  test("the same change on the module's environment is a replacement, which AWS refuses at apply while the queue lists it", () => {
    const { stackDir } = upstreamFixture(prepared.check);
    const changed = prepared.check.variant(stackDir, (tf) => {
      tf.resource.aws_batch_compute_environment["compute-environment"].compute_resources.instance_type = ["c6i.large"];
    });
    expect(describeKinds(prepared.check.plan(changed))).toEqual([
      "replace aws_batch_compute_environment.compute-environment (forced by compute_resources[0].instance_type)",
      "update aws_batch_job_queue.job_queue",
    ]);
    const applied = prepared.check.apply(changed);
    expect(applied.status).not.toBe(0);
    expect(applied.output).toContain(
      "Error: deleting Batch Compute Environment (ce-test-myapp-batchs): operation error Batch: DeleteComputeEnvironment, https response error StatusCode: 400",
    );
    expect(applied.output).toContain("ClientException: Cannot delete, found existing JobQueue relationship");
  });

  test("an allocation strategy AWS cannot update: the plan fails at the precondition, naming the value", () => {
    const options = { modulePath: FIXTURE_MODULE, projectDir: projectWith(prepared.check, "updatableComputeEnvironment: true,") };
    const stackDir = prepared.check.variant(prepared.check.synthesize(options, emptyState(prepared.check)), () => undefined);
    fs.appendFileSync(path.join(stackDir, "terraform.tfvars"), '\nallocation_strategy = "best_fit"\n');
    // Terraform wraps the message at 80 columns.
    expect(() => prepared.check.plan(stackDir)).toThrow(/allocation_strategy = "best_fit": with updatableComputeEnvironment AWS Batch\s+updates the compute environment in place only with BEST_FIT_PROGRESSIVE,/);
  });

  describe("the swap, phase by phase, on the state the module made", () => {
    let statePath: string;
    const phase = (options: string) => prepared.check.synthesize({ modulePath: FIXTURE_MODULE, projectDir: projectWith(prepared.check, options) }, statePath);
    const planAndApply = (stackDir: string) => {
      const plan = prepared.check.plan(stackDir);
      const applied = prepared.check.apply(stackDir);
      expect({ status: applied.status, output: applied.status === 0 ? "" : applied.output }).toEqual({ status: 0, output: "" });
      return plan;
    };

    beforeAll(() => {
      statePath = upstreamFixture(prepared.check).statePath;
    });

    test('phase 1, "add": the updatable environment is created and put first; the queue is updated, nothing replaced', () => {
      const plan = planAndApply(phase('updatableComputeEnvironment: true, computeEnvironmentSwap: "add",'));
      expect(describeKinds(plan)).toEqual(["create aws_batch_compute_environment.compute-environment-updatable", "update aws_batch_job_queue.job_queue"]);
      expect(plan.summaryLine).toBe("Plan: 1 to add, 1 to change, 0 to destroy.");
    });

    test('phase 2, "drain": the module\'s environment is disabled and leaves the queue, both in place', () => {
      const plan = planAndApply(phase('updatableComputeEnvironment: true, computeEnvironmentSwap: "drain",'));
      expect(describeKinds(plan)).toEqual(["update aws_batch_compute_environment.compute-environment", "update aws_batch_job_queue.job_queue"]);
      expect(plan.summaryLine).toBe("Plan: 0 to add, 2 to change, 0 to destroy.");
    });

    test("phase 3, the option removed: the module's environment, in no queue, is destroyed; then nothing is left to change", () => {
      const final = phase("updatableComputeEnvironment: true,");
      const plan = planAndApply(final);
      expect(describeKinds(plan)).toEqual(["delete aws_batch_compute_environment.compute-environment"]);
      expect(plan.summaryLine).toBe("Plan: 0 to add, 0 to change, 1 to destroy.");
      expect(prepared.check.plan(final).summaryLine).toBe("No changes. Your infrastructure matches the configuration.");
    });
  });

  test("phase 2 skipped: the environment taken out of the queue and destroyed in one apply is refused, as AWS may still see the queue", () => {
    const { statePath } = upstreamFixture(prepared.check);
    const options = (text: string) => ({ modulePath: FIXTURE_MODULE, projectDir: projectWith(prepared.check, text) });
    const added = prepared.check.synthesize(options('updatableComputeEnvironment: true, computeEnvironmentSwap: "add",'), statePath);
    prepared.check.plan(added);
    expect(prepared.check.apply(added).status).toBe(0);
    const final = prepared.check.synthesize(options("updatableComputeEnvironment: true,"), statePath);
    prepared.check.plan(final);
    const applied = prepared.check.apply(final);
    expect(applied.status).not.toBe(0);
    expect(applied.output).toContain("ClientException: Cannot delete, found existing JobQueue relationship");
  });
});
