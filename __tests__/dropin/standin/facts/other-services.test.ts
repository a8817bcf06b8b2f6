// The plan rules of the non-Batch rows (dropin/standin/facts/other-services.ts),
// one behaviour each: what forces a replacement, what is only an update,
// and which JSON documents are the same. Terraform-level cascades:
// __tests__/dropin/check/check.test.ts.
import { standinHelpers } from "../../../support/standin";
import { Value } from "../../../../dropin/standin/protocol/cty";
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
const { created, planChange } = standinHelpers(schema);







describe("security groups and their rules", () => {
  const group = created("aws_security_group", { name: "sgr-test-origenes-batch", description: "Allow Private subnets access batch", vpc_id: "vpc-1" });
  const rule = created("aws_security_group_rule", {
    type: "egress",
    from_port: 0,
    to_port: 0,
    protocol: "-1",
    cidr_blocks: ["0.0.0.0/0"],
    security_group_id: "sg-1",
    description: "Allow all Outbound Traffic for Batch",
  });

  test("a group's description is ForceNew", () => {
    expect(planChange("aws_security_group", group, { description: "Allow private subnets" }).requiresReplace).toEqual([["description"]]);
  });

  test("a rule's cidr_blocks are ForceNew", () => {
    expect(planChange("aws_security_group_rule", rule, { cidr_blocks: ["10.0.0.0/8"] }).requiresReplace).toEqual([["cidr_blocks"]]);
  });

  test("a rule's description updates in place", () => {
    expect(planChange("aws_security_group_rule", rule, { description: "Outbound" }).requiresReplace).toEqual([]);
  });

  test("protocol `all` is `-1`, and with it a stored port 0 is any port: no change", () => {
    const plan = planChange("aws_security_group_rule", rule, { protocol: "all", from_port: -1, to_port: 65535 });
    expect(plan.requiresReplace).toEqual([]);
    expect([plan.value.protocol, plan.value.from_port, plan.value.to_port]).toEqual(["-1", 0, 0]);
  });

  test("protocol `tcp` is a real change of a `-1` rule", () => {
    expect(planChange("aws_security_group_rule", rule, { protocol: "tcp" }).requiresReplace).toEqual([["protocol"]]);
  });
});

describe("JSON documents compared as the real provider compares them", () => {
  const policy = (resource: Value) =>
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetBucketLocation"], Resource: resource }] });
  const state = created("aws_iam_policy", { name: "policy-test", policy: policy("*") });

  test('an IAM policy with `"Resource": "*"` planned as `["*"]` keeps the state: no change', () => {
    const plan = planChange("aws_iam_policy", state, { policy: policy(["*"]) });
    expect(plan.value.policy).toBe(state.policy);
  });

  test("another resource is a change", () => {
    const plan = planChange("aws_iam_policy", state, { policy: policy(["arn:aws:s3:::mybucket"]) });
    expect(plan.value.policy).toBe(policy(["arn:aws:s3:::mybucket"]));
  });

  test("container properties: a key the SDK does not know (retryStrategy) is invisible, so no new revision", () => {
    const definition = created("aws_batch_job_definition", { name: "jdef", type: "container", container_properties: '{"image": "busybox"}' });
    const plan = planChange("aws_batch_job_definition", definition, { container_properties: '{"image": "busybox", "retryStrategy": {"attempts": 2}}' });
    expect(plan.value.container_properties).toBe(definition.container_properties);
    expect(plan.value.arn).toBe(definition.arn);
  });
});

