import { resourceAddresses, synthStack, tempProject, UPSTREAM_TEMPLATE } from "../support/stack";
import { RULES } from "../support/safety-rules";

const added = (overrides: Parameters<typeof synthStack>[0]) => {
  const base = resourceAddresses(synthStack().tf);
  return resourceAddresses(synthStack(overrides).tf).filter((address) => !base.includes(address)).sort();
};

describe("options off leave the default synthesis byte-identical", () => {
  test.each([
    [{ onDemandFallback: false }],
    [{ s3Trigger: undefined }],
    [{ jobDefinitions: {} }],
  ])("%j", (overrides) => {
    expect(synthStack(overrides).json).toBe(synthStack().json);
  });
});

describe("on-demand fallback", () => {
  const { tf } = synthStack({ onDemandFallback: true });

  test("adds exactly one compute environment", () => {
    expect(added({ onDemandFallback: true })).toEqual(["aws_batch_compute_environment.compute-environment-on-demand"]);
  });

  test("On-Demand (EC2), sharing roles, network and instance types, with its own vCPU variables", () => {
    const ce = tf.resource.aws_batch_compute_environment["compute-environment-on-demand"];
    expect(ce).toMatchObject({
      name: "${local.ce_name}-ondemand",
      type: "MANAGED",
      service_role: "${aws_iam_role.batch_service_role.arn}",
      depends_on: ["aws_iam_role_policy_attachment.aws_batch_service_role"],
      lifecycle: { ignore_changes: ["compute_resources[0].desired_vcpus"] },
      compute_resources: {
        type: "EC2",
        allocation_strategy: "BEST_FIT_PROGRESSIVE",
        instance_role: "${aws_iam_instance_profile.batch_instance_profile.arn}",
        security_group_ids: ["${aws_security_group.sg-batch.id}"],
        subnets: "${var.subnet_ids}",
        instance_type: "${var.instance_type}",
        max_vcpus: "${var.on_demand_max_vcpus}",
        min_vcpus: "${var.on_demand_min_vcpus}",
      },
    });
    expect(ce.compute_resources.bid_percentage).toBeUndefined();
    expect(ce.compute_resources.spot_iam_fleet_role).toBeUndefined();
    expect(tf.variable.on_demand_max_vcpus.default).toBe(4);
  });

  test("the queue tries Spot first (order 0), then On-Demand (order 1)", () => {
    expect(tf.resource.aws_batch_job_queue.job_queue.compute_environment_order).toEqual([
      { order: 0, compute_environment: "${aws_batch_compute_environment.compute-environment.arn}" },
      { order: 1, compute_environment: "${aws_batch_compute_environment.compute-environment-on-demand.arn}" },
    ]);
  });
});

describe("S3 trigger", () => {
  const { tf } = synthStack({ s3Trigger: {} });

  test("adds exactly the notification switch, the rule, its role and policy, and the target", () => {
    expect(added({ s3Trigger: {} })).toEqual([
      "aws_cloudwatch_event_rule.s3_trigger",
      "aws_cloudwatch_event_target.s3_trigger",
      "aws_iam_role.s3_trigger_events",
      "aws_iam_role_policy.s3_trigger_submit_job",
      "aws_s3_bucket_notification.s3_trigger",
    ]);
  });

  test("the rule matches Object Created in the bucket, filtered by prefix and suffix", () => {
    expect(tf.resource.aws_s3_bucket_notification.s3_trigger).toEqual({
      bucket: "${var.trigger_bucket_name}",
      eventbridge: true,
    });
    expect(tf.resource.aws_cloudwatch_event_rule.s3_trigger.event_pattern).toBe(
      '${jsonencode({"source" = ["aws.s3"], "detail-type" = ["Object Created"], "detail" = {"bucket" = {"name" = [var.trigger_bucket_name]}, "object" = {"key" = [{"wildcard" = "${var.trigger_key_prefix}*${var.trigger_key_suffix}"}]}}})}',
    );
    expect(tf.variable.trigger_bucket_name.default).toBeUndefined();
    expect(tf.variable.trigger_bucket_name.validation).toEqual([
      {
        condition: "${length(var.trigger_bucket_name) > 0}",
        error_message: "trigger_bucket_name is empty; set it to the name of an existing S3 bucket.",
      },
    ]);
    expect(tf.variable.trigger_key_prefix.default).toBe("");
  });

  test("the target submits the primary job definition to the queue with bucket and key", () => {
    const target = tf.resource.aws_cloudwatch_event_target.s3_trigger;
    expect(target).toMatchObject({
      rule: "${aws_cloudwatch_event_rule.s3_trigger.name}",
      arn: "${aws_batch_job_queue.job_queue.arn}",
      role_arn: "${aws_iam_role.s3_trigger_events.arn}",
      batch_target: { job_definition: "${aws_batch_job_definition.job-definition.arn}", job_name: "s3-functionaltest" },
      input_transformer: { input_paths: { bucket: "$.detail.bucket.name", key: "$.detail.object.key" } },
    });
    expect(target.input_transformer.input_template).toContain('"Parameters": {"bucket": <bucket>, "key": <key>}');
    expect(target.input_transformer.input_template).toContain('{"Name": "S3_KEY", "Value": <key>}');
  });

  test("least privilege: EventBridge only, SubmitJob on exactly that queue and job definition", () => {
    const role = tf.resource.aws_iam_role.s3_trigger_events;
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: "events.amazonaws.com" });
    expect(JSON.parse(tf.resource.aws_iam_role_policy.s3_trigger_submit_job.policy).Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["batch:SubmitJob"],
        Resource: ["${aws_batch_job_queue.job_queue.arn}", "${aws_batch_job_definition.job-definition.arn}"],
      },
    ]);
    expect(RULES.CKV_AWS_63(tf)).toEqual([]);
  });

  test("a dead-letter queue and retry policy when asked", () => {
    const overrides = { s3Trigger: { deadLetterQueue: true, retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 3600 } } };
    const withDlq = synthStack(overrides).tf;
    expect(added(overrides)).toEqual(expect.arrayContaining(["aws_sqs_queue.s3_trigger_dlq", "aws_sqs_queue_policy.s3_trigger_dlq"]));
    const target = withDlq.resource.aws_cloudwatch_event_target.s3_trigger;
    expect(target.dead_letter_config).toEqual({ arn: "${aws_sqs_queue.s3_trigger_dlq.arn}" });
    expect(target.retry_policy).toEqual({ maximum_retry_attempts: 3, maximum_event_age_in_seconds: 3600 });
    const statement = JSON.parse(withDlq.resource.aws_sqs_queue_policy.s3_trigger_dlq.policy).Statement[0];
    expect(statement.Condition).toEqual({ ArnEquals: { "aws:SourceArn": "${aws_cloudwatch_event_rule.s3_trigger.arn}" } });
  });

  test("enableBucketEventBridge: false leaves the bucket's notifications alone", () => {
    expect(added({ s3Trigger: { enableBucketEventBridge: false } })).not.toContain("aws_s3_bucket_notification.s3_trigger");
  });

  test("another template's job definition can be the one submitted", () => {
    const { tf: other } = synthStack({
      projectDir: tempProject({ "job-definitions/ingest.json": UPSTREAM_TEMPLATE }),
      s3Trigger: { jobDefinition: "ingest" },
    });
    expect(other.resource.aws_cloudwatch_event_target.s3_trigger.batch_target.job_definition).toBe(
      "${aws_batch_job_definition.job-definition-ingest.arn}",
    );
  });

  test.each([
    [{ jobDefinition: "missing" }, /s3Trigger\.jobDefinition = "missing": job-definitions\/ has no missing\.json\. Fix: use one of "functionaltest"/],
    [{ retryPolicy: { maximumRetryAttempts: 500, maximumEventAgeSeconds: 60 } }, /retryPolicy\.maximumRetryAttempts = 500: EventBridge allows a whole number from 0 to 185/],
    [{ retryPolicy: { maximumRetryAttempts: 1, maximumEventAgeSeconds: 10 } }, /retryPolicy\.maximumEventAgeSeconds = 10: EventBridge allows a whole number from 60 to 86400/],
  ])("bad option %j is refused at synth", (s3Trigger, message) => {
    expect(() => synthStack({ s3Trigger })).toThrow(message);
  });
});
