// The contract between a job-definition template and the stack: where
// templates live, the variables the stack provides, and which keys belong in
// container properties. The loader checks every template against it.

/** The folder upstream misspells; a team that copies it as is gets told. */
export const UPSTREAM_TEMPLATE_FOLDER = "job-defintions";
export const TEMPLATE_FOLDER = "job-definitions";
/** The template upstream renders into `aws_batch_job_definition.job-definition`. */
export const PRIMARY_TEMPLATE = "functionaltest.json";

/** Template variables the stack always provides, with a sample value of their JSON kind. */
export const TEMPLATE_VARIABLES = {
  REGION: "string",
  ENV: "string",
  BATCH_NAME: "string",
  BATCH_IMAGE: "string",
  BATCH_MEMORY: "number",
  BATCH_VCPUS: "number",
  JOB_ROLE_ARN: "string",
  EXECUTION_ROLE_ARN: "string",
  BUCKET_NAME: "string",
} as const;

/** Provided only to templates that use it: the ARN of a Secrets Manager secret looked up by name. */
export const SECRET_ARN_VARIABLE = "MY_PASSWORD_SECRET_ARN";

/** Provided with the jobLogs option: the name of the stack's job log group, for an `awslogs` logConfiguration. */
export const LOG_GROUP_VARIABLE = "LOG_GROUP";

export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES | typeof SECRET_ARN_VARIABLE | typeof LOG_GROUP_VARIABLE;

/** Every template variable, in the order the stack passes them to templatefile. */
export const TEMPLATE_VARIABLE_NAMES = [...Object.keys(TEMPLATE_VARIABLES), SECRET_ARN_VARIABLE, LOG_GROUP_VARIABLE] as TemplateVariable[];

/**
 * Keys that belong to the job definition itself, not to its container: AWS
 * Batch drops them from container properties without a word.
 */
export const JOB_LEVEL_KEYS = [
  "retryStrategy",
  "timeout",
  "parameters",
  "propagateTags",
  "schedulingPriority",
  "platformCapabilities",
  "tags",
];

/** A template found in the folder, checked. */
export interface JobTemplate {
  /** File name without `.json`: names the job definition and its Terraform address. */
  readonly name: string;
  readonly fileName: string;
  /** Absolute path on the build machine; used to copy the file, never written to the output. */
  readonly sourcePath: string;
  /** Template variables the file uses. */
  readonly variables: TemplateVariable[];
  /** Container properties parsed with sample values, for checks and job-level keys. */
  readonly sample: { [key: string]: unknown };
  /** Job-level keys found among the container properties. */
  readonly jobLevelKeys: string[];
  /** The job-level keys' values, each with the template variables it is written with. */
  readonly jobLevel: { readonly [key: string]: JobLevelValue };
  readonly usesSecret: boolean;
  /** What the provider would quietly drop or override (a key that is no property, a key written twice), each at its file:line. */
  readonly warnings: readonly string[];
}

/** A job-level key's value in the template. */
export interface JobLevelValue {
  readonly value: unknown;
  /** The template variables inside the value: such a value is only known when Terraform renders it. */
  readonly variables: readonly TemplateVariable[];
  readonly line: number;
}
