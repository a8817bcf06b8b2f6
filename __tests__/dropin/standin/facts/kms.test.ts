// The plan rules of the KMS rows (dropin/standin/facts/kms.ts), one
// behaviour each: a created key plans no change, equivalent key policies are
// the same, what updates in place and what forces a replacement.
import { standinHelpers } from "../../../support/standin";
import { Value } from "../../../../dropin/standin/protocol/cty";
import { deriveSchema } from "../../../../dropin/standin/facts/schema";
import { KMS_RESOURCE_FACTS } from "../../../../dropin/standin/facts/kms";

const schema = deriveSchema(["kms-key"]);
const { behaviour, created, planChange } = standinHelpers(schema);




const statement = (sid: string, action: string | string[]) => ({
  Sid: sid,
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::123456789012:root" },
  Action: action,
  Resource: "*",
});

describe("aws_kms_key", () => {
  test("the row is the one served", () => {
    expect(behaviour.schemaVersion("aws_kms_key")).toBe(KMS_RESOURCE_FACTS.aws_kms_key.schemaVersion);
  });

  const key = created("aws_kms_key", { description: "batch secrets" });

  test("created, it plans no change; the read filled in the defaults and what AWS assigns", () => {
    const plan = planChange("aws_kms_key", key, {});
    expect(plan.requiresReplace).toEqual([]);
    expect(plan.value).toEqual(key);
    expect(key).toMatchObject({
      key_usage: "ENCRYPT_DECRYPT",
      customer_master_key_spec: "SYMMETRIC_DEFAULT",
      is_enabled: true,
      enable_key_rotation: false,
      bypass_policy_lockout_safety_check: false,
      multi_region: false,
      key_id: key.id,
    });
    expect(JSON.parse(key.policy).Statement[0].Sid).toBe("Enable IAM User Permissions");
  });

  test("left without a policy, the default key policy stated in other words is no change", () => {
    const stated = JSON.stringify(
      {
        Version: "2012-10-17",
        Id: "key-default-1",
        Statement: { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: ["arn:aws:iam::123456789012:root"] }, Action: ["kms:*"], Resource: ["*"] },
      },
      null,
      2,
    );
    const plan = planChange("aws_kms_key", key, { policy: stated, description: "batch secrets" });
    expect(plan.value).toEqual(key);
  });

  describe("a key policy", () => {
    const policy = (statements: Value[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
    const admin = statement("Admin", "kms:*");
    const use = statement("Use", ["kms:Decrypt", "kms:GenerateDataKey"]);
    const withPolicy = created("aws_kms_key", { policy: policy([admin, use]) });

    test("with the same statements reordered (and actions reordered) is no change", () => {
      const reordered = policy([statement("Use", ["kms:GenerateDataKey", "kms:Decrypt"]), admin]);
      const plan = planChange("aws_kms_key", withPolicy, { policy: reordered });
      expect(plan.requiresReplace).toEqual([]);
      expect(plan.value).toEqual(withPolicy);
    });

    test("with another action is a change, in place", () => {
      const changed = policy([admin, statement("Use", ["kms:Decrypt"])]);
      const plan = planChange("aws_kms_key", withPolicy, { policy: changed });
      expect(plan.requiresReplace).toEqual([]);
      expect(plan.value.policy).toBe(changed);
    });
  });

  test("enable_key_rotation updates in place, and KMS rotates every 365 days when no period is given", () => {
    const plan = planChange("aws_kms_key", key, { enable_key_rotation: true });
    expect(plan.requiresReplace).toEqual([]);
    expect(plan.value.enable_key_rotation).toBe(true);
    expect(plan.value.arn).toBe(key.arn);
    const updated = behaviour.apply("aws_kms_key", plan.value).value;
    expect(updated.rotation_period_in_days).toBe(365);
    expect(planChange("aws_kms_key", updated, {}).value).toEqual(updated);
  });

  test("key_usage is ForceNew", () => {
    expect(planChange("aws_kms_key", key, { key_usage: "SIGN_VERIFY" }).requiresReplace).toEqual([["key_usage"]]);
  });

  test("customer_master_key_spec and multi_region are ForceNew", () => {
    const plan = planChange("aws_kms_key", key, { customer_master_key_spec: "RSA_2048", multi_region: true });
    expect(plan.requiresReplace).toEqual(expect.arrayContaining([["customer_master_key_spec"], ["multi_region"]]));
    expect(plan.requiresReplace).toHaveLength(2);
  });

  test("description and is_enabled update in place", () => {
    expect(planChange("aws_kms_key", key, { description: "other", is_enabled: false }).requiresReplace).toEqual([]);
  });

  test("another region replaces the key", () => {
    expect(planChange("aws_kms_key", key, { region: "eu-west-1" }).requiresReplace).toEqual([["region"]]);
  });
});
