// The plan rules of the Batch rows (dropin/standin/facts/batch.ts, which
// cites the provider source), one behaviour each: what forces a replacement,
// what is only an update, what a new job definition revision changes, and
// how state from older provider versions is upgraded. Terraform-level
// cascades: __tests__/dropin/check/check.test.ts.
import { shaped, standinHelpers } from "../../../support/standin";
import { UNKNOWN, Value } from "../../../../dropin/standin/protocol/cty";
import { ProviderRefusal } from "../../../../dropin/standin/facts/resource-facts";
import { deriveSchema } from "../../../../dropin/standin/facts/schema";

const schema = deriveSchema([
  "batch-compute-environment",
  "batch-job-queue",
  "batch-job-definition",
  "security-group",
  "security-group-rule",
  "iam-role",
  "iam-policy",
]);
const { behaviour, created, planChange } = standinHelpers(schema);




const OWN_SERVICE_ROLE = "arn:aws:iam::123456789012:role/role-test-origenes-batch-service";
const SERVICE_LINKED_ROLE = "arn:aws:iam::123456789012:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch";

function computeEnvironment(serviceRole: string | null, allocationStrategy: string): Value {
  return created("aws_batch_compute_environment", {
    name: "ce-test-origenes-batchs",
    type: "MANAGED",
    service_role: serviceRole,
    compute_resources: [
      {
        type: "SPOT",
        allocation_strategy: allocationStrategy,
        instance_type: ["m4"],
        max_vcpus: 1,
        min_vcpus: 0,
        bid_percentage: 100,
        instance_role: "arn:aws:iam::123456789012:instance-profile/role-test-origenes-batch-instance-profile",
        spot_iam_fleet_role: "arn:aws:iam::123456789012:role/AmazonEC2SpotFleetRole",
        security_group_ids: ["sg-1"],
        subnets: ["subnet-1"],
      },
    ],
  });
}

function withResources(state: Value, change: { [name: string]: Value }): Value {
  return { compute_resources: [{ ...state.compute_resources[0], ...change }] };
}

describe("aws_batch_compute_environment, as the module has it (its own service role): never updatable", () => {
  const state = computeEnvironment(OWN_SERVICE_ROLE, "SPOT_CAPACITY_OPTIMIZED");

  test.each([
    ["instance_type", ["c5"]],
    ["subnets", ["subnet-2"]],
    ["security_group_ids", ["sg-2"]],
    ["bid_percentage", 60],
    ["allocation_strategy", "SPOT_PRICE_CAPACITY_OPTIMIZED"],
    ["instance_role", "arn:aws:iam::123456789012:instance-profile/other"],
  ])("a change of %s replaces it", (name, value) => {
    const plan = planChange("aws_batch_compute_environment", state, withResources(state, { [name]: value }));
    expect(plan.requiresReplace).toEqual([["compute_resources", 0, name]]);
  });

  test("the Spot fleet role is ForceNew: a role that will be replaced (unknown ARN) replaces it", () => {
    const plan = planChange("aws_batch_compute_environment", state, withResources(state, { spot_iam_fleet_role: UNKNOWN }));
    expect(plan.requiresReplace).toEqual([["compute_resources", 0, "spot_iam_fleet_role"]]);
  });

  test.each([
    ["max_vcpus", 16],
    ["min_vcpus", 1],
  ])("a change of %s is an update in place", (name, value) => {
    const plan = planChange("aws_batch_compute_environment", state, withResources(state, { [name]: value }));
    expect(plan.requiresReplace).toEqual([]);
    expect(plan.value.compute_resources[0][name]).toBe(value);
  });

  test("the name is ForceNew", () => {
    expect(planChange("aws_batch_compute_environment", state, { name: "ce-other" }).requiresReplace).toEqual([["name"]]);
  });

  test("types are stored upper-case: `spot` and `managed` are no change", () => {
    const plan = planChange("aws_batch_compute_environment", state, { type: "managed", ...withResources(state, { type: "spot" }) });
    expect(plan.requiresReplace).toEqual([]);
    expect(plan.value.type).toBe("MANAGED");
    expect(plan.value.compute_resources[0].type).toBe("SPOT");
  });
});

describe("aws_batch_compute_environment with the Batch service-linked role: the updatable rule", () => {
  test("service-linked role and SPOT_CAPACITY_OPTIMIZED: an instance_type change is an update", () => {
    const state = computeEnvironment(SERVICE_LINKED_ROLE, "SPOT_CAPACITY_OPTIMIZED");
    const plan = planChange("aws_batch_compute_environment", state, withResources(state, { instance_type: ["c5"] }));
    expect(plan.requiresReplace).toEqual([]);
  });

  test("no service role at all counts as the service-linked role", () => {
    const state = computeEnvironment(null, "SPOT_PRICE_CAPACITY_OPTIMIZED");
    const plan = planChange("aws_batch_compute_environment", state, withResources(state, { subnets: ["subnet-2"] }));
    expect(plan.requiresReplace).toEqual([]);
  });

  test("an allocation strategy that is not updatable (BEST_FIT) makes the same change a replacement", () => {
    const state = computeEnvironment(SERVICE_LINKED_ROLE, "BEST_FIT");
    const plan = planChange("aws_batch_compute_environment", state, withResources(state, { instance_type: ["c5"] }));
    expect(plan.requiresReplace).toEqual([["compute_resources", 0, "instance_type"]]);
  });

  test("moving from the service-linked role to an own role in the same change is not updatable", () => {
    const state = computeEnvironment(SERVICE_LINKED_ROLE, "SPOT_CAPACITY_OPTIMIZED");
    const plan = planChange("aws_batch_compute_environment", state, {
      service_role: OWN_SERVICE_ROLE,
      ...withResources(state, { instance_type: ["c5"] }),
    });
    expect(plan.requiresReplace).toEqual([["compute_resources", 0, "instance_type"]]);
  });
});

describe("aws_batch_job_definition: new revisions and replacements", () => {
  const state = created("aws_batch_job_definition", {
    name: "jdef-test-origenes-functionaltest",
    type: "container",
    container_properties: '{"image": "busybox", "vcpus": 1, "memory": 1024}',
    tags: { Name: "functionaltest" },
  });

  test("a real change of the container properties is a new revision: arn, revision and id unknown", () => {
    const plan = planChange("aws_batch_job_definition", state, { container_properties: '{"image": "busybox", "vcpus": 2, "memory": 1024}' });
    expect(plan.requiresReplace).toEqual([]);
    expect([plan.value.arn, plan.value.revision, plan.value.id]).toEqual([UNKNOWN, UNKNOWN, UNKNOWN]);
  });

  test("a tags-only change keeps the revision and its ARN", () => {
    const plan = planChange("aws_batch_job_definition", state, { tags: { Name: "renamed" } });
    expect(plan.value.arn).toBe(state.arn);
    expect(plan.requiresReplace).toEqual([]);
  });

  test("adding evaluate_on_exit rules replaces the job definition", () => {
    const plan = planChange("aws_batch_job_definition", state, {
      retry_strategy: [shaped(schema.resources.aws_batch_job_definition.blockTypes.find((b) => b.typeName === "retry_strategy")!.block, {
        attempts: 2,
        evaluate_on_exit: [{ action: "RETRY", on_status_reason: "Host EC2*" }],
      })],
    });
    expect(plan.requiresReplace).toEqual([["retry_strategy", 0, "evaluate_on_exit"]]);
  });

  test("a retry strategy without evaluate_on_exit is a new revision, not a replacement", () => {
    const retry = schema.resources.aws_batch_job_definition.blockTypes.find((b) => b.typeName === "retry_strategy")!.block;
    const plan = planChange("aws_batch_job_definition", state, { retry_strategy: [shaped(retry, { attempts: 2 })] });
    expect(plan.requiresReplace).toEqual([]);
    expect(plan.value.arn).toBe(UNKNOWN);
  });
});

describe("aws_batch_job_queue", () => {
  const state = created("aws_batch_job_queue", {
    name: "queue-test-origenes-functionaltest",
    state: "ENABLED",
    priority: 1,
    compute_environment_order: [{ order: 0, compute_environment: "arn:aws:batch:eu-central-1:123456789012:compute-environment/ce" }],
  });

  test("the name requires a replacement", () => {
    expect(planChange("aws_batch_job_queue", state, { name: "queue-other" }).requiresReplace).toEqual([["name"]]);
  });

  test("priority and the environments' order update in place", () => {
    const plan = planChange("aws_batch_job_queue", state, {
      priority: 10,
      compute_environment_order: [{ order: 0, compute_environment: UNKNOWN }],
    });
    expect(plan.requiresReplace).toEqual([]);
  });
});

describe("state from older provider versions", () => {
  const upgrade = (type: string, version: number, attributes: object) => behaviour.upgrade(type, version, JSON.stringify(attributes));

  test("declares the real schema versions: compute environment 1, job queue 2", () => {
    expect([behaviour.schemaVersion("aws_batch_compute_environment"), behaviour.schemaVersion("aws_batch_job_queue")]).toEqual([1, 2]);
  });

  test("compute environment at version 0: compute_environment_name becomes name", () => {
    const state = upgrade("aws_batch_compute_environment", 0, { compute_environment_name: "ce-test", type: "MANAGED" });
    expect(state.name).toBe("ce-test");
    expect(state).not.toHaveProperty("compute_environment_name");
  });

  test("job queue at version 1 (aws 5.14 to 5.x): compute_environments becomes ordered blocks, order = list position", () => {
    const state = upgrade("aws_batch_job_queue", 1, { name: "queue", compute_environments: ["arn:ce-spot", "arn:ce-on-demand"] });
    expect(state.compute_environment_order).toEqual([
      { order: 0, compute_environment: "arn:ce-spot" },
      { order: 1, compute_environment: "arn:ce-on-demand" },
    ]);
    expect(state).not.toHaveProperty("compute_environments");
  });

  test("job queue at version 0 (aws < 5.14): refused with the real provider's Value Conversion Error", () => {
    expect(() => upgrade("aws_batch_job_queue", 0, { name: "queue", compute_environments: ["arn:ce"] })).toThrow(ProviderRefusal);
    expect(() => upgrade("aws_batch_job_queue", 0, { name: "queue", compute_environments: ["arn:ce"] })).toThrow(
      /Value Conversion Error.*Struct defines fields not found in object: compute_environments/s,
    );
  });

  test("attributes an older provider wrote that 6.x no longer has are dropped, not refused", () => {
    const state = upgrade("aws_iam_role", 0, { name: "role", assume_role_policy: "{}", removed_in_v6: "x" });
    expect(state).not.toHaveProperty("removed_in_v6");
    expect(state.name).toBe("role");
  });

  test("a refresh fills in the per-resource region aws 5.x state does not have, as the real provider's read does", () => {
    const state = upgrade("aws_batch_job_queue", 1, { name: "queue", compute_environments: ["arn:ce"] });
    expect(state.region).toBeNull();
    expect(behaviour.refresh("aws_batch_job_queue", state).region).toBe("eu-central-1");
  });
});
