import { Construct } from "constructs";
import { Fn } from "cdktf";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { S3BucketNotification } from "@cdktf/provider-aws/lib/s3-bucket-notification";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { notEmpty, rootVariable } from "./inputs";
import { policyDocument, ServiceRole } from "./service-role";

/** Opt-in: submit a job when an object lands in an existing S3 bucket. */
export interface S3TriggerOptions {
  /** Template (file name without .json) whose job definition is submitted. @default - the primary template */
  readonly jobDefinition?: string;
  /**
   * Switch on the bucket's EventBridge notifications with an
   * `aws_s3_bucket_notification`. That resource owns the bucket's whole
   * notification configuration: turn this off when it is managed elsewhere,
   * and switch EventBridge on there.
   * @default true
   */
  readonly enableBucketEventBridge?: boolean;
  /** Send events EventBridge could not deliver to an SQS dead-letter queue. @default false */
  readonly deadLetterQueue?: boolean;
  /** EventBridge's retries of a failed SubmitJob. @default - EventBridge's (185 attempts, 24 hours) */
  readonly retryPolicy?: { readonly maximumRetryAttempts: number; readonly maximumEventAgeSeconds: number };
}

export interface S3TriggerProps extends S3TriggerOptions {
  /** `<env>-<app>`, for names. */
  readonly namePrefix: string;
  readonly jobQueueArn: string;
  readonly jobDefinitionArn: string;
  readonly jobName: string;
  readonly tags: { [key: string]: string };
}

/**
 * An EventBridge rule on S3 "Object Created" events of one bucket (filtered
 * by key prefix and suffix) that submits a job to the queue with the bucket
 * and key as parameters (`Ref::bucket`, `Ref::key`) and as the environment
 * variables S3_BUCKET and S3_KEY.
 */
export class S3Trigger extends Construct {
  public readonly rule: CloudwatchEventRule;
  public readonly target: CloudwatchEventTarget;
  public readonly role: ServiceRole;
  public readonly deadLetterQueue?: SqsQueue;

  constructor(scope: Construct, id: string, props: S3TriggerProps) {
    super(scope, id);
    const retry = props.retryPolicy;
    if (retry && (retry.maximumRetryAttempts < 0 || retry.maximumRetryAttempts > 185)) {
      throw new Error(`S3Trigger '${id}': retryPolicy.maximumRetryAttempts = ${retry.maximumRetryAttempts}; EventBridge allows 0 to 185.`);
    }
    if (retry && (retry.maximumEventAgeSeconds < 60 || retry.maximumEventAgeSeconds > 86400)) {
      throw new Error(`S3Trigger '${id}': retryPolicy.maximumEventAgeSeconds = ${retry.maximumEventAgeSeconds}; EventBridge allows 60 to 86400.`);
    }

    const variable = (name: string, description: string, defaultValue?: string) =>
      rootVariable(this, name, {
        type: "string",
        description,
        default: defaultValue,
        validation: defaultValue === undefined ? [notEmpty(name, "the name of an existing S3 bucket")] : undefined,
      }).stringValue;
    const bucket = variable("trigger_bucket_name", "Existing S3 bucket whose new objects submit a job");
    const prefix = variable("trigger_key_prefix", "Only keys starting with this submit a job (empty: any)", "");
    const suffix = variable("trigger_key_suffix", "Only keys ending with this submit a job (empty: any)", "");

    if (props.enableBucketEventBridge ?? true) {
      new S3BucketNotification(this, "s3_trigger", { bucket, eventbridge: true }).overrideLogicalId("s3_trigger");
    }

    this.rule = new CloudwatchEventRule(this, "rule", {
      name: `s3-trigger-${props.namePrefix}`,
      description: "Submits a Batch job for each object created in the trigger bucket",
      eventPattern: Fn.jsonencode({
        source: ["aws.s3"],
        "detail-type": ["Object Created"],
        detail: {
          bucket: { name: [bucket] },
          object: { key: [{ wildcard: `${prefix}*${suffix}` }] },
        },
      }),
      tags: props.tags,
    });
    this.rule.overrideLogicalId("s3_trigger");

    this.role = new ServiceRole(this, "role", {
      address: "s3_trigger_events",
      roleName: `role-${props.namePrefix}-batch-s3-trigger`,
      trustedServices: ["events.amazonaws.com"],
      attachments: [],
    });
    new IamRolePolicy(this, "submit-job", {
      name: "submit-batch-job",
      role: this.role.role.name,
      // Exactly the one queue and job definition: nothing else can be submitted.
      policy: policyDocument([
        {
          Effect: "Allow",
          Action: ["batch:SubmitJob"],
          Resource: [props.jobQueueArn, props.jobDefinitionArn],
        },
      ]),
    }).overrideLogicalId("s3_trigger_submit_job");

    if (props.deadLetterQueue) {
      this.deadLetterQueue = new SqsQueue(this, "dlq", {
        name: `s3-trigger-${props.namePrefix}-dlq`,
        sqsManagedSseEnabled: true,
        messageRetentionSeconds: 1209600,
        tags: props.tags,
      });
      this.deadLetterQueue.overrideLogicalId("s3_trigger_dlq");
      new SqsQueuePolicy(this, "dlq-policy", {
        queueUrl: this.deadLetterQueue.url,
        policy: policyDocument([
          {
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: this.deadLetterQueue.arn,
            Condition: { ArnEquals: { "aws:SourceArn": this.rule.arn } },
          },
        ]),
      }).overrideLogicalId("s3_trigger_dlq");
    }

    this.target = new CloudwatchEventTarget(this, "target", {
      rule: this.rule.name,
      arn: props.jobQueueArn,
      roleArn: this.role.role.arn,
      batchTarget: { jobDefinition: props.jobDefinitionArn, jobName: props.jobName },
      inputTransformer: {
        inputPaths: { bucket: "$.detail.bucket.name", key: "$.detail.object.key" },
        inputTemplate:
          '{"Parameters": {"bucket": <bucket>, "key": <key>}, "ContainerOverrides": {"Environment": ' +
          '[{"Name": "S3_BUCKET", "Value": <bucket>}, {"Name": "S3_KEY", "Value": <key>}]}}',
      },
      deadLetterConfig: this.deadLetterQueue ? { arn: this.deadLetterQueue.arn } : undefined,
      retryPolicy: retry
        ? { maximumRetryAttempts: retry.maximumRetryAttempts, maximumEventAgeInSeconds: retry.maximumEventAgeSeconds }
        : undefined,
    });
    this.target.overrideLogicalId("s3_trigger");
  }
}
