import { TerraformVariable } from "cdktf";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { S3BucketNotification } from "@cdktf/provider-aws/lib/s3-bucket-notification";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { S3Trigger, S3TriggerOptions, S3TriggerProps } from "../../../stacks/features/s3-trigger";
import { synthScope } from "../../support/constructs";
import { resourceAddresses, synthStack, tempProject, UPSTREAM_TEMPLATE } from "../../support/stack";
import { RULES } from "../../support/safety-rules";

const PROPS: S3TriggerProps = {
  inputs: { bucketName: "incoming-bucket", keyPrefix: "in/", keySuffix: ".csv" },
  namePrefix: "test-app",
  jobQueueArn: "arn:aws:batch:eu-central-1:111122223333:job-queue/queue-test-app-geo",
  jobDefinitionArn: "arn:aws:batch:eu-central-1:111122223333:job-definition/jdef-test-app-geo:1",
  jobName: "s3-functionaltest",
  tags: { environment: "test" },
};

function synthTrigger(options: S3TriggerOptions = {}, props: Partial<S3TriggerProps> = {}) {
  let trigger: S3Trigger | undefined;
  const json = synthScope((scope) => {
    trigger = new S3Trigger(scope, "s3-trigger", { ...PROPS, ...props, ...options });
  });
  return { json, tf: JSON.parse(json), trigger: trigger! };
}

const policyOf = (document: string) => JSON.parse(document);

const added = (overrides: Parameters<typeof synthStack>[0]) => {
  const base = resourceAddresses(synthStack().tf);
  return resourceAddresses(synthStack(overrides).tf).filter((address) => !base.includes(address)).sort();
};

describe("the bucket's EventBridge notifications", () => {
  test("switches them on at aws_s3_bucket_notification.s3_trigger by default", () => {
    const { json, tf } = synthTrigger();
    expect(json).toHaveResourceWithProperties(S3BucketNotification, { bucket: "incoming-bucket", eventbridge: true });
    expect(Object.keys(tf.resource.aws_s3_bucket_notification)).toEqual(["s3_trigger"]);
  });

  test("respects enableBucketEventBridge: false and leaves the bucket's notifications alone", () => {
    const { json } = synthTrigger({ enableBucketEventBridge: false });
    expect(json).not.toHaveResource(S3BucketNotification);
    expect(json).toHaveResource(CloudwatchEventRule);
  });
});

describe("the rule", () => {
  test("is aws_cloudwatch_event_rule.s3_trigger, named s3-trigger-<prefix>, with the tags", () => {
    const { json, tf } = synthTrigger();
    expect(json).toHaveResourceWithProperties(CloudwatchEventRule, {
      name: "s3-trigger-test-app",
      description: "Submits a Batch job for each object created in the trigger bucket",
      tags: { environment: "test" },
    });
    expect(Object.keys(tf.resource.aws_cloudwatch_event_rule)).toEqual(["s3_trigger"]);
  });

  test("matches Object Created events of the bucket with keys <prefix>*<suffix>", () => {
    const pattern: string = synthTrigger().tf.resource.aws_cloudwatch_event_rule.s3_trigger.event_pattern;
    expect(pattern).toBe(
      '${jsonencode({"source" = ["aws.s3"], "detail-type" = ["Object Created"], "detail" = ' +
        '{"bucket" = {"name" = ["incoming-bucket"]}, "object" = {"key" = [{"wildcard" = "in/*.csv"}]}}})}',
    );
  });

  test("matches every key when prefix and suffix are empty", () => {
    const pattern: string = synthTrigger({}, { inputs: { bucketName: "b", keyPrefix: "", keySuffix: "" } }).tf.resource
      .aws_cloudwatch_event_rule.s3_trigger.event_pattern;
    expect(pattern).toContain('"key" = [{"wildcard" = "*"}]');
  });

  test("accepts variable tokens for the bucket and the key filter", () => {
    const tf = JSON.parse(
      synthScope((scope) => {
        const variable = (name: string) => {
          const declared = new TerraformVariable(scope, name, { type: "string" });
          declared.overrideLogicalId(name);
          return declared.stringValue;
        };
        new S3Trigger(scope, "s3-trigger", {
          ...PROPS,
          inputs: {
            bucketName: variable("trigger_bucket_name"),
            keyPrefix: variable("trigger_key_prefix"),
            keySuffix: variable("trigger_key_suffix"),
          },
        });
      }),
    );
    expect(tf.resource.aws_s3_bucket_notification.s3_trigger.bucket).toBe("${var.trigger_bucket_name}");
    const pattern: string = tf.resource.aws_cloudwatch_event_rule.s3_trigger.event_pattern;
    expect(pattern).toContain('"name" = [var.trigger_bucket_name]');
    expect(pattern).toContain('"wildcard" = "${var.trigger_key_prefix}*${var.trigger_key_suffix}"');
  });
});

describe("the role EventBridge submits with", () => {
  test("is aws_iam_role.s3_trigger_events, named role-<prefix>-batch-s3-trigger, trusting events.amazonaws.com only", () => {
    const { json, tf } = synthTrigger();
    expect(json).toHaveResourceWithProperties(IamRole, { name: "role-test-app-batch-s3-trigger" });
    const role = tf.resource.aws_iam_role.s3_trigger_events;
    expect(policyOf(role.assume_role_policy).Statement).toEqual([
      { Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "events.amazonaws.com" } },
    ]);
    expect(Object.keys(tf.resource.aws_iam_role)).toEqual(["s3_trigger_events"]);
  });

  test("gets no managed policy attachment", () => {
    expect(synthTrigger().tf.resource.aws_iam_role_policy_attachment).toBeUndefined();
  });

  test("may SubmitJob on exactly the queue and the job definition, at aws_iam_role_policy.s3_trigger_submit_job", () => {
    const { json, tf } = synthTrigger();
    expect(json).toHaveResourceWithProperties(IamRolePolicy, {
      name: "submit-batch-job",
      role: "${aws_iam_role.s3_trigger_events.name}",
    });
    expect(policyOf(tf.resource.aws_iam_role_policy.s3_trigger_submit_job.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["batch:SubmitJob"], Resource: [PROPS.jobQueueArn, PROPS.jobDefinitionArn] }],
    });
  });
});

describe("the target", () => {
  test("is aws_cloudwatch_event_target.s3_trigger: the rule's, submitting the job definition to the queue with the role", () => {
    const { json, tf } = synthTrigger();
    expect(json).toHaveResourceWithProperties(CloudwatchEventTarget, {
      rule: "${aws_cloudwatch_event_rule.s3_trigger.name}",
      arn: PROPS.jobQueueArn,
      role_arn: "${aws_iam_role.s3_trigger_events.arn}",
      batch_target: { job_definition: PROPS.jobDefinitionArn, job_name: "s3-functionaltest" },
    });
    expect(Object.keys(tf.resource.aws_cloudwatch_event_target)).toEqual(["s3_trigger"]);
  });

  test("passes bucket and key as the Ref:: parameters and as S3_BUCKET and S3_KEY", () => {
    const transformer = synthTrigger().tf.resource.aws_cloudwatch_event_target.s3_trigger.input_transformer;
    expect(transformer.input_paths).toEqual({ bucket: "$.detail.bucket.name", key: "$.detail.object.key" });
    // EventBridge puts each path's value, quoted, in place of <bucket> and <key>.
    const submitted = JSON.parse(
      transformer.input_template.replace(/<bucket>/g, '"incoming-bucket"').replace(/<key>/g, '"in/a.csv"'),
    );
    expect(submitted).toEqual({
      Parameters: { bucket: "incoming-bucket", key: "in/a.csv" },
      ContainerOverrides: {
        Environment: [
          { Name: "S3_BUCKET", Value: "incoming-bucket" },
          { Name: "S3_KEY", Value: "in/a.csv" },
        ],
      },
    });
  });

  test("leaves EventBridge's own retries and no dead-letter queue by default", () => {
    const { json, tf, trigger } = synthTrigger();
    const target = tf.resource.aws_cloudwatch_event_target.s3_trigger;
    expect(target.retry_policy).toBeUndefined();
    expect(target.dead_letter_config).toBeUndefined();
    expect(json).not.toHaveResource(SqsQueue);
    expect(trigger.deadLetterQueue).toBeUndefined();
  });

  test("respects retryPolicy", () => {
    const { tf } = synthTrigger({ retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 3600 } });
    expect(tf.resource.aws_cloudwatch_event_target.s3_trigger.retry_policy).toEqual({
      maximum_retry_attempts: 3,
      maximum_event_age_in_seconds: 3600,
    });
  });
});

describe("deadLetterQueue", () => {
  test("adds aws_sqs_queue.s3_trigger_dlq, encrypted, keeping messages 14 days, with the tags", () => {
    const { json, tf, trigger } = synthTrigger({ deadLetterQueue: true });
    expect(json).toHaveResourceWithProperties(SqsQueue, {
      name: "s3-trigger-test-app-dlq",
      sqs_managed_sse_enabled: true,
      message_retention_seconds: 1_209_600,
      tags: { environment: "test" },
    });
    expect(Object.keys(tf.resource.aws_sqs_queue)).toEqual(["s3_trigger_dlq"]);
    expect(trigger.deadLetterQueue).toBeDefined();
  });

  test("lets only this rule's events send to the queue, at aws_sqs_queue_policy.s3_trigger_dlq", () => {
    const policy = synthTrigger({ deadLetterQueue: true }).tf.resource.aws_sqs_queue_policy.s3_trigger_dlq;
    expect(policy.queue_url).toBe("${aws_sqs_queue.s3_trigger_dlq.url}");
    expect(policyOf(policy.policy).Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: "${aws_sqs_queue.s3_trigger_dlq.arn}",
        Condition: { ArnEquals: { "aws:SourceArn": "${aws_cloudwatch_event_rule.s3_trigger.arn}" } },
      },
    ]);
  });

  test("becomes the target's dead-letter config", () => {
    const target = synthTrigger({ deadLetterQueue: true }).tf.resource.aws_cloudwatch_event_target.s3_trigger;
    expect(target.dead_letter_config).toEqual({ arn: "${aws_sqs_queue.s3_trigger_dlq.arn}" });
  });
});

describe("retryPolicy range checks", () => {
  const retry = (maximumRetryAttempts: number, maximumEventAgeSeconds: number) => () =>
    synthTrigger({ retryPolicy: { maximumRetryAttempts, maximumEventAgeSeconds } });

  test("accepts the bounds EventBridge allows: 0 to 185 attempts, 60 to 86400 seconds", () => {
    expect(retry(0, 60)).not.toThrow();
    expect(retry(185, 86_400)).not.toThrow();
  });

  test("fails when maximumRetryAttempts is below 0", () => {
    expect(retry(-1, 60)).toThrow(
      /^S3Trigger 's3-trigger': retryPolicy\.maximumRetryAttempts = -1: EventBridge allows a whole number from 0 to 185\. Fix: /,
    );
  });

  test("fails when maximumRetryAttempts is above 185", () => {
    expect(retry(186, 60)).toThrow(/retryPolicy\.maximumRetryAttempts = 186: EventBridge allows a whole number from 0 to 185/);
  });

  test("fails when maximumRetryAttempts is not a whole number", () => {
    expect(retry(2.5, 60)).toThrow(/retryPolicy\.maximumRetryAttempts = 2\.5:/);
  });

  test("fails when maximumEventAgeSeconds is below 60", () => {
    expect(retry(3, 59)).toThrow(
      /^S3Trigger 's3-trigger': retryPolicy\.maximumEventAgeSeconds = 59: EventBridge allows a whole number from 60 to 86400\. Fix: /,
    );
  });

  test("fails when maximumEventAgeSeconds is above 86400", () => {
    expect(retry(3, 86_401)).toThrow(/retryPolicy\.maximumEventAgeSeconds = 86401: EventBridge allows a whole number from 60 to 86400/);
  });

  test("fails when maximumEventAgeSeconds is not a whole number", () => {
    expect(retry(3, 90.5)).toThrow(/retryPolicy\.maximumEventAgeSeconds = 90\.5:/);
  });

  test("accepts number tokens for the retry policy, and passes them on", () => {
    const tf = JSON.parse(
      synthScope((scope) => {
        const attempts = new TerraformVariable(scope, "attempts", { type: "number" }).numberValue;
        const age = new TerraformVariable(scope, "age", { type: "number" }).numberValue;
        new S3Trigger(scope, "s3-trigger", { ...PROPS, retryPolicy: { maximumRetryAttempts: attempts, maximumEventAgeSeconds: age } });
      }),
    );
    expect(tf.resource.aws_cloudwatch_event_target.s3_trigger.retry_policy).toEqual({
      maximum_retry_attempts: "${var.attempts}",
      maximum_event_age_in_seconds: "${var.age}",
    });
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
