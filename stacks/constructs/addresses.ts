// Every Terraform address of the stack, in one place. The HCL module's
// addresses are what makes its state plan with no change: renaming one is a
// destroy and create. The constructs read their names from here.

/** The HCL module's root-module addresses (the name after the resource type). */
export const MODULE_ADDRESSES = {
  /** data.aws_region */
  region: "current",
  /** aws_security_group */
  securityGroup: "sg-batch",
  /** aws_security_group_rule */
  egressRule: "batch_www_egress_all",
  /** aws_iam_role */
  taskExecutionRole: "batch_ecs_task_execution_role",
  /** aws_iam_role_policy_attachment */
  taskExecutionPolicyAttachment: "batch_ecs_task_execution_role",
  /** aws_iam_policy */
  additionalPolicy: "batch-additional-policy",
  /** aws_iam_role_policy_attachment */
  additionalPolicyAttachment: "ecs-tasks-exec-batch-additional-policy-attachment",
  /** data.aws_iam_policy_document */
  instanceTrustDocument: "instance-assume-role-ec2-policy",
  /** aws_iam_role */
  instanceRole: "batch_instance_role",
  /** aws_iam_instance_profile */
  instanceProfile: "batch_instance_profile",
  /** aws_iam_role_policy_attachment */
  instancePolicyAttachment: "ecs_instance_role",
  /** data.aws_iam_policy_document */
  serviceTrustDocument: "instance-assume-role-batch-policy",
  /** aws_iam_role */
  serviceRole: "batch_service_role",
  /** aws_iam_role_policy_attachment */
  servicePolicyAttachment: "aws_batch_service_role",
  /** aws_iam_service_linked_role */
  spotServiceLinkedRole: "AWSServiceRoleForEC2Spot",
  /** aws_iam_service_linked_role */
  spotFleetServiceLinkedRole: "AWSServiceRoleForEC2SpotFleet",
  /** aws_iam_role */
  spotFleetRole: "AmazonEC2SpotFleetRole",
  /** aws_iam_role_policy_attachment */
  spotFleetPolicyAttachment: "AmazonEC2SpotFleetRole",
  /** aws_batch_compute_environment */
  computeEnvironment: "compute-environment",
  /** aws_batch_job_queue (moved from the child module) */
  jobQueue: "job_queue",
  /** aws_batch_job_definition (moved from the child module) */
  jobDefinition: "job-definition",
  /** local */
  commonTags: "common_tags",
  /** local */
  computeEnvironmentName: "ce_name",
} as const;

/** The module block upstream calls its child module with (`module "batch-example"`). */
export const DEFAULT_MODULE_ADDRESS = "module.batch-example";

/** A module address as Terraform writes it: `module.<name>`, with an instance key, nested. */
export const MODULE_ADDRESS = /^module\.[A-Za-z_][A-Za-z0-9_-]*(\[(\d+|"[^"]*")\])?(\.module\.[A-Za-z_][A-Za-z0-9_-]*(\[(\d+|"[^"]*")\])?)*$/;

/**
 * Where the module's child module kept the queue and the job definition: the
 * sources of the `moved` blocks. Teams that renamed the module block pass its
 * address (BatchStackOptions.moduleAddress).
 */
export function movedFrom(moduleAddress: string = DEFAULT_MODULE_ADDRESS): { readonly jobQueue: string; readonly jobDefinition: string } {
  return {
    jobQueue: `${moduleAddress}.aws_batch_job_queue.job_queue`,
    jobDefinition: `${moduleAddress}.aws_batch_job_definition.job-definition`,
  };
}

/** Addresses of what this project adds, all opt-in. */
export const ADDED_ADDRESSES = {
  /** aws_batch_compute_environment (onDemandFallback) */
  onDemandComputeEnvironment: "compute-environment-on-demand",
  /** data.aws_secretsmanager_secret (a template uses MY_PASSWORD_SECRET_ARN) */
  templateSecret: "rds_password",
  /** aws_iam_role_policy (a template uses MY_PASSWORD_SECRET_ARN) */
  templateSecretPolicy: "batch_ecs_task_execution_secrets",
  /** aws_s3_bucket_notification (s3Trigger) */
  triggerBucketNotification: "s3_trigger",
  /** aws_cloudwatch_event_rule and aws_cloudwatch_event_target (s3Trigger) */
  triggerRule: "s3_trigger",
  /** aws_iam_role and its aws_iam_role_policy (s3Trigger) */
  triggerRole: "s3_trigger_events",
  triggerRolePolicy: "s3_trigger_submit_job",
  /** aws_sqs_queue and aws_sqs_queue_policy (s3Trigger.deadLetterQueue) */
  triggerDeadLetterQueue: "s3_trigger_dlq",
  /** aws_batch_scheduling_policy (a queue of jobQueues with fairShare) */
  fairSharePolicy: "fair_share",
} as const;

/** aws_batch_job_queue of a queue of jobQueues. */
export function extraJobQueueAddress(name: string): string {
  return `${MODULE_ADDRESSES.jobQueue}-${name}`;
}

/** aws_batch_job_definition of a template other than the primary one. */
export function extraJobDefinitionAddress(template: string): string {
  return `${MODULE_ADDRESSES.jobDefinition}-${template}`;
}

/** aws_iam_role of a job definition's own job role (separateJobRole), and its policy attachment. */
export function jobRoleAddresses(jobDefinitionAddress: string): { readonly role: string; readonly attachment: string } {
  return { role: `${jobDefinitionAddress}-job-role`, attachment: `${jobDefinitionAddress}-job-role-additional-policy` };
}
