// The root variables of the opt-in features, declared only when their
// feature is on (BatchInputs), so a default synthesis has the module's alone.
import { VariableSpec, notEmpty, wholeNumberInRange } from "./variables";

/** Declared only with onDemandFallback. */
export const ON_DEMAND_VARIABLES = {
  on_demand_max_vcpus: {
    type: "number",
    description: "Most vCPUs the On-Demand fallback compute environment may run",
    default: 4,
    validation: [wholeNumberInRange("on_demand_max_vcpus", 0)],
  },
  on_demand_min_vcpus: {
    type: "number",
    description: "vCPUs the On-Demand fallback keeps running when idle",
    default: 0,
    validation: [wholeNumberInRange("on_demand_min_vcpus", 0)],
  },
} satisfies Record<string, VariableSpec>;

/** Declared only with s3Trigger. */
export const TRIGGER_VARIABLES = {
  trigger_bucket_name: {
    type: "string",
    description: "Existing S3 bucket whose new objects submit a job",
    validation: [notEmpty("trigger_bucket_name", "the name of an existing S3 bucket")],
  },
  trigger_key_prefix: { type: "string", description: "Only keys starting with this submit a job (empty: any)", default: "" },
  trigger_key_suffix: { type: "string", description: "Only keys ending with this submit a job (empty: any)", default: "" },
} satisfies Record<string, VariableSpec>;

/** Declared only when a template uses MY_PASSWORD_SECRET_ARN. */
export const SECRET_VARIABLES = {
  rds_password_secret_name: {
    type: "string",
    description: "Name of the Secrets Manager secret templates receive as MY_PASSWORD_SECRET_ARN",
    default: "RDS_PASSWORD",
    validation: [notEmpty("rds_password_secret_name", "the name of an existing Secrets Manager secret")],
  },
} satisfies Record<string, VariableSpec>;

/** Declared only when a queue cancels stuck jobs (jobQueues[].cancelStuckJobs, primaryJobQueue). */
export const STUCK_JOB_VARIABLES = {
  job_state_time_limit_seconds: {
    type: "number",
    description: "Seconds a job may wait in RUNNABLE, for a reason it can never run, before its queue cancels it",
    default: 3600,
    validation: [wholeNumberInRange("job_state_time_limit_seconds", 600, 86400)],
  },
} satisfies Record<string, VariableSpec>;

/** Declared only when a queue uses fair-share scheduling (jobQueues[].fairShare). */
export const FAIR_SHARE_VARIABLES = {
  fair_share_weights: {
    type: "map(number)",
    description:
      "Fair-share weight per share identifier (a lower weight gets more of the compute); jobs submitted to a fair-share queue must carry a share identifier",
    default: { default: 1 },
    validation: [
      {
        condition: "${alltrue([for weight in values(var.fair_share_weights) : weight > 0 && weight < 1000])}",
        errorMessage: "fair_share_weights = ${jsonencode(var.fair_share_weights)}: each weight must be more than 0 and less than 1000.",
      },
    ],
  },
} satisfies Record<string, VariableSpec>;
