// The stack's root variables, as data: the HCL module's, with the same names,
// types, defaults and descriptions (drop-in), the two this project adds with
// upstream's literal values as defaults, and the opt-in ones each feature
// declares only when it is on. BatchInputs declares them.
/** One `validation` block of a Terraform variable. */
export interface VariableRule {
  readonly condition: string;
  readonly errorMessage: string;
}

export interface VariableSpec {
  readonly type: "string" | "number" | "list(string)" | "map(number)";
  readonly description: string;
  /** @default - none: the variable is required, as upstream */
  readonly default?: string | number | string[] | { readonly [key: string]: number };
  /** @default - no validation */
  readonly validation?: VariableRule[];
}

/** AWS Batch's allocation strategies for EC2 and Spot compute environments. */
export const ALLOCATION_STRATEGIES = [
  "BEST_FIT",
  "BEST_FIT_PROGRESSIVE",
  "SPOT_CAPACITY_OPTIMIZED",
  "SPOT_PRICE_CAPACITY_OPTIMIZED",
] as const;

/** AWS Batch accepts job queue priorities in this range (CreateJobQueue). */
export const QUEUE_PRIORITY_RANGE = { min: 0, max: 1000 } as const;

/** A validation: `var.<name>` (string or list) is not empty. */
export const notEmpty = (name: string, what: string): VariableRule => ({
  condition: `\${length(var.${name}) > 0}`,
  errorMessage: `${name} is empty; set it to ${what}.`,
});

/**
 * A validation: `var.<name>` may be part of every name the stack builds from
 * it: AWS Batch names take letters, digits, - and _ only (IAM names more).
 */
export const nameSegment = (name: string): VariableRule => ({
  // "" is allowed: "ce--app-batchs" is still a valid Batch name, so the module accepts it.
  condition: `\${can(regex("^[0-9A-Za-z_-]*$", var.${name}))}`,
  errorMessage: `${name} = "\${var.${name}}" cannot be part of the AWS Batch and IAM names built from it; use letters, digits, - and _ only.`,
});

/** A validation: `var.<name>` is a whole number from min (to max). */
export const wholeNumberInRange = (name: string, min: number, max?: number): VariableRule => ({
  condition:
    max === undefined
      ? `\${var.${name} >= ${min} && floor(var.${name}) == var.${name}}`
      : `\${var.${name} >= ${min} && var.${name} <= ${max} && floor(var.${name}) == var.${name}}`,
  errorMessage:
    max === undefined
      ? `${name} = \${var.${name}} is not allowed; it must be a whole number of at least ${min}.`
      : `${name} = \${var.${name}} is not allowed; it must be a whole number from ${min} to ${max}.`,
});

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
