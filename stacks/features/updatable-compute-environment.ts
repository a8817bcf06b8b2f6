// Opt-in: compute environments AWS Batch can update in place, and AWS's
// blue/green swap that moves a stack migrated from the module onto them.
//
// The real provider replaces a compute environment for most changes of
// `compute_resources` (instance types, subnets, security groups, bid,
// allocation strategy, launch template version, tags) unless the environment
// is "updatable": its service role is the Batch service-linked role (or
// unset) and its allocation strategy one of three, before and after the
// change (internal/service/batch/compute_environment.go
// resourceComputeEnvironmentCustomizeDiff, isUpdatableComputeEnvironment).
// The module's environment passes its own IAM role, and AWS never switches an
// existing environment between the two kinds of role (UpdateComputeEnvironment,
// serviceRole), so updatable environments are new ones, at their own
// addresses and names, and a migrated stack reaches them by the swap.
import { Construct } from "constructs";
import { Fn, IResolvable, Token } from "cdktf";
import { ConfigError } from "../app/errors";
import { FLAG, LEAF } from "../app/options-check";
import { ManagedComputeEnvironment, ManagedComputeEnvironmentProps } from "../constructs/compute-environment";
import { MAX_COMPUTE_ENVIRONMENTS } from "../constructs/job-queue";
import { wholeNumberInRange } from "../constructs/variable-rules";
import { Feature } from "./feature";

/** The phases of the swap that are options; the third is the option removed. */
export type ComputeEnvironmentSwapPhase = "add" | "drain";

export interface UpdatableComputeEnvironmentOption {
  /**
   * Compute environments AWS Batch updates in place: no `service_role` (AWS
   * Batch uses its service-linked role), an allocation strategy AWS can
   * update (checked at plan), and an `update_policy` from the variables
   * update_policy_job_execution_timeout_minutes and
   * update_policy_terminate_jobs_on_update. They are new environments,
   * `aws_batch_compute_environment.compute-environment-updatable` named
   * `<ce_name>-updatable` (and `compute-environment-on-demand-updatable` with
   * onDemandFallback): a stack migrated from the module reaches them through
   * computeEnvironmentSwap.
   * @default false - the module's environment, which AWS replaces for most changes
   */
  readonly updatableComputeEnvironment?: boolean;
  /**
   * AWS's blue/green update, for a stack whose environments the module (or
   * this project without updatableComputeEnvironment) created, one reviewed
   * apply per phase: "add" creates the updatable environments and puts them
   * first in every queue, the old ones after them; "drain" disables the old
   * environments and takes them out of the queues (their running jobs go on);
   * then, once no job runs in them, remove the option: the old environments
   * are destroyed.
   * @default - no swap: with updatableComputeEnvironment, the module's environments are not declared
   */
  readonly computeEnvironmentSwap?: ComputeEnvironmentSwapPhase;
}

const SWAP_PHASES: readonly ComputeEnvironmentSwapPhase[] = ["add", "drain"];

/** `isUpdatableAllocationStrategy` (compute_environment.go). */
export const UPDATABLE_ALLOCATION_STRATEGIES = ["BEST_FIT_PROGRESSIVE", "SPOT_CAPACITY_OPTIMIZED", "SPOT_PRICE_CAPACITY_OPTIMIZED"] as const;

/** The address (and the name's suffix) of an environment's updatable counterpart. */
export function updatableAddress(address: string): string {
  return `${address}-updatable`;
}

export const UPDATABLE_COMPUTE_ENVIRONMENT: Feature<UpdatableComputeEnvironmentOption> = {
  shape: { updatableComputeEnvironment: FLAG, computeEnvironmentSwap: LEAF },
  variables: {
    update_policy_job_execution_timeout_minutes: {
      declaredBy: "updatableComputeEnvironment",
      spec: {
        type: "number",
        description:
          "Minutes AWS Batch lets a running job go on when an infrastructure update replaces the instances, before it stops it (update_policy)",
        default: 30,
        // compute_environment.go update_policy.job_execution_timeout_minutes: validation.IntBetween(1, 360).
        validation: [wholeNumberInRange("update_policy_job_execution_timeout_minutes", 1, 360)],
      },
    },
    update_policy_terminate_jobs_on_update: {
      declaredBy: "updatableComputeEnvironment",
      spec: {
        type: "bool",
        description: "Whether an infrastructure update stops running jobs at once instead of letting them finish (update_policy)",
        default: false,
      },
    },
  },
  declares: (options) => options.updatableComputeEnvironment === true,
};

/** The swap's options, checked at synth. */
export function checkSwap(options: UpdatableComputeEnvironmentOption): ComputeEnvironmentSwapPhase | undefined {
  const phase = options.computeEnvironmentSwap;
  if (phase === undefined) {
    return undefined;
  }
  if (!SWAP_PHASES.includes(phase)) {
    throw new ConfigError(
      `computeEnvironmentSwap = ${JSON.stringify(phase)}`,
      "the swap has two phases that are options, and a third that is the option removed",
      'use "add" (phase 1: the updatable environments first in the queues), then "drain" (phase 2: the old ones disabled and out of the queues), then remove the option (phase 3: the old ones destroyed)',
    );
  }
  if (options.updatableComputeEnvironment !== true) {
    throw new ConfigError(
      `computeEnvironmentSwap = "${phase}"`,
      "the swap moves the stack onto the updatable environments, and updatableComputeEnvironment is off",
      "set updatableComputeEnvironment: true as well",
    );
  }
  return phase;
}

/** What an updatable environment takes beyond a module environment's settings. */
export interface UpdatableSettings {
  /** `var.update_policy_job_execution_timeout_minutes`. */
  readonly jobExecutionTimeoutMinutes: number;
  /** `var.update_policy_terminate_jobs_on_update`. */
  readonly terminateJobsOnUpdate: IResolvable;
}

/**
 * The updatable counterpart of a module environment's settings: its own
 * address and name, no service role (nor the attachment the module's waits
 * for on destroy), the update policy, and a precondition on the allocation
 * strategy, which only the plan knows.
 */
export function updatableEnvironment(
  scope: Construct,
  id: string,
  settings: ManagedComputeEnvironmentProps,
  updatable: UpdatableSettings,
): ManagedComputeEnvironment {
  // The old environment's state (DISABLED while it drains) is not the new one's.
  const { serviceRoleArn: _serviceRole, dependsOn: _dependsOn, state: _state, ...rest } = settings;
  const environment = new ManagedComputeEnvironment(scope, id, {
    ...rest,
    address: updatableAddress(settings.address),
    name: `${settings.name}-updatable`,
    updatePolicy: updatable,
  });
  const strategy = settings.allocationStrategy;
  // A fixed strategy (the On-Demand fallback's BEST_FIT_PROGRESSIVE) is
  // known here; Terraform refuses a precondition that refers to nothing.
  if (!Token.isUnresolved(strategy)) {
    if (!UPDATABLE_ALLOCATION_STRATEGIES.includes(strategy.toUpperCase() as never)) {
      throw new Error(`${id}: allocation strategy "${strategy}" cannot be updated in place; use one of ${UPDATABLE_ALLOCATION_STRATEGIES.join(", ")}.`);
    }
    return environment;
  }
  environment.resource.lifecycle = {
    ...environment.resource.lifecycle,
    precondition: [
      {
        condition: Fn.contains([...UPDATABLE_ALLOCATION_STRATEGIES], Fn.upper(strategy)),
        errorMessage: `allocation_strategy = "${strategy}": with updatableComputeEnvironment AWS Batch updates the compute environment in place only with ${UPDATABLE_ALLOCATION_STRATEGIES.join(", ")}; with another strategy every change of its instances replaces it. Set allocation_strategy to one of them.`,
      },
      ...(environment.resource.lifecycle?.precondition ?? []),
    ],
  };
  return environment;
}

/**
 * A queue's environments during the swap: the updatable ones first, in the
 * queue's order, then the old ones, as many as a queue takes (3); in the
 * drain phase, the updatable ones only.
 */
export function swapOrder(updatable: readonly string[], old: readonly string[], phase: ComputeEnvironmentSwapPhase | undefined): string[] {
  return phase === "add" ? [...updatable, ...old].slice(0, MAX_COMPUTE_ENVIRONMENTS) : [...updatable];
}
