import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { S3BucketNotification } from "@cdktf/provider-aws/lib/s3-bucket-notification";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { ConfigError } from "../app/errors";
import { FLAG, LEAF, ShapeOf } from "../app/options-check";
import { policyDocument, ServiceRole } from "../constructs/service-role";
import { notEmpty } from "../constructs/variable-rules";
import { Feature } from "./feature";

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
  /** The queue of jobQueues (by name) the jobs go to. @default - the module's queue */
  readonly jobQueue?: string;
  /**
   * The share identifier the jobs carry when that queue uses fair-share
   * scheduling (a fair-share queue refuses jobs without one).
   * @default "s3-trigger"
   */
  readonly shareIdentifier?: string;
  /** EventBridge's retries of a failed SubmitJob. @default - EventBridge's (185 attempts, 24 hours) */
  readonly retryPolicy?: { readonly maximumRetryAttempts: number; readonly maximumEventAgeSeconds: number };
}

export interface S3TriggerOption {
  /** Submit a job for each object created in an existing S3 bucket. @default - no trigger */
  readonly s3Trigger?: S3TriggerOptions;
}

const S3_TRIGGER_SHAPE: ShapeOf<S3TriggerOptions> = {
  jobDefinition: LEAF,
  jobQueue: LEAF,
  shareIdentifier: LEAF,
  enableBucketEventBridge: FLAG,
  deadLetterQueue: FLAG,
  retryPolicy: { maximumRetryAttempts: LEAF, maximumEventAgeSeconds: LEAF },
};

export const S3_TRIGGER: Feature<S3TriggerOption> = {
  shape: { s3Trigger: S3_TRIGGER_SHAPE },
  variables: {
    trigger_bucket_name: {
      declaredBy: "s3Trigger",
      spec: {
        type: "string",
        description: "Existing S3 bucket whose new objects submit a job",
        validation: [notEmpty("trigger_bucket_name", "the name of an existing S3 bucket")],
      },
    },
    trigger_key_prefix: {
      declaredBy: "s3Trigger",
      spec: { type: "string", description: "Only keys starting with this submit a job (empty: any)", default: "" },
    },
    trigger_key_suffix: {
      declaredBy: "s3Trigger",
      spec: { type: "string", description: "Only keys ending with this submit a job (empty: any)", default: "" },
    },
  },
  declares: (options) => options.s3Trigger !== undefined,
};

/** The trigger's addresses (the event rule and its target share one). */
export const S3_TRIGGER_ADDRESSES = {
  /** aws_s3_bucket_notification */
  bucketNotification: "s3_trigger",
  /** aws_cloudwatch_event_rule and aws_cloudwatch_event_target */
  rule: "s3_trigger",
  /** aws_iam_role and its aws_iam_role_policy */
  role: "s3_trigger_events",
  rolePolicy: "s3_trigger_submit_job",
  /** aws_sqs_queue and aws_sqs_queue_policy (deadLetterQueue) */
  deadLetterQueue: "s3_trigger_dlq",
} as const;

/** The bucket and key filter, as variable tokens. */
export interface TriggerInputs {
  readonly bucketName: string;
  readonly keyPrefix: string;
  readonly keySuffix: string;
}

/** EventBridge's limits on a target's retry policy (PutTargets, RetryPolicy). */
export const EVENTBRIDGE_RETRY_ATTEMPTS_RANGE = { min: 0, max: 185 } as const;
export const EVENTBRIDGE_EVENT_AGE_SECONDS_RANGE = { min: 60, max: 86_400 } as const;
/** The longest SQS keeps a message (14 days), so an undelivered event can still be looked at. */
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/** The share identifier of the trigger's jobs on a fair-share queue. */
export const DEFAULT_SHARE_IDENTIFIER = "s3-trigger";

export interface S3TriggerProps extends Omit<S3TriggerOptions, "jobDefinition" | "jobQueue" | "shareIdentifier"> {
  /** Set when the queue uses fair-share scheduling. @default - none (a FIFO queue) */
  readonly shareIdentifier?: string;
  /** leastPrivilege: EventBridge assumes the role for this account only. @default - no condition */
  readonly sourceAccount?: string;
  /** The bucket and key filter (`var.trigger_*`). */
  readonly inputs: TriggerInputs;
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
    if (retry) {
      checkRange(id, "maximumRetryAttempts", retry.maximumRetryAttempts, EVENTBRIDGE_RETRY_ATTEMPTS_RANGE);
      checkRange(id, "maximumEventAgeSeconds", retry.maximumEventAgeSeconds, EVENTBRIDGE_EVENT_AGE_SECONDS_RANGE);
    }

    const { bucketName: bucket, keyPrefix: prefix, keySuffix: suffix } = props.inputs;

    if (props.enableBucketEventBridge ?? true) {
      new S3BucketNotification(this, "s3_trigger", { bucket, eventbridge: true }).overrideLogicalId(
        S3_TRIGGER_ADDRESSES.bucketNotification,
      );
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
    this.rule.overrideLogicalId(S3_TRIGGER_ADDRESSES.rule);

    this.role = new ServiceRole(this, "role", {
      address: S3_TRIGGER_ADDRESSES.role,
      roleName: `role-${props.namePrefix}-batch-s3-trigger`,
      trustedServices: ["events.amazonaws.com"],
      sourceAccount: props.sourceAccount,
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
    }).overrideLogicalId(S3_TRIGGER_ADDRESSES.rolePolicy);

    if (props.deadLetterQueue) {
      this.deadLetterQueue = new SqsQueue(this, "dlq", {
        name: `s3-trigger-${props.namePrefix}-dlq`,
        sqsManagedSseEnabled: true,
        messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
        tags: props.tags,
      });
      this.deadLetterQueue.overrideLogicalId(S3_TRIGGER_ADDRESSES.deadLetterQueue);
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
      }).overrideLogicalId(S3_TRIGGER_ADDRESSES.deadLetterQueue);
    }

    this.target = new CloudwatchEventTarget(this, "target", {
      rule: this.rule.name,
      arn: props.jobQueueArn,
      roleArn: this.role.role.arn,
      batchTarget: { jobDefinition: props.jobDefinitionArn, jobName: props.jobName },
      inputTransformer: {
        inputPaths: { bucket: "$.detail.bucket.name", key: "$.detail.object.key" },
        // EventBridge passes these SubmitJob fields from the input; a fair-share queue also needs ShareIdentifier.
        inputTemplate:
          '{"Parameters": {"bucket": <bucket>, "key": <key>}, "ContainerOverrides": {"Environment": ' +
          '[{"Name": "S3_BUCKET", "Value": <bucket>}, {"Name": "S3_KEY", "Value": <key>}]}' +
          (props.shareIdentifier !== undefined ? `, "ShareIdentifier": ${JSON.stringify(props.shareIdentifier)}` : "") +
          "}",
      },
      deadLetterConfig: this.deadLetterQueue ? { arn: this.deadLetterQueue.arn } : undefined,
      retryPolicy: retry
        ? { maximumRetryAttempts: retry.maximumRetryAttempts, maximumEventAgeInSeconds: retry.maximumEventAgeSeconds }
        : undefined,
    });
    this.target.overrideLogicalId(S3_TRIGGER_ADDRESSES.rule);
  }
}

function checkRange(id: string, name: string, value: number, range: { readonly min: number; readonly max: number }): void {
  // A value from a variable is only known at plan: the provider's validators check it there.
  if (!Token.isUnresolved(value) && (!Number.isInteger(value) || value < range.min || value > range.max)) {
    throw new ConfigError(
      `S3Trigger '${id}': retryPolicy.${name} = ${value}`,
      `EventBridge allows a whole number from ${range.min} to ${range.max}`,
      "set it in main.ts to a number in that range, or leave retryPolicy unset for EventBridge's",
    );
  }
}
