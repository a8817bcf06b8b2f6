// Opt-in: one CloudWatch log group for the stack's jobs, with a retention,
// offered to templates as LOG_GROUP for an `awslogs` logConfiguration; the
// execution role may write to that group only (and to AWS Batch's default
// group, where templates without a logConfiguration log).
//
// The module's execution role keeps AWS's AmazonECSTaskExecutionRolePolicy,
// which may write to every log group; an explicit Deny outside this group
// narrows it without touching the module's attachment (IAM: an explicit deny
// wins over any allow), so switching jobLogs on only adds resources.
import { Construct } from "constructs";
import type { BatchStack } from "../batch-stack";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { FLAG } from "../app/options-check";
import { policyDocument } from "../constructs/service-role";
import { Feature } from "./feature";

export interface JobLogsOption {
  /**
   * A log group for the stack's jobs (`/aws/batch/<environment>-<application>-<batch_name>`)
   * with a retention (`job_logs_retention_days`); templates get its name as
   * `LOG_GROUP`.
   * @default false: jobs log where their templates say (AWS Batch's /aws/batch/job, kept forever)
   */
  readonly jobLogs?: boolean;
}

export const JOB_LOGS_ADDRESSES = {
  /** aws_cloudwatch_log_group */
  logGroup: "batch-job-logs",
  /** aws_iam_role_policy on the execution role */
  writeOnlyThere: "batch_ecs_task_execution_logs",
} as const;

/** The retentions CloudWatch Logs takes, 0 for never expire (logs group.go: retention_in_days, validation.IntInSlice). */
export const LOG_RETENTION_DAYS = [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const JOB_LOGS: Feature<JobLogsOption> = {
  shape: { jobLogs: FLAG },
  variables: {
    job_logs_retention_days: {
      declaredBy: "jobLogs",
      spec: {
        nullable: false,
        type: "number",
        description: "Days CloudWatch Logs keeps the jobs' logs (0: never expire)",
        default: 30,
        validation: [
          {
            condition: `\${contains(${JSON.stringify(LOG_RETENTION_DAYS)}, var.job_logs_retention_days)}`,
            errorMessage: `job_logs_retention_days = \${var.job_logs_retention_days} is not a retention CloudWatch Logs takes; use one of ${LOG_RETENTION_DAYS.join(", ")} (0: never expire).`,
          },
        ],
      },
    },
  },
  declares: (options) => options.jobLogs === true,
};

export interface JobLogsProps {
  readonly name: string;
  readonly retentionInDays: number;
  /** The role that starts the containers (their log driver writes with it). */
  readonly executionRoleName: string;
  readonly tags: { [key: string]: string };
}

/** AWS Batch's default log group, in every partition, region and account of the role. */
export const AWS_BATCH_DEFAULT_GROUP = ["arn:*:logs:*:*:log-group:/aws/batch/job", "arn:*:logs:*:*:log-group:/aws/batch/job:*"];

/** The log actions of AmazonECSTaskExecutionRolePolicy, the ones the Deny narrows. */
const LOG_WRITES = ["logs:CreateLogStream", "logs:PutLogEvents"];

export class JobLogs extends Construct {
  public readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: JobLogsProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, JOB_LOGS_ADDRESSES.logGroup, {
      name: props.name,
      retentionInDays: props.retentionInDays,
      tags: props.tags,
    });
    this.logGroup.overrideLogicalId(JOB_LOGS_ADDRESSES.logGroup);
    // Both actions act on log streams, `<group ARN>:log-stream:<name>` (Service Authorization Reference,
    // CloudWatch Logs); the group's own ARN is listed too, as AWS's managed policies grant it.
    const group = [this.logGroup.arn, `${this.logGroup.arn}:*`];
    new IamRolePolicy(this, JOB_LOGS_ADDRESSES.writeOnlyThere, {
      name: "write-job-logs-only",
      role: props.executionRoleName,
      policy: policyDocument([
        { Sid: "WriteJobLogs", Effect: "Allow", Action: LOG_WRITES, Resource: group },
        // AWS Batch's default group stays writable: a template without a logConfiguration logs there
        // with this role (the ECS agent uses the task's execution role), and its containers would not start.
        { Sid: "NoOtherLogGroup", Effect: "Deny", Action: LOG_WRITES, NotResource: [...group, ...AWS_BATCH_DEFAULT_GROUP] },
      ]),
    }).overrideLogicalId(JOB_LOGS_ADDRESSES.writeOnlyThere);
  }

  public get name(): string {
    return this.logGroup.name;
  }
}

/** The stack's job logs, `/aws/batch/<stackName>` (`<environment>-<application>-<batch_name>`). */
export function jobLogsOf(stack: BatchStack, stackName: string): JobLogs {
  return new JobLogs(stack, "job-logs", {
    name: `/aws/batch/${stackName}`,
    retentionInDays: stack.inputs.number("job_logs_retention_days"),
    executionRoleName: stack.roles.taskExecutionRole.name,
    tags: stack.inputs.commonTags,
  });
}
