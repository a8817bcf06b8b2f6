// The plan rules of the operations rows (dropin/standin/facts/operations.ts,
// which cites the provider source), one behaviour each: a created resource
// plans no change against the same configuration (the defaults and what AWS
// assigns are right), what forces a replacement, what is only an update, the
// launch template's new version (latest_version unknown), and which JSON
// documents are the same.
import { standinHelpers } from "../../../support/standin";
import { Block, UNKNOWN, Value } from "../../../../dropin/standin/protocol/cty";
import { deriveSchema } from "../../../../dropin/standin/facts/schema";
import { OPERATIONS_RESOURCE_FACTS } from "../../../../dropin/standin/facts/operations";
import { canPlan } from "../../../../dropin/standin/index";

const BINDINGS = [
  "launch-template",
  "cloudwatch-log-group",
  "sns-topic",
  "sns-topic-policy",
  "sns-topic-subscription",
  "cloudwatch-metric-alarm",
];
const schema = deriveSchema(BINDINGS);
const { behaviour, created, config } = standinHelpers(schema);




/**
 * What Terraform proposes (plans/objchange ProposedNew): the configuration,
 * with computed attributes it leaves null taken from the state, in nested
 * list blocks too (matched by index). Set blocks are left as configured.
 */
function proposedBlock(block: Block, next: Value, prior: Value): Value {
  if (next === null || prior === null || prior === undefined) {
    return next;
  }
  const value = { ...next };
  for (const attribute of block.attributes) {
    if (attribute.computed && value[attribute.name] === null) {
      value[attribute.name] = prior[attribute.name] ?? null;
    }
  }
  for (const nested of block.blockTypes) {
    if (nested.nesting === "list" && Array.isArray(value[nested.typeName])) {
      value[nested.typeName] = value[nested.typeName].map((item: Value, index: number) =>
        proposedBlock(nested.block, item, prior[nested.typeName]?.[index] ?? null),
      );
    }
  }
  return value;
}

function proposed(type: string, state: Value, values: { [name: string]: Value }): Value {
  return proposedBlock(schema.resources[type], config(type, values), state);
}

/** The plan of the configuration `values` against the state. */
const plan = (type: string, state: Value, values: { [name: string]: Value }) => behaviour.plan(type, state, proposed(type, state, values));

/** A second plan with the configuration the resource was created from: no change at all. */
function expectNoChange(type: string, state: Value, values: { [name: string]: Value }): void {
  const result = plan(type, state, values);
  expect(result.requiresReplace).toEqual([]);
  expect(result.value).toEqual(state);
}

describe("every type is served: its binding is in @cdktf/provider-aws and its row in RESOURCE_FACTS", () => {
  test.each(Object.keys(OPERATIONS_RESOURCE_FACTS))("%s", (type) => {
    expect(schema.resources[type]).toBeDefined();
    expect(canPlan(type)).toBe(true);
    expect(behaviour.schemaVersion(type)).toBe(OPERATIONS_RESOURCE_FACTS[type].schemaVersion);
  });

  test("the six types, no more", () => {
    expect(Object.keys(OPERATIONS_RESOURCE_FACTS).sort()).toEqual([
      "aws_cloudwatch_log_group",
      "aws_cloudwatch_metric_alarm",
      "aws_launch_template",
      "aws_sns_topic",
      "aws_sns_topic_policy",
      "aws_sns_topic_subscription",
    ]);
  });
});

describe("aws_launch_template: changes are new versions, in place", () => {
  const lt = "aws_launch_template";
  const template = (volumeSize: number, more: { [name: string]: Value } = {}) => ({
    name: "lt-batch",
    image_id: "ami-0123456789abcdef0",
    instance_type: "m5.large",
    block_device_mappings: [{ device_name: "/dev/xvda", ebs: [{ volume_size: volumeSize, volume_type: "gp3", encrypted: "true" }] }],
    tags: { Name: "batch" },
    ...more,
  });
  const state = created(lt, template(30));

  test("created: version 1, an lt- id, the read's ARN; the same configuration plans no change", () => {
    expect(state).toMatchObject({ default_version: 1, latest_version: 1, name_prefix: "", region: "eu-central-1" });
    expect(state.id).toMatch(/^lt-[0-9a-f]{17}$/);
    expect(state.arn).toBe(`arn:aws:ec2:eu-central-1:123456789012:launch-template/${state.id}`);
    // iops and throughput (Optional + Computed) were not given: read back as 0.
    expect(state.block_device_mappings[0].ebs[0]).toMatchObject({ volume_size: 30, iops: 0, throughput: 0 });
    expectNoChange(lt, state, template(30));
  });

  test("a block device's volume_size: an update, latest_version unknown, default_version kept", () => {
    const result = plan(lt, state, template(50));
    expect(result.requiresReplace).toEqual([]);
    expect(result.value.latest_version).toBe(UNKNOWN);
    expect(result.value.default_version).toBe(1);
    expect(result.value.block_device_mappings[0].ebs[0].volume_size).toBe(50);
  });

  test("with update_default_version, default_version becomes unknown too", () => {
    const withDefault = created(lt, template(30, { update_default_version: true }));
    expectNoChange(lt, withDefault, template(30, { update_default_version: true }));
    const result = plan(lt, withDefault, template(50, { update_default_version: true }));
    expect(result.requiresReplace).toEqual([]);
    expect([result.value.latest_version, result.value.default_version]).toEqual([UNKNOWN, UNKNOWN]);
  });

  test("tags only: still latest_version unknown (the ComputedIf skips only name, name_prefix, description, default_version, update_default_version)", () => {
    const result = plan(lt, state, template(30, { tags: { Name: "batch", Team: "ops" } }));
    expect(result.requiresReplace).toEqual([]);
    expect(result.value.latest_version).toBe(UNKNOWN);
    expect(result.value.default_version).toBe(1);
  });

  test("description only: an update, latest_version stays known (skipped by the ComputedIf)", () => {
    const result = plan(lt, state, template(30, { description: "batch hosts" }));
    expect(result.requiresReplace).toEqual([]);
    expect(result.value.latest_version).toBe(1);
    expect(result.value.description).toBe("batch hosts");
  });

  test("name is ForceNew", () => {
    expect(plan(lt, state, template(30, { name: "lt-batch-2" })).requiresReplace).toEqual([["name"]]);
  });

  test("metadata_options: what AWS fills in is read back, and the block left out keeps it (Optional + Computed)", () => {
    const values = template(30, { metadata_options: [{ http_tokens: "required" }] });
    const withMetadata = created(lt, values);
    expect(withMetadata.metadata_options[0]).toMatchObject({
      http_tokens: "required",
      http_endpoint: "enabled",
      http_put_response_hop_limit: 1,
      http_protocol_ipv6: "disabled",
      instance_metadata_tags: "disabled",
    });
    expectNoChange(lt, withMetadata, values);
    expectNoChange(lt, withMetadata, template(30));
  });
});

describe("aws_cloudwatch_log_group", () => {
  const group = "aws_cloudwatch_log_group";
  const values = { name: "/aws/batch/job", retention_in_days: 14 };
  const state = created(group, values);

  test("created: STANDARD class, the defaults, the read's ARN; the same configuration plans no change", () => {
    expect(state).toMatchObject({
      id: "/aws/batch/job",
      arn: "arn:aws:logs:eu-central-1:123456789012:log-group:/aws/batch/job",
      log_group_class: "STANDARD",
      skip_destroy: false,
      deletion_protection_enabled: false,
      name_prefix: "",
    });
    expectNoChange(group, state, values);
  });

  test("no retention configured: 0 (the schema Default), still no change", () => {
    const forever = created(group, { name: "/aws/batch/forever" });
    expect(forever.retention_in_days).toBe(0);
    expectNoChange(group, forever, { name: "/aws/batch/forever" });
  });

  test("log_group_class is ForceNew", () => {
    expect(plan(group, state, { ...values, log_group_class: "INFREQUENT_ACCESS" }).requiresReplace).toEqual([["log_group_class"]]);
  });

  test("retention_in_days and kms_key_id update in place", () => {
    expect(plan(group, state, { ...values, retention_in_days: 30 }).requiresReplace).toEqual([]);
    const keyed = plan(group, state, { ...values, kms_key_id: "arn:aws:kms:eu-central-1:123456789012:key/k" });
    expect(keyed.requiresReplace).toEqual([]);
    expect(keyed.value.kms_key_id).toBe("arn:aws:kms:eu-central-1:123456789012:key/k");
  });
});

const policyDocument = (actions: string[], principal: Value = { Service: "cloudwatch.amazonaws.com" }) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "alarms", Effect: "Allow", Principal: principal, Action: actions, Resource: "arn:aws:sns:eu-central-1:123456789012:alerts" }],
  });
/** The same policy, keys in another order, actions reordered, a one-element list as its element. */
const reordered = (actions: string[]) =>
  JSON.stringify({
    Statement: [{ Resource: ["arn:aws:sns:eu-central-1:123456789012:alerts"], Action: [...actions].reverse(), Principal: { Service: "cloudwatch.amazonaws.com" }, Effect: "Allow", Sid: "alarms" }],
    Version: "2012-10-17",
  });

describe("aws_sns_topic", () => {
  const topic = "aws_sns_topic";
  const state = created(topic, { name: "alerts" });

  test("created: its ARN is its id, SNS's default access policy and attribute defaults; the same configuration plans no change", () => {
    expect(state).toMatchObject({
      id: "arn:aws:sns:eu-central-1:123456789012:alerts",
      arn: "arn:aws:sns:eu-central-1:123456789012:alerts",
      owner: "123456789012",
      fifo_topic: false,
      content_based_deduplication: false,
      signature_version: 1,
      tracing_config: "PassThrough",
      fifo_throughput_scope: "",
    });
    const policy = JSON.parse(state.policy);
    expect(policy.Statement[0]).toMatchObject({ Sid: "__default_statement_ID", Resource: state.arn, Condition: { StringEquals: { "AWS:SourceOwner": "123456789012" } } });
    expectNoChange(topic, state, { name: "alerts" });
  });

  test("fifo_topic is ForceNew", () => {
    expect(plan(topic, state, { name: "alerts", fifo_topic: true }).requiresReplace).toEqual([["fifo_topic"]]);
  });

  test("display_name updates in place", () => {
    const result = plan(topic, state, { name: "alerts", display_name: "Alerts" });
    expect(result.requiresReplace).toEqual([]);
    expect(result.value.display_name).toBe("Alerts");
  });

  test("an equivalent policy in other words is no change; another action is one", () => {
    const values = { name: "alerts", policy: policyDocument(["SNS:Publish", "SNS:Subscribe"]) };
    const withPolicy = created(topic, values);
    expectNoChange(topic, withPolicy, values);
    expect(plan(topic, withPolicy, { ...values, policy: reordered(["SNS:Publish", "SNS:Subscribe"]) }).value.policy).toBe(withPolicy.policy);
    const changed = plan(topic, withPolicy, { ...values, policy: policyDocument(["SNS:Publish"]) });
    expect(changed.requiresReplace).toEqual([]);
    expect(changed.value.policy).toBe(policyDocument(["SNS:Publish"]));
  });

  test("delivery_policy: the same JSON in another key order is no change", () => {
    const delivery = { http: { defaultHealthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3 } } };
    const values = { name: "alerts", delivery_policy: JSON.stringify(delivery) };
    const withDelivery = created(topic, values);
    const other = JSON.stringify({ http: { defaultHealthyRetryPolicy: { numRetries: 3, maxDelayTarget: 20, minDelayTarget: 20 } } }, null, 2);
    expect(plan(topic, withDelivery, { ...values, delivery_policy: other }).value).toEqual(withDelivery);
  });
});

describe("aws_sns_topic_policy", () => {
  const topicPolicy = "aws_sns_topic_policy";
  const arn = "arn:aws:sns:eu-central-1:123456789012:alerts";
  const values = { arn, policy: policyDocument(["SNS:Publish", "SNS:GetTopicAttributes"]) };
  const state = created(topicPolicy, values);

  test("created: the topic's ARN is its id, the owner is the account; the same configuration plans no change", () => {
    expect(state).toMatchObject({ id: arn, owner: "123456789012" });
    expectNoChange(topicPolicy, state, values);
  });

  test("a reordered but equivalent policy is no change", () => {
    const result = plan(topicPolicy, state, { arn, policy: reordered(["SNS:Publish", "SNS:GetTopicAttributes"]) });
    expect(result.requiresReplace).toEqual([]);
    expect(result.value).toEqual(state);
  });

  test("another topic is a replacement; another document an update", () => {
    expect(plan(topicPolicy, state, { ...values, arn: "arn:aws:sns:eu-central-1:123456789012:other" }).requiresReplace).toEqual([["arn"]]);
    const changed = plan(topicPolicy, state, { arn, policy: policyDocument(["SNS:Publish"]) });
    expect(changed.requiresReplace).toEqual([]);
    expect(changed.value.policy).toBe(policyDocument(["SNS:Publish"]));
  });
});

describe("aws_sns_topic_subscription", () => {
  const subscription = "aws_sns_topic_subscription";
  const topicArn = "arn:aws:sns:eu-central-1:123456789012:alerts";
  const values = { topic_arn: topicArn, protocol: "sqs", endpoint: "arn:aws:sqs:eu-central-1:123456789012:alerts-queue" };
  const state = created(subscription, values);

  test("created: an ARN under the topic's, the schema defaults; the same configuration plans no change", () => {
    expect(state.id.startsWith(`${topicArn}:`)).toBe(true);
    expect(state.arn).toBe(state.id);
    expect(state).toMatchObject({
      confirmation_timeout_in_minutes: 1,
      endpoint_auto_confirms: false,
      raw_message_delivery: false,
      owner_id: "123456789012",
      pending_confirmation: false,
      filter_policy_scope: "",
    });
    expectNoChange(subscription, state, values);
  });

  test("endpoint is ForceNew; raw_message_delivery updates in place", () => {
    expect(plan(subscription, state, { ...values, endpoint: "arn:aws:sqs:eu-central-1:123456789012:other" }).requiresReplace).toEqual([["endpoint"]]);
    expect(plan(subscription, state, { ...values, raw_message_delivery: true }).requiresReplace).toEqual([]);
  });

  test("filter_policy: scope MessageAttributes read back, the same filter in other words is no change, another one an update", () => {
    const filtered = { ...values, filter_policy: JSON.stringify({ state: ["FAILED"], queue: ["batch"] }) };
    const withFilter = created(subscription, filtered);
    expect(withFilter.filter_policy_scope).toBe("MessageAttributes");
    expectNoChange(subscription, withFilter, filtered);
    expect(plan(subscription, withFilter, { ...filtered, filter_policy: '{ "queue": ["batch"],\n  "state": ["FAILED"] }' }).value).toEqual(withFilter);
    const changed = plan(subscription, withFilter, { ...filtered, filter_policy: JSON.stringify({ state: ["FAILED", "SUCCEEDED"] }) });
    expect(changed.requiresReplace).toEqual([]);
    expect(changed.value.filter_policy).not.toBe(withFilter.filter_policy);
  });

  test("redrive_policy: JSON equality, not text", () => {
    const redriven = { ...values, redrive_policy: JSON.stringify({ deadLetterTargetArn: "arn:aws:sqs:eu-central-1:123456789012:dlq" }) };
    const withRedrive = created(subscription, redriven);
    expect(plan(subscription, withRedrive, { ...redriven, redrive_policy: '{"deadLetterTargetArn" : "arn:aws:sqs:eu-central-1:123456789012:dlq"}' }).value).toEqual(withRedrive);
  });
});

describe("aws_cloudwatch_metric_alarm", () => {
  const alarm = "aws_cloudwatch_metric_alarm";
  const values = {
    alarm_name: "batch-jobs-failed",
    comparison_operator: "GreaterThanOrEqualToThreshold",
    evaluation_periods: 1,
    metric_name: "FailedJobs",
    namespace: "Batch",
    period: 300,
    statistic: "Sum",
    threshold: 1,
    alarm_actions: ["arn:aws:sns:eu-central-1:123456789012:alerts"],
  };
  const state = created(alarm, values);

  test("created: its name is its id, the read's ARN, the schema defaults; the same configuration plans no change", () => {
    expect(state).toMatchObject({
      id: "batch-jobs-failed",
      arn: "arn:aws:cloudwatch:eu-central-1:123456789012:alarm:batch-jobs-failed",
      actions_enabled: true,
      treat_missing_data: "missing",
      evaluate_low_sample_count_percentiles: "",
    });
    expectNoChange(alarm, state, values);
  });

  test("alarm_name is ForceNew; threshold and treat_missing_data update in place", () => {
    expect(plan(alarm, state, { ...values, alarm_name: "batch-jobs-failing" }).requiresReplace).toEqual([["alarm_name"]]);
    expect(plan(alarm, state, { ...values, threshold: 5 }).requiresReplace).toEqual([]);
    const result = plan(alarm, state, { ...values, treat_missing_data: "notBreaching" });
    expect(result.requiresReplace).toEqual([]);
    expect(result.value.treat_missing_data).toBe("notBreaching");
  });

  test("schema version 1: JSON state at version 0 passes unchanged (MetricAlarmMigrateState is flatmap only)", () => {
    expect(behaviour.schemaVersion(alarm)).toBe(1);
    const upgraded = behaviour.upgrade(alarm, 0, JSON.stringify({ ...state, treat_missing_data: null }));
    expect(upgraded.treat_missing_data).toBeNull();
    expect(upgraded.alarm_name).toBe("batch-jobs-failed");
  });
});
