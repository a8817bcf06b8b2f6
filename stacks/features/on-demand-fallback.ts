// Opt-in: an On-Demand compute environment the queues fall back to when Spot
// capacity is short (AWS's guidance for Spot queues).
import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { FLAG } from "../app/options-check";
import { ManagedComputeEnvironment, ManagedComputeEnvironmentProps } from "../constructs/compute-environment";
import { wholeNumberInRange } from "../constructs/variable-rules";
import { Feature } from "./feature";
import { UpdatableSettings, updatableEnvironment } from "./updatable-compute-environment";

export interface OnDemandFallbackOption {
  /**
   * Add an On-Demand compute environment after the Spot one in the queue's
   * order, with its own vCPU limits (variables on_demand_max_vcpus,
   * on_demand_min_vcpus).
   * @default false
   */
  readonly onDemandFallback?: boolean;
}

/** aws_batch_compute_environment of the fallback. */
export const ON_DEMAND_ADDRESS = "compute-environment-on-demand";

export const ON_DEMAND_FALLBACK: Feature<OnDemandFallbackOption> = {
  shape: { onDemandFallback: FLAG },
  variables: {
    on_demand_max_vcpus: {
      declaredBy: "onDemandFallback",
      spec: {
        type: "number",
        description: "Most vCPUs the On-Demand fallback compute environment may run",
        default: 4,
        validation: [wholeNumberInRange("on_demand_max_vcpus", 0)],
      },
    },
    on_demand_min_vcpus: {
      declaredBy: "onDemandFallback",
      spec: {
        type: "number",
        description: "vCPUs the On-Demand fallback keeps running when idle",
        default: 0,
        validation: [wholeNumberInRange("on_demand_min_vcpus", 0)],
      },
    },
  },
  declares: (options) => options.onDemandFallback === true,
};

/** What the fallback shares with the Spot compute environment. */
export type SharedComputeSettings = Pick<
  ManagedComputeEnvironmentProps,
  "serviceRoleArn" | "instanceProfileArn" | "securityGroupIds" | "subnetIds" | "instanceTypes" | "state"
> & {
  readonly name: string;
  readonly tags: { [key: string]: string };
  /** @default - none */
  readonly dependsOn?: ITerraformDependable[];
};

export interface OnDemandFallbackProps extends SharedComputeSettings {
  /** Most vCPUs it may run (`var.on_demand_max_vcpus`). */
  readonly maxVcpus: number;
  /** vCPUs it keeps running when idle (`var.on_demand_min_vcpus`). */
  readonly minVcpus: number;
  /** Whether the environment at the fallback's own address is declared (not when only the updatable one is). @default true */
  readonly moduleEnvironment?: boolean;
  /** With updatableComputeEnvironment: its updatable counterpart too. @default - none */
  readonly updatable?: UpdatableSettings;
}

/** The SPOT_* strategies are refused for On-Demand environments; this one fills instances in order. */
export const ON_DEMAND_ALLOCATION_STRATEGY = "BEST_FIT_PROGRESSIVE";

/** Same roles, network and instance types as the Spot environment; its own vCPU limits, from variables. */
export class OnDemandFallback extends Construct {
  /** The environment queues use: the updatable one when there is one. */
  public readonly computeEnvironment: ManagedComputeEnvironment;
  /** The environment at `aws_batch_compute_environment.compute-environment-on-demand`, unless only the updatable one is declared. */
  public readonly moduleComputeEnvironment?: ManagedComputeEnvironment;

  constructor(scope: Construct, id: string, props: OnDemandFallbackProps) {
    super(scope, id);
    const { maxVcpus, minVcpus, moduleEnvironment, updatable, ...shared } = props;
    const settings: ManagedComputeEnvironmentProps = {
      ...shared,
      address: ON_DEMAND_ADDRESS,
      capacity: "EC2",
      maxVcpus,
      minVcpus,
      desiredVcpus: minVcpus,
      allocationStrategy: ON_DEMAND_ALLOCATION_STRATEGY,
    };
    // During the swap the module's environment keeps the module's hosts: a host option on it would replace it.
    this.moduleComputeEnvironment =
      moduleEnvironment === false ? undefined : new ManagedComputeEnvironment(this, "compute-environment", { ...settings, hosts: updatable ? undefined : settings.hosts });
    const updatableEnvironmentOf = updatable && updatableEnvironment(this, "compute-environment-updatable", settings, updatable);
    this.computeEnvironment = (updatableEnvironmentOf || this.moduleComputeEnvironment)!;
  }

  public get arn(): string {
    return this.computeEnvironment.arn;
  }

  /** The ARN of the environment at the fallback's own address, if declared. */
  public get moduleArn(): string | undefined {
    return this.moduleComputeEnvironment?.arn;
  }
}
