// The shape of a root variable and the validations the stack's variables
// share, as data BatchInputs declares.
/** One `validation` block of a Terraform variable. */
export interface VariableRule {
  readonly condition: string;
  readonly errorMessage: string;
}

export interface VariableSpec {
  readonly type: "string" | "number" | "bool" | "list(string)" | "map(number)";
  readonly description: string;
  /** @default - none: the variable is required, as upstream */
  readonly default?: string | number | boolean | string[] | { readonly [key: string]: number };
  /** @default - no validation */
  readonly validation?: VariableRule[];
  /** false: `null` is refused (a new variable; the module's keep Terraform's default). @default - nullable */
  readonly nullable?: false;
}

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

