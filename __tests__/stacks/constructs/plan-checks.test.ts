import { Construct } from "constructs";
import { PlanChecks } from "../../../stacks/constructs/plan-checks";
import { MODULE_VARIABLES } from "../../../stacks/module-contract";
import { synthJson } from "../../support/constructs";

const synthChecks = () => synthJson((scope) => new PlanChecks(scope, "plan-checks"));

test("adds exactly the two fit checks, at their check addresses", () => {
  expect(Object.keys(synthChecks().check).sort()).toEqual(["compute_environment_vcpu_bounds", "job_fits_compute_environment"]);
});

test("check.compute_environment_vcpu_bounds asserts min_vcpus <= desired_vcpus <= max_vcpus and says how to fix it", () => {
  expect(synthChecks().check.compute_environment_vcpu_bounds).toEqual({
    assert: [
      {
        condition: "${var.min_vcpus <= var.desired_vcpus && var.desired_vcpus <= var.max_vcpus}",
        error_message:
          "min_vcpus = ${var.min_vcpus}, desired_vcpus = ${var.desired_vcpus}, max_vcpus = ${var.max_vcpus}: " +
          "AWS Batch needs min_vcpus <= desired_vcpus <= max_vcpus; change them so they are in that order.",
      },
    ],
  });
});

test("check.job_fits_compute_environment asserts batch_vcpus <= max_vcpus and names both values", () => {
  expect(synthChecks().check.job_fits_compute_environment).toEqual({
    assert: [
      {
        condition: "${var.batch_vcpus <= var.max_vcpus}",
        error_message:
          "batch_vcpus = ${var.batch_vcpus} is more than max_vcpus = ${var.max_vcpus}: such a job can never be placed " +
          "and stays RUNNABLE forever. Raise max_vcpus to at least ${var.batch_vcpus} or lower batch_vcpus.",
      },
    ],
  });
});

test("reads only module variables: no resource, no data source, and every var.<name> is declared by the module", () => {
  const tf = synthChecks();
  expect(tf.resource).toBeUndefined();
  expect(tf.data).toBeUndefined();
  const referenced = JSON.stringify(tf.check).match(/var\.[a-z_]+/g)!;
  expect(referenced.length).toBeGreaterThan(0);
  for (const reference of referenced) {
    expect(Object.keys(MODULE_VARIABLES)).toContain(reference.slice("var.".length));
  }
});

test("puts the checks at the stack's top level when created inside a nested construct", () => {
  const tf = synthJson((scope) => new PlanChecks(new Construct(scope, "nested"), "plan-checks"));
  expect(Object.keys(tf.check).sort()).toEqual(["compute_environment_vcpu_bounds", "job_fits_compute_environment"]);
});
