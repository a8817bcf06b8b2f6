// Opt-in: an encrypted SNS topic that says when a job of this stack's queues
// fails, when one of its queues is blocked (a RUNNABLE job that cannot run),
// and, with the S3 trigger's dead-letter queue, when events land there.
//
// The topic's key is a customer managed key of the stack: EventBridge and
// CloudWatch alarms publish to an encrypted topic only when the key's policy
// lets their service principals use it, and the AWS managed key
// (alias/aws/sns) has a policy no one can change (Amazon SNS Developer Guide,
// "Enable compatibility between event sources from AWS services and
// encrypted topics"): with it, no alert would ever arrive.
import { Construct } from "constructs";
import type { BatchStack } from "../batch-stack";
import { Fn, TerraformIterator, TerraformLocal } from "cdktf";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { FLAG } from "../app/options-check";
import { requireNameLength } from "../constructs/name-limits";
import { policyDocument } from "../constructs/service-role";

/** EventBridge rule names take at most 64 characters (PutRule). */
const EVENT_RULE_NAME_LIMIT = 64;
import { Feature } from "./feature";

export interface AlertsOption {
  /**
   * An SNS topic (encrypted with a KMS key of the stack) told when a job of
   * the stack's queues fails or one of its queues is blocked, and, with
   * `s3Trigger.deadLetterQueue`, when its dead-letter queue holds messages;
   * email subscriptions from `alert_emails`.
   * @default false
   */
  readonly alerts?: boolean;
}

export const ALERTS_ADDRESSES = {
  /** aws_kms_key */
  key: "batch-alerts-key",
  /** aws_sns_topic */
  topic: "batch-alerts",
  /** aws_sns_topic_policy */
  topicPolicy: "batch-alerts-publishers",
  /** aws_sns_topic_subscription, one per address of alert_emails */
  emails: "batch-alerts-email",
  /** aws_cloudwatch_event_rule and aws_cloudwatch_event_target */
  jobFailed: "batch-job-failed",
  queueBlocked: "batch-queue-blocked",
  /** aws_cloudwatch_metric_alarm (with the S3 trigger's dead-letter queue) */
  deadLetters: "batch-dead-letters",
} as const;

export const ALERTS: Feature<AlertsOption> = {
  shape: { alerts: FLAG },
  variables: {
    alert_emails: {
      declaredBy: "alerts",
      spec: {
        nullable: false,
        type: "list(string)",
        description: "Email addresses subscribed to the alerts topic (each confirms by email before it receives alerts)",
        default: [],
        validation: [
          {
            condition: '${alltrue([for address in var.alert_emails : can(regex("^[^@\\\\s]+@[^@\\\\s]+\\\\.[^@\\\\s]+$", address))])}',
            errorMessage: "alert_emails = ${jsonencode(var.alert_emails)}: each entry must be an email address, e.g. \"ops@example.com\".",
          },
        ],
      },
    },
  },
  declares: (options) => options.alerts === true,
};

/** EventBridge pattern: a job of one of these queues went to FAILED (AWS Batch User Guide, "Job state change events"). */
export function jobFailedPattern(queueArns: readonly string[]): object {
  return { source: ["aws.batch"], "detail-type": ["Batch Job State Change"], detail: { status: ["FAILED"], jobQueue: [...queueArns] } };
}

/** EventBridge pattern: one of these queues is blocked by a RUNNABLE job (AWS Batch User Guide, "Job queue blocked events"). */
export function queueBlockedPattern(queueArns: readonly string[]): object {
  return { source: ["aws.batch"], "detail-type": ["Batch Job Queue Blocked"], detail: { jobQueue: [...queueArns] } };
}

export interface BatchAlertsProps {
  readonly name: string;
  readonly queueArns: readonly string[];
  /** `var.alert_emails`. */
  readonly emails: string[];
  /** A role of the stack, whose ARN names the account and partition (no data source needed). */
  readonly accountRoleArn: string;
  /** The S3 trigger's dead-letter queue name. @default - no dead-letter queue: no alarm */
  readonly deadLetterQueueName?: string;
  readonly tags: { [key: string]: string };
}

export class BatchAlerts extends Construct {
  public readonly topic: SnsTopic;
  public readonly rules: CloudwatchEventRule[];
  public readonly alarm?: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: BatchAlertsProps) {
    super(scope, id);
    // Locals, so that the policies' JSON text holds plain references (no quoted ":" inside an interpolation).
    const accountLocal = new TerraformLocal(this, "alerts_account_id", Fn.element(Fn.split(":", props.accountRoleArn), 4));
    accountLocal.overrideLogicalId("alerts_account_id");
    const rootLocal = new TerraformLocal(this, "alerts_account_root", `arn:${Fn.element(Fn.split(":", props.accountRoleArn), 1)}:iam::${accountLocal.asString}:root`);
    rootLocal.overrideLogicalId("alerts_account_root");
    const account = accountLocal.asString;
    const accountRoot = rootLocal.asString;

    const key = new KmsKey(this, ALERTS_ADDRESSES.key, {
      description: `Encrypts the alerts topic ${props.name}`,
      enableKeyRotation: true,
      policy: policyDocument([
        { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: accountRoot }, Action: "kms:*", Resource: "*" },
        // No source condition for EventBridge: the SNS Developer Guide says aws:SourceAccount and
        // aws:SourceArn in the key policy are not supported for EventBridge to an encrypted topic.
        { Sid: "EventBridgeEncrypts", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: ["kms:GenerateDataKey*", "kms:Decrypt"], Resource: "*" },
        ...(props.deadLetterQueueName
          ? [
              {
                Sid: "CloudWatchAlarmsEncrypt",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": account } },
              },
            ]
          : []),
      ]),
      tags: props.tags,
    });
    key.overrideLogicalId(ALERTS_ADDRESSES.key);

    this.topic = new SnsTopic(this, ALERTS_ADDRESSES.topic, { name: props.name, kmsMasterKeyId: key.arn, tags: props.tags });
    this.topic.overrideLogicalId(ALERTS_ADDRESSES.topic);

    const emails = TerraformIterator.fromList(props.emails);
    new SnsTopicSubscription(this, ALERTS_ADDRESSES.emails, {
      forEach: emails,
      topicArn: this.topic.arn,
      protocol: "email",
      endpoint: emails.value,
    }).overrideLogicalId(ALERTS_ADDRESSES.emails);

    this.rules = [
      this.rule(ALERTS_ADDRESSES.jobFailed, `${props.name}-job-failed`, "A job of the stack's queues failed", jobFailedPattern(props.queueArns), props.tags),
      this.rule(ALERTS_ADDRESSES.queueBlocked, `${props.name}-queue-blocked`, "A queue of the stack is blocked by a job that cannot run", queueBlockedPattern(props.queueArns), props.tags),
    ];

    if (props.deadLetterQueueName) {
      this.alarm = new CloudwatchMetricAlarm(this, ALERTS_ADDRESSES.deadLetters, {
        alarmName: `${props.name}-dead-letters`,
        alarmDescription: "S3 events the trigger could not submit as jobs wait in its dead-letter queue",
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: props.deadLetterQueueName },
        statistic: "Maximum",
        period: 300,
        evaluationPeriods: 1,
        threshold: 0,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "notBreaching",
        alarmActions: [this.topic.arn],
        tags: props.tags,
      });
      this.alarm.overrideLogicalId(ALERTS_ADDRESSES.deadLetters);
    }

    // Only these rules and this alarm publish; the account keeps managing the topic.
    const publish = [
      { Sid: "StackRulesPublish", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sns:Publish", Resource: this.topic.arn, Condition: { ArnEquals: { "aws:SourceArn": this.rules.map((rule) => rule.arn) } } },
      ...(this.alarm
        ? [{ Sid: "DeadLetterAlarmPublishes", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: this.topic.arn, Condition: { ArnEquals: { "aws:SourceArn": this.alarm.arn } } }]
        : []),
    ];
    new SnsTopicPolicy(this, ALERTS_ADDRESSES.topicPolicy, {
      arn: this.topic.arn,
      policy: policyDocument([
        {
          Sid: "AccountManagesTopic",
          Effect: "Allow",
          Principal: { AWS: accountRoot },
          // Only actions a topic policy takes (SNS refuses others: "Policy statement action out of service scope").
          Action: ["sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:DeleteTopic"],
          Resource: this.topic.arn,
        },
        ...publish,
      ]),
    }).overrideLogicalId(ALERTS_ADDRESSES.topicPolicy);
  }

  private rule(address: string, name: string, description: string, pattern: object, tags: { [key: string]: string }): CloudwatchEventRule {
    const rule = new CloudwatchEventRule(this, address, { name, description, eventPattern: Fn.jsonencode(pattern), tags });
    rule.overrideLogicalId(address);
    requireNameLength(rule, name, EVENT_RULE_NAME_LIMIT, "EventBridge rule");
    new CloudwatchEventTarget(this, `${address}-target`, { rule: rule.name, targetId: "alerts-topic", arn: this.topic.arn }).overrideLogicalId(address);
    return rule;
  }
}

/** The stack's alerts, on all its queues (the module's and those of jobQueues) and the S3 trigger's dead-letter queue. */
export function alertsOf(stack: BatchStack, stackName: string): BatchAlerts {
  return new BatchAlerts(stack, "alerts", {
    name: `alerts-${stackName}`,
    queueArns: [stack.jobQueue.arn, ...[...stack.jobQueues.extra.values()].map((queue) => queue.arn)],
    emails: stack.inputs.list("alert_emails"),
    accountRoleArn: stack.roles.serviceRole.arn,
    deadLetterQueueName: stack.s3Trigger?.deadLetterQueue?.name,
    tags: stack.inputs.commonTags,
  });
}
