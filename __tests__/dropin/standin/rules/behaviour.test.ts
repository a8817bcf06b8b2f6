// The SDK's own planning rules as the stand-in applies them, each on the
// case the provider's acceptance tests (or its schema code) settle: nested
// ForceNew, empty and null maps, nested diff suppression, what AWS gives back,
// schema defaults and values the read fills in, Optional + Computed blocks and
// attributes-as-blocks, every DiffSuppressFunc, and typed decoding of
// container properties. Each test shows both sides of its rule.
import { standinHelpers } from "../../../support/standin";
import { UNKNOWN, Value } from "../../../../dropin/standin/protocol/cty";
import { ProviderRefusal } from "../../../../dropin/standin/facts/resource-facts";
import { deriveSchema } from "../../../../dropin/standin/facts/schema";

const schema = deriveSchema([
  "batch-compute-environment",
  "batch-job-definition",
  "batch-scheduling-policy",
  "security-group",
  "security-group-rule",
  "iam-role",
  "iam-service-linked-role",
  "cloudwatch-event-rule",
  "sqs-queue",
]);
const { behaviour, created, config } = standinHelpers(schema);




/** What Terraform proposes for a new configuration: the configuration, with Optional + Computed attributes left null taken from the state. */
function proposed(type: string, state: Value, values: { [name: string]: Value }): Value {
  const next = config(type, values);
  for (const attribute of schema.resources[type].attributes) {
    if (attribute.computed && next[attribute.name] === null) {
      next[attribute.name] = state[attribute.name];
    }
  }
  return next;
}

const plan = (type: string, state: Value, values: { [name: string]: Value }) => behaviour.plan(type, state, proposed(type, state, values));

const OWN_ROLE = "arn:aws:iam::123456789012:role/role-test-origenes-batch-service";

function environment(serviceRole: string | null, resources: { [name: string]: Value } = {}): { [name: string]: Value } {
  return {
    name: "ce-test-origenes-batchs",
    type: "MANAGED",
    service_role: serviceRole,
    compute_resources: [
      {
        type: "SPOT",
        allocation_strategy: "SPOT_CAPACITY_OPTIMIZED",
        instance_type: ["m4"],
        max_vcpus: 4,
        min_vcpus: 0,
        bid_percentage: 100,
        instance_role: "arn:aws:iam::123456789012:instance-profile/p",
        spot_iam_fleet_role: "arn:aws:iam::123456789012:role/AmazonEC2SpotFleetRole",
        security_group_ids: ["sg-1"],
        subnets: ["subnet-1"],
        ...resources,
      },
    ],
  };
}

const ce = "aws_batch_compute_environment";
const template = (version: Value) => ({ launch_template: [{ launch_template_id: "lt-0abc", version }] });
const image = (imageType: string) => ({ ec2_configuration: [{ image_type: imageType }] });

describe("1. nested ForceNew: a ForceNew block forces on its number of elements only (schemaMap.diffList)", () => {
  test("a launch template version change on an updatable environment is an update", () => {
    const state = created(ce, environment(null, template("1")));
    expect(plan(ce, state, environment(null, template("2"))).requiresReplace).toEqual([]);
  });

  test("the same change on the module's environment (its own service role) replaces it, forced by the version", () => {
    const state = created(ce, environment(OWN_ROLE, template("1")));
    expect(plan(ce, state, environment(OWN_ROLE, template("2"))).requiresReplace).toEqual([["compute_resources", 0, "launch_template", 0, "version"]]);
  });

  test("adding a launch template replaces even an updatable environment, forced by the block", () => {
    const state = created(ce, environment(null));
    expect(plan(ce, state, environment(null, template("1"))).requiresReplace).toEqual([["compute_resources", 0, "launch_template"]]);
  });

  test("a version unknown at plan (a template being changed) replaces a non-updatable environment, not an updatable one", () => {
    const own = created(ce, environment(OWN_ROLE, template("1")));
    expect(plan(ce, own, environment(OWN_ROLE, template(UNKNOWN))).requiresReplace).toEqual([["compute_resources", 0, "launch_template", 0, "version"]]);
    const updatable = created(ce, environment(null, template("1")));
    expect(plan(ce, updatable, environment(null, template(UNKNOWN))).requiresReplace).toEqual([]);
  });

  test("an image type change: an update of an updatable environment, a replacement (at image_type) of the module's", () => {
    const updatable = created(ce, environment(null, image("ECS_AL2")));
    expect(plan(ce, updatable, environment(null, image("ECS_AL2023"))).requiresReplace).toEqual([]);
    const own = created(ce, environment(OWN_ROLE, image("ECS_AL2")));
    expect(plan(ce, own, environment(OWN_ROLE, image("ECS_AL2023"))).requiresReplace).toEqual([["compute_resources", 0, "ec2_configuration", 0, "image_type"]]);
  });

  test("a list of primitives takes its ForceNew to each element: one CIDR block changed replaces the rule", () => {
    const rule = { type: "egress", from_port: 443, to_port: 443, protocol: "tcp", cidr_blocks: ["10.0.0.0/8"], security_group_id: "sg-1" };
    const state = created("aws_security_group_rule", rule);
    expect(plan("aws_security_group_rule", state, { ...rule, cidr_blocks: ["10.1.0.0/16"] }).requiresReplace).toEqual([["cidr_blocks"]]);
  });
});

describe("2. empty and null maps plan as no map (schemaMap.diffMap; TestAccBatchJobDefinition_tags_EmptyMap, _tags_null, TestAccIAMRole_diffs)", () => {
  const definition = { name: "jdef", type: "container", container_properties: '{"image": "busybox"}' };
  const state = created("aws_batch_job_definition", definition);

  test.each([
    ["tags = {}", {}],
    ["tags = { k = null }", { k: null }],
  ])("%s against a state without tags: no change", (_what, tags) => {
    expect(plan("aws_batch_job_definition", state, { ...definition, tags }).value.tags).toEqual(state.tags);
  });

  test("tags = {} against a state with tags removes them", () => {
    const tagged = created("aws_batch_job_definition", { ...definition, tags: { team: "data" } });
    expect(plan("aws_batch_job_definition", tagged, { ...definition, tags: {} }).value.tags).toBeNull();
  });

  test("a null element is dropped from a map that has others", () => {
    expect(plan("aws_batch_job_definition", state, { ...definition, tags: { team: "data", k: null } }).value.tags).toEqual({ team: "data" });
  });
});

describe("3. nested diff suppression: inline_policy's block-level DiffSuppressFunc (TestAccIAMRole_InlinePolicy_ignoreOrder)", () => {
  const trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ec2.amazonaws.com"}}]}';
  const inline = (actions: string[]) => [
    { name: "describe", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Action: actions, Effect: "Allow", Resource: "*" }] }) },
  ];
  const actions = ["ec2:DescribeScheduledInstances", "ec2:DescribeScheduledInstanceAvailability", "ec2:DescribeFastSnapshotRestores", "ec2:DescribeElasticGpus"];
  const state = created("aws_iam_role", { name: "role", assume_role_policy: trust, inline_policy: inline(actions) });

  test("the same actions in another order: no change", () => {
    const reordered = [actions[3], actions[0], actions[2], actions[1]];
    expect(plan("aws_iam_role", state, { name: "role", assume_role_policy: trust, inline_policy: inline(reordered) }).value.inline_policy).toEqual(state.inline_policy);
  });

  test("two inline policies in the other order, each reordered: still no change (matched by name, not by position)", () => {
    const two = (first: string[], second: string[]) => [
      { name: "a", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Action: first, Effect: "Allow", Resource: "*" }] }) },
      { name: "b", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Action: second, Effect: "Allow", Resource: "*" }] }) },
    ];
    const both = created("aws_iam_role", { name: "role2", assume_role_policy: trust, inline_policy: two(actions, actions.slice(2)) });
    const swapped = [...two([...actions].reverse(), actions.slice(2).reverse())].reverse();
    expect(plan("aws_iam_role", both, { name: "role2", assume_role_policy: trust, inline_policy: swapped }).value.inline_policy).toEqual(both.inline_policy);
  });

  test("an action fewer: the change is planned", () => {
    const fewer = plan("aws_iam_role", state, { name: "role", assume_role_policy: trust, inline_policy: inline(actions.slice(1)) });
    expect(fewer.value.inline_policy).not.toEqual(state.inline_policy);
  });
});

describe("4. what AWS gives back: the read after apply", () => {
  test("an empty retry_strategy {} is not returned, so the next plan is not empty (TestAccBatchJobDefinition_emptyRetryStrategy)", () => {
    const definition = { name: "jdef", type: "container", container_properties: '{"image": "busybox"}', retry_strategy: [{}] };
    const state = created("aws_batch_job_definition", definition);
    expect(state.retry_strategy).toEqual([]);
    const again = plan("aws_batch_job_definition", state, definition);
    expect(again.value.retry_strategy).toHaveLength(1);
    expect(again.value.arn).toBe(UNKNOWN);
  });

  test("a retry strategy with attempts is returned and plans no change", () => {
    const definition = { name: "jdef", type: "container", container_properties: '{"image": "busybox"}', retry_strategy: [{ attempts: 2 }] };
    const state = created("aws_batch_job_definition", definition);
    expect(plan("aws_batch_job_definition", state, definition).value).toEqual(state);
  });

  test("a managed EC2 or Spot environment created without ec2_configuration reads back AWS's default image type, kept while unconfigured", () => {
    const state = created(ce, environment(OWN_ROLE));
    expect(state.compute_resources[0].ec2_configuration).toEqual([{ image_id_override: null, image_kubernetes_version: null, image_type: "ECS_AL2" }]);
    expect(plan(ce, state, environment(OWN_ROLE)).value.compute_resources[0].ec2_configuration).toEqual(state.compute_resources[0].ec2_configuration);
  });

  test("an all-protocols rule's ports are stored as 0, and the configured -1 is no change", () => {
    const rule = { type: "egress", from_port: -1, to_port: -1, protocol: "all", cidr_blocks: ["0.0.0.0/0"], security_group_id: "sg-1" };
    const state = created("aws_security_group_rule", rule);
    expect([state.from_port, state.to_port]).toEqual([0, 0]);
    expect(plan("aws_security_group_rule", state, rule).requiresReplace).toEqual([]);
  });
});

describe("5. schema defaults and values the read fills in", () => {
  test("a security group's description defaults to \"Managed by Terraform\": writing it is no change, another one replaces", () => {
    const group = { name: "sgr", vpc_id: "vpc-1" };
    const state = created("aws_security_group", group);
    expect(state.description).toBe("Managed by Terraform");
    expect(plan("aws_security_group", state, { ...group, description: "Managed by Terraform" }).requiresReplace).toEqual([]);
    expect(plan("aws_security_group", state, { ...group, description: "Batch" }).requiresReplace).toEqual([["description"]]);
  });

  test("an event rule's bus defaults to \"default\": writing it is no replacement", () => {
    const rule = { name: "rule", event_pattern: '{"source":["aws.s3"]}' };
    const state = created("aws_cloudwatch_event_rule", rule);
    expect(state.event_bus_name).toBe("default");
    expect(plan("aws_cloudwatch_event_rule", state, { ...rule, event_bus_name: "default" }).requiresReplace).toEqual([]);
  });

  test("an SQS queue reads back SSE-SQS on: setting sqs_managed_sse_enabled = false is an update", () => {
    const state = created("aws_sqs_queue", { name: "dlq" });
    expect(state.sqs_managed_sse_enabled).toBe(true);
    expect(plan("aws_sqs_queue", state, { name: "dlq" }).value.sqs_managed_sse_enabled).toBe(true);
    expect(plan("aws_sqs_queue", state, { name: "dlq", sqs_managed_sse_enabled: false }).value.sqs_managed_sse_enabled).toBe(false);
  });

  test("a stored zero value (a scheduling policy's share_decay_seconds) against nothing configured is no change (diffString's Zero())", () => {
    const policy = { name: "fair", fair_share_policy: [{ share_distribution: [{ share_identifier: "a", weight_factor: 1 }] }] };
    const state = created("aws_batch_scheduling_policy", policy);
    expect(state.fair_share_policy[0].share_decay_seconds).toBe(0);
    expect(plan("aws_batch_scheduling_policy", state, policy).value.fair_share_policy[0].share_decay_seconds).toBe(0);
  });
});

describe("6. Optional + Computed blocks and attributes-as-blocks", () => {
  test("an update_policy left out of the configuration keeps its prior value (schemaMap.diffList)", () => {
    const state = created(ce, { ...environment(null), update_policy: [{ job_execution_timeout_minutes: 60, terminate_jobs_on_update: true }] });
    expect(plan(ce, state, environment(null)).value.update_policy).toEqual(state.update_policy);
  });

  test("update_policy's own defaults: 30 minutes, jobs not terminated", () => {
    expect(created(ce, { ...environment(null), update_policy: [{}] }).update_policy).toEqual([{ job_execution_timeout_minutes: 30, terminate_jobs_on_update: false }]);
  });

  test("egress is an Optional + Computed attribute (ConfigModeAttr): left out it is kept, `egress = []` clears it", () => {
    const rules = [{ cidr_blocks: ["0.0.0.0/0"], description: "all", from_port: 0, to_port: 0, protocol: "-1", ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false }];
    const state = created("aws_security_group", { name: "sgr", vpc_id: "vpc-1", egress: rules });
    expect(plan("aws_security_group", state, { name: "sgr", vpc_id: "vpc-1" }).value.egress).toEqual(state.egress);
    expect(behaviour.plan("aws_security_group", state, { ...proposed("aws_security_group", state, { name: "sgr", vpc_id: "vpc-1" }), egress: [] }).value.egress).toEqual([]);
  });
});

describe("7. the other DiffSuppressFuncs of served attributes", () => {
  test("an event rule's state left unset keeps the stored one (`old != \"\" && new == \"\"`); a configured one is a change", () => {
    const rule = { name: "rule", event_pattern: '{"source":["aws.s3"]}' };
    const state = created("aws_cloudwatch_event_rule", rule);
    expect([state.state, state.is_enabled]).toEqual(["ENABLED", true]);
    expect(plan("aws_cloudwatch_event_rule", state, rule).value).toMatchObject({ state: "ENABLED", is_enabled: true });
    expect(plan("aws_cloudwatch_event_rule", state, { ...rule, state: "DISABLED" }).value.state).toBe("DISABLED");
  });

  test("an application-autoscaling service-linked role's unset custom_suffix is no change; others' is", () => {
    const autoscaling = created("aws_iam_service_linked_role", { aws_service_name: "ecs.application-autoscaling.amazonaws.com", custom_suffix: "x" });
    expect(plan("aws_iam_service_linked_role", autoscaling, { aws_service_name: "ecs.application-autoscaling.amazonaws.com" }).requiresReplace).toEqual([]);
    const spot = created("aws_iam_service_linked_role", { aws_service_name: "spot.amazonaws.com", custom_suffix: "x" });
    expect(plan("aws_iam_service_linked_role", spot, { aws_service_name: "spot.amazonaws.com" }).requiresReplace).toEqual([["custom_suffix"]]);
  });
});

describe("typed decoding of container properties (validJobContainerProperties, expandContainerProperties)", () => {
  const withEnvironment = (value: string) => `{"image": "busybox", "environment": [{"name": "MEMORY", "value": ${value}}]}`;

  test("a number where the SDK's type has a string fails the plan's validation, with encoding/json's words", () => {
    expect(behaviour.validate("aws_batch_job_definition", config("aws_batch_job_definition", { name: "j", type: "container", container_properties: withEnvironment("1024") }))).toEqual([
      expect.objectContaining({
        summary: "AWS Batch Job container_properties is invalid: json: cannot unmarshal number into Go struct field KeyValuePair.Environment.Value of type string",
      }),
    ]);
    expect(behaviour.validate("aws_batch_job_definition", config("aws_batch_job_definition", { name: "j", type: "container", container_properties: withEnvironment('"1024"') }))).toEqual([]);
  });

  test("a value only known at apply (a rendered template) fails the apply with the decoding error, as the create does", () => {
    const definition = config("aws_batch_job_definition", { name: "j", type: "container", container_properties: UNKNOWN });
    const planned = { ...behaviour.plan("aws_batch_job_definition", null, definition).value, container_properties: withEnvironment("1024") };
    expect(() => behaviour.apply("aws_batch_job_definition", planned)).toThrow(ProviderRefusal);
    expect(() => behaviour.apply("aws_batch_job_definition", planned)).toThrow(/json: cannot unmarshal number into Go struct field KeyValuePair\.Environment\.Value of type string/);
    expect(() => behaviour.apply("aws_batch_job_definition", { ...planned, container_properties: withEnvironment('"1024"') })).not.toThrow();
  });

  test("a string where the type has a number (ulimits softLimit) is refused too", () => {
    const problems = behaviour.validate(
      "aws_batch_job_definition",
      config("aws_batch_job_definition", { name: "j", type: "container", container_properties: '{"ulimits": [{"name": "nofile", "softLimit": "1024", "hardLimit": 4096}]}' }),
    );
    expect(problems.map((problem) => problem.summary)).toEqual([
      "AWS Batch Job container_properties is invalid: json: cannot unmarshal string into Go struct field Ulimit.Ulimits.SoftLimit of type int32",
    ]);
  });
});

describe("plan and apply: computed values, deterministic applies, documents", () => {
  const schema = deriveSchema(["iam-role", "security-group", "data-aws-iam-policy-document"]);
  const { behaviour } = standinHelpers(schema);
  const roleConfig = {
    ...Object.fromEntries(schema.resources.aws_iam_role.attributes.map((entry) => [entry.name, null])),
    name: "role-test-myapp-batch-service",
    assume_role_policy: '{"Version": "2012-10-17", "Statement": []}',
    tags: { owner: "me" },
    inline_policy: [],
  };

  test("on create, computed attributes are unknown, but region and tags_all are known as the real provider plans them", () => {
    const planned = behaviour.plan("aws_iam_role", null, roleConfig).value;
    expect(planned.arn).toBe(UNKNOWN);
    expect(planned.unique_id).toBe(UNKNOWN);
    expect(planned.tags_all).toEqual({ owner: "me" });
    expect(planned.assume_role_policy).toBe(roleConfig.assume_role_policy);
  });

  test("the objects of an attribute the bindings make a block (egress, ConfigModeAttr) are planned as configured", () => {
    const group = {
      ...Object.fromEntries(schema.resources.aws_security_group.attributes.map((entry) => [entry.name, null])),
      name: "sgr",
      egress: [{ cidr_blocks: ["0.0.0.0/0"], description: null, from_port: 0, to_port: 0, protocol: "-1", ipv6_cidr_blocks: null, prefix_list_ids: null, security_groups: null, self: null }],
      ingress: [],
      timeouts: null,
    };
    const planned = behaviour.plan("aws_security_group", null, group).value;
    expect(planned.egress[0].description).toBeNull();
    expect(planned.id).toBe(UNKNOWN);
  });

  test("apply fills unknowns the same way every time", () => {
    const planned = behaviour.plan("aws_iam_role", null, roleConfig).value;
    const first = behaviour.apply("aws_iam_role", planned).value;
    const second = behaviour.apply("aws_iam_role", planned).value;
    expect(first).toEqual(second);
    expect(first.arn).toBe("arn:aws:iam::123456789012:role/role-test-myapp-batch-service");
    expect(first.id).toBe("role-test-myapp-batch-service");
  });

  test("a policy equal as JSON but spelled differently keeps the state's text, as the real provider's diff suppression does", () => {
    const prior = behaviour.apply("aws_iam_role", behaviour.plan("aws_iam_role", null, roleConfig).value).value;
    const respelled = { ...prior, assume_role_policy: '{\n  "Statement": [],\n  "Version": "2012-10-17"\n}' };
    const same = behaviour.plan("aws_iam_role", prior, respelled);
    expect(same.value.assume_role_policy).toBe(prior.assume_role_policy);
    expect(same.legacyTypeSystem).toBe(true);
    const changed = { ...prior, assume_role_policy: '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny"}]}' };
    expect(behaviour.plan("aws_iam_role", prior, changed).value.assume_role_policy).toBe(changed.assume_role_policy);
  });

  test("data.aws_iam_policy_document renders the document as the real provider lays it out", () => {
    const state = behaviour.read("aws_iam_policy_document", {
      ...Object.fromEntries(schema.dataSources.aws_iam_policy_document.attributes.map((entry) => [entry.name, null])),
      statement: [
        {
          actions: ["sts:AssumeRole"],
          effect: null,
          not_actions: null,
          not_resources: null,
          resources: null,
          sid: null,
          condition: [],
          not_principals: [],
          principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }],
        },
      ],
    });
    expect(JSON.parse(state.json)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } }],
    });
  });
});
