// The drop-in contract: what makes the HCL module's state plan with no
// change, in one place. Its root-module Terraform addresses (renaming one is
// a destroy and create), where its child module kept the queue and the job
// definition (the `moved` blocks' sources), its root variables (names, types,
// defaults, descriptions; the validations this project adds accept every
// value the module and the provider accept) and its outputs.
import { ConfigError } from "./app/errors";
import { VariableSpec, nameSegment, notEmpty, wholeNumberInRange, QUEUE_PRIORITY_RANGE } from "./constructs/variable-rules";

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

/** AWS Batch's allocation strategies for EC2 and Spot compute environments. */
export const ALLOCATION_STRATEGIES = [
  "BEST_FIT",
  "BEST_FIT_PROGRESSIVE",
  "SPOT_CAPACITY_OPTIMIZED",
  "SPOT_PRICE_CAPACITY_OPTIMIZED",
] as const;

/**
 * The root variables of the HCL module, with the same names, types, defaults
 * and descriptions (drop-in), plus `region` and `bucket_name`, which default
 * to the values upstream writes literally. The validations accept every value
 * of upstream's terraform.tfvars.
 */
export const MODULE_VARIABLES = {
  environment: {
    type: "string",
    description: "The environment on which we want create resources",
    validation: [nameSegment("environment")],
  },
  owner: { type: "string", description: "The owner of the environment" },
  application: {
    type: "string",
    description: "The name of the application",
    default: "origenes",
    validation: [nameSegment("application")],
  },
  subnet_ids: {
    type: "list(string)",
    description: "subnet id's for batch",
    validation: [notEmpty("subnet_ids", "at least one subnet id of the VPC, e.g. [\"subnet-0abc\"]")],
  },
  // No validation: "" is the provider's unset vpc_id (Optional + Computed), a security group in the default VPC.
  vpc_id: { type: "string", description: "vpc id" },
  compute_environment_name: { type: "string", description: "compute environment", default: "default" },
  batch_name: {
    type: "string",
    description: "Batch geography name",
    validation: [nameSegment("batch_name")],
  },
  batch_image: {
    type: "string",
    description: "batch image",
    validation: [notEmpty("batch_image", "a container image, e.g. \"busybox\"")],
  },
  batch_job_queue_priority: {
    type: "number",
    description: "Batch Job Queue Priority",
    default: 1,
    validation: [wholeNumberInRange("batch_job_queue_priority", QUEUE_PRIORITY_RANGE.min, QUEUE_PRIORITY_RANGE.max)],
  },
  batch_memory: {
    type: "number",
    description:
      "the memory allocated to the container. Can't be greather than memory available from spot instance type",
    default: 1024,
    validation: [wholeNumberInRange("batch_memory", 1)],
  },
  batch_vcpus: {
    type: "number",
    description:
      "the number of vcpus allocated to the container. Can't be greather than vcpus available from spot instance type",
    default: 1,
    // Container properties hold vCPUs as a whole number (int32).
    validation: [wholeNumberInRange("batch_vcpus", 1)],
  },
  instance_type: {
    type: "list(string)",
    description: "batch instance type",
    default: ["m4"],
    validation: [notEmpty("instance_type", "instance types or families, e.g. [\"m4\"] or [\"optimal\"]")],
  },
  max_vcpus: {
    type: "number",
    description: "batch max vcpus",
    default: 1,
    validation: [wholeNumberInRange("max_vcpus", 0)],
  },
  min_vcpus: {
    type: "number",
    description: "batch min_vcpus",
    default: 0,
    validation: [wholeNumberInRange("min_vcpus", 0)],
  },
  desired_vcpus: {
    type: "number",
    description: "batch desired vcpus",
    default: 0,
    validation: [wholeNumberInRange("desired_vcpus", 0)],
  },
  job_queue_priority: { type: "number", description: "Batch Job Queue Priority", default: 1 },
  bid_percentage: {
    type: "number",
    description:
      "Integer of minimum percentage that a Spot Instance price must be when compared with the On-Demand price for that instance type before instances are launched. For example, if your bid percentage is 20% (20), then the Spot price must be below 20% of the current On-Demand price for that EC2 instance. This parameter is required for SPOT compute environments.",
    default: 100,
    validation: [wholeNumberInRange("bid_percentage", 0, 100)],
  },
  allocation_strategy: {
    type: "string",
    description: "the allocation strategy to affect to the ComputeEnvironment",
    default: "SPOT_CAPACITY_OPTIMIZED",
    validation: [
      {
        // compute_environment.go: enum.ValidateIgnoreCase[awstypes.CRAllocationStrategy] with StateFunc
        // sdkv2.ToUpperSchemaStateFunc, so "spot_capacity_optimized" is a working value of the module.
        condition: `\${contains(${JSON.stringify(ALLOCATION_STRATEGIES)}, upper(var.allocation_strategy))}`,
        errorMessage: `allocation_strategy = "\${var.allocation_strategy}" is not an AWS Batch allocation strategy; use one of ${ALLOCATION_STRATEGIES.join(", ")} (in any case).`,
      },
    ],
  },
  region: {
    type: "string",
    description: "The AWS region the provider deploys to",
    default: "eu-central-1",
    validation: [
      {
        condition: "${can(regex(\"^[a-z]{2}(-[a-z]+)+-[0-9]+$\", var.region))}",
        errorMessage: "region = \"${var.region}\" is not an AWS region name; use one such as \"eu-central-1\".",
      },
    ],
  },
  bucket_name: {
    type: "string",
    description:
      "The S3 bucket the jobs read and write: scopes the execution role's S3 permissions and is passed to templates as BUCKET_NAME",
    default: "mybucket",
    validation: [
      {
        condition: "${can(regex(\"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$\", var.bucket_name))}",
        errorMessage:
          "bucket_name = \"${var.bucket_name}\" is not an S3 bucket name; use 3 to 63 lowercase letters, digits, dots and hyphens.",
      },
    ],
  },
} satisfies Record<string, VariableSpec>;

export type VariableName = keyof typeof MODULE_VARIABLES;

/** The module's root outputs, with its descriptions (upstream's wording), and the two this project adds. */
export const MODULE_OUTPUTS = {
  batch_security_group_id: "The Security Group Id in which each Batch is associated.",
  batch_instance_profile_arn: "The Instance Profile ARN associated to each Batchs.",
  batch_service_role_arn: "The Batch Service Role ARN for execution Batchs.",
  batch_spot_iam_fleet_role_arn: "The Dedicated Spot Role ARN use for interact with spot fleet.",
  batch_compute_environment_name: "The Compute Environment name used to execute batchs.",
  batch_compute_environment_state: "The Compute Environment state used to execute batchs",
  batch_job_queue_arn: "The ARN of the job queue jobs are submitted to.",
  batch_job_definition_arn: "The ARN of the job definition rendered from the primary template.",
} as const;

/** The module address the `moved` blocks name, refused unless Terraform would read it as one. */
export function checkedModuleAddress(id: string, address: string): string {
  if (!MODULE_ADDRESS.test(address)) {
    throw new ConfigError(
      `Stack '${id}': moduleAddress = ${JSON.stringify(address)}`,
      "it is not a Terraform module address, so the moved blocks would name no resource of your state",
      `write it as Terraform does, e.g. "module.batch" for module "batch" { ... } (the default is "${DEFAULT_MODULE_ADDRESS}")`,
    );
  }
  return address;
}
