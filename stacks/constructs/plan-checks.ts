import { Construct } from "constructs";
import { TerraformStack } from "cdktf";

/** A Terraform `check` block: reported at plan as a warning, never blocking it. */
interface PlanCheck {
  readonly name: string;
  readonly condition: string;
  readonly errorMessage: string;
}

/**
 * Checks across variables that upstream's own values fail (its tfvars asks
 * for 8 vCPUs per job in an environment of at most 1), so they warn in the
 * plan a reviewer reads instead of failing it: drop-in plans still succeed.
 * They read variables only: no data source, no API call.
 */
export const PLAN_CHECKS: PlanCheck[] = [
  {
    name: "compute_environment_vcpu_bounds",
    condition: "${var.min_vcpus <= var.desired_vcpus && var.desired_vcpus <= var.max_vcpus}",
    errorMessage:
      "min_vcpus = ${var.min_vcpus}, desired_vcpus = ${var.desired_vcpus}, max_vcpus = ${var.max_vcpus}: " +
      "AWS Batch needs min_vcpus <= desired_vcpus <= max_vcpus; change them so they are in that order.",
  },
  {
    name: "job_fits_compute_environment",
    condition: "${var.batch_vcpus <= var.max_vcpus}",
    errorMessage:
      "batch_vcpus = ${var.batch_vcpus} is more than max_vcpus = ${var.max_vcpus}: such a job can never be placed " +
      "and stays RUNNABLE forever. Raise max_vcpus to at least ${var.batch_vcpus} or lower batch_vcpus.",
  },
];

/** Adds the plan-time fit checks to the stack. */
export class PlanChecks extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // cdktf 0.21 has no construct for `check` blocks; JSON syntax takes them as is.
    const stack = TerraformStack.of(this);
    for (const check of PLAN_CHECKS) {
      stack.addOverride(`check.${check.name}`, {
        assert: [{ condition: check.condition, error_message: check.errorMessage }],
      });
    }
  }
}
