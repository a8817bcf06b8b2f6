// alerts (stacks/features/alerts.ts): the encrypted topic, who may publish to
// it, and the two rules' event patterns against AWS's sample events (AWS
// Batch User Guide, "Job state change events" and "Job queue blocked
// events"): one that matches, one of another queue, one of another status.
import { jobFailedPattern, queueBlockedPattern } from "../../../stacks/features/alerts";
import { matchesPattern } from "../../support/event-pattern";
import { FIXTURE_MODULE } from "../../../dropin/check/check";
import { describeKinds, projectWith, upstreamFixture, usePreparedCheck } from "../../support/dropin";
import { synthStack } from "../../support/stack";
import { describeWithTerraform } from "../../support/terraform";

jest.setTimeout(120_000);

const QUEUE = "arn:aws:batch:eu-central-1:123456789012:job-queue/queue-prod-myapp-geo";
const OTHER_QUEUE = "arn:aws:batch:eu-central-1:123456789012:job-queue/someone-elses";

/** AWS's sample "Batch Job State Change" event, on `queue`, in `status`. */
function jobStateChange(queue: string, status: string) {
  return {
    version: "0",
    id: "c8f9c4b5-76e5-d76a-f980-7011e206042b",
    "detail-type": "Batch Job State Change",
    source: "aws.batch",
    account: "123456789012",
    time: "2022-01-11T23:36:40Z",
    region: "eu-central-1",
    resources: ["arn:aws:batch:eu-central-1:123456789012:job/4c7599ae-0a82-49aa-ba5a-4727fcce14a8"],
    detail: {
      jobArn: "arn:aws:batch:eu-central-1:123456789012:job/4c7599ae-0a82-49aa-ba5a-4727fcce14a8",
      jobName: "event-test",
      jobId: "4c7599ae-0a82-49aa-ba5a-4727fcce14a8",
      jobQueue: queue,
      status,
      attempts: [],
      createdAt: 1641944200058,
      retryStrategy: { attempts: 2, evaluateOnExit: [] },
      dependsOn: [],
      jobDefinition: "arn:aws:batch:eu-central-1:123456789012:job-definition/first-run-job-definition:1",
      parameters: {},
    },
  };
}

/** AWS's sample "Batch Job Queue Blocked" event, on `queue`. */
function queueBlocked(queue: string) {
  const event = jobStateChange(queue, "RUNNABLE");
  return { ...event, "detail-type": "Batch Job Queue Blocked", resources: [...event.resources, queue], detail: { ...event.detail, statusReason: "blocked-reason" } };
}

describe("alerts: the rules' event patterns", () => {
  const failed = jobFailedPattern([QUEUE]) as never;
  const blocked = queueBlockedPattern([QUEUE]) as never;

  test("a job of the stack's queue that failed: the job-failed rule, not the blocked one", () => {
    expect(matchesPattern(failed, jobStateChange(QUEUE, "FAILED"))).toBe(true);
    expect(matchesPattern(blocked, jobStateChange(QUEUE, "FAILED"))).toBe(false);
  });

  test("a failed job of another queue, or a job of the stack's queue that succeeded: no alert", () => {
    expect(matchesPattern(failed, jobStateChange(OTHER_QUEUE, "FAILED"))).toBe(false);
    expect(matchesPattern(failed, jobStateChange(QUEUE, "SUCCEEDED"))).toBe(false);
  });

  test("a blocked queue of the stack: the blocked rule; another queue's: none", () => {
    expect(matchesPattern(blocked, queueBlocked(QUEUE))).toBe(true);
    expect(matchesPattern(blocked, queueBlocked(OTHER_QUEUE))).toBe(false);
    expect(matchesPattern(failed, queueBlocked(QUEUE))).toBe(false);
  });
});

describe("alerts: what the stack emits", () => {
  const { tf } = synthStack({ alerts: true, jobQueues: [{ name: "high", priority: 10 }], s3Trigger: { deadLetterQueue: true } });
  const resource = tf.resource;

  test("off by default: no topic, no rules, no key, no alert_emails variable", () => {
    const { tf: plain } = synthStack();
    expect(plain.resource.aws_sns_topic).toBeUndefined();
    expect(plain.resource.aws_kms_key).toBeUndefined();
    expect(Object.keys(plain.variable)).not.toContain("alert_emails");
  });

  test("the topic is encrypted with the stack's own KMS key, rotated, which EventBridge and CloudWatch may use (the AWS managed key could not)", () => {
    expect(resource.aws_sns_topic["batch-alerts"].kms_master_key_id).toBe("${aws_kms_key.batch-alerts-key.arn}");
    const key = resource.aws_kms_key["batch-alerts-key"];
    expect(key.enable_key_rotation).toBe(true);
    const statements = JSON.parse(key.policy).Statement;
    // EventBridge without a source condition (not supported for EventBridge to an encrypted topic), the alarms with one.
    expect(statements.slice(1)).toEqual([
      { Sid: "EventBridgeEncrypts", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: ["kms:GenerateDataKey*", "kms:Decrypt"], Resource: "*" },
      {
        Sid: "CloudWatchAlarmsEncrypt",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": "${local.alerts_account_id}" } },
      },
    ]);
  });

  test("the topic policy holds only actions SNS takes in a topic policy", () => {
    const statements = JSON.parse(resource.aws_sns_topic_policy["batch-alerts-publishers"].policy).Statement;
    const TOPIC_POLICY_ACTIONS = ["sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission", "sns:RemovePermission", "sns:DeleteTopic", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish", "sns:ListTagsForResource", "sns:GetDataProtectionPolicy", "sns:PutDataProtectionPolicy"];
    expect(statements.flatMap((statement: { Action: string | string[] }) => [statement.Action].flat()).filter((action: string) => !TOPIC_POLICY_ACTIONS.includes(action))).toEqual([]);
  });

  test("the rules' names are checked against EventBridge's 64 characters at plan", () => {
    expect(resource.aws_cloudwatch_event_rule["batch-queue-blocked"].lifecycle.precondition[0].condition).toContain("<= 64");
  });

  test("the rules watch every queue of the stack (the module's and jobQueues'), and target the topic", () => {
    for (const address of ["batch-job-failed", "batch-queue-blocked"]) {
      expect(resource.aws_cloudwatch_event_rule[address].event_pattern).toContain("[aws_batch_job_queue.job_queue.arn, aws_batch_job_queue.job_queue-high.arn]");
      expect(resource.aws_cloudwatch_event_target[address].arn).toBe("${aws_sns_topic.batch-alerts.arn}");
    }
  });

  test("of the services, only the two rules (by aws:SourceArn) and the dead-letter alarm may publish; the topic policy grants the account no Publish", () => {
    const statements = JSON.parse(resource.aws_sns_topic_policy["batch-alerts-publishers"].policy).Statement;
    const publishers = statements.filter((statement: { Action: string | string[] }) => [statement.Action].flat().includes("sns:Publish"));
    expect(publishers.map((statement: { Principal: unknown; Condition: unknown }) => [statement.Principal, statement.Condition])).toEqual([
      [{ Service: "events.amazonaws.com" }, { ArnEquals: { "aws:SourceArn": ["${aws_cloudwatch_event_rule.batch-job-failed.arn}", "${aws_cloudwatch_event_rule.batch-queue-blocked.arn}"] } }],
      [{ Service: "cloudwatch.amazonaws.com" }, { ArnEquals: { "aws:SourceArn": "${aws_cloudwatch_metric_alarm.batch-dead-letters.arn}" } }],
    ]);
  });

  test("with the S3 trigger's dead-letter queue: an alarm on its visible messages, to the topic", () => {
    expect(resource.aws_cloudwatch_metric_alarm["batch-dead-letters"]).toMatchObject({
      namespace: "AWS/SQS",
      metric_name: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "${aws_sqs_queue.s3_trigger_dlq.name}" },
      comparison_operator: "GreaterThanThreshold",
      threshold: 0,
      alarm_actions: ["${aws_sns_topic.batch-alerts.arn}"],
    });
    expect(synthStack({ alerts: true }).tf.resource.aws_cloudwatch_metric_alarm).toBeUndefined();
  });

  test("one email subscription per address of alert_emails, each validated", () => {
    expect(resource.aws_sns_topic_subscription["batch-alerts-email"]).toMatchObject({ for_each: "${toset(var.alert_emails)}", protocol: "email", endpoint: "${each.value}" });
    expect(tf.variable.alert_emails).toMatchObject({ type: "list(string)", default: [] });
    expect(tf.variable.alert_emails.validation[0].error_message).toMatch(/each entry must be an email address/);
  });
});

describeWithTerraform("alerts through the stand-in, on the module's state", () => {
  const prepared = usePreparedCheck();
  test("switched on: the key, topic, policy, rules and targets created, nothing else changes", () => {
    const { statePath } = upstreamFixture(prepared.check);
    const stackDir = prepared.check.synthesize({ modulePath: FIXTURE_MODULE, projectDir: projectWith(prepared.check, "alerts: true,") }, statePath);
    const kinds = describeKinds(prepared.check.plan(stackDir));
    expect(kinds.filter((kind) => !kind.startsWith("create"))).toEqual([]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        "create aws_kms_key.batch-alerts-key",
        "create aws_sns_topic.batch-alerts",
        "create aws_sns_topic_policy.batch-alerts-publishers",
        "create aws_cloudwatch_event_rule.batch-job-failed",
        "create aws_cloudwatch_event_rule.batch-queue-blocked",
      ]),
    );
  });
});
