import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { ManagedComputeEnvironment, ManagedComputeEnvironmentProps } from "./compute-environment";
import { ADDED_ADDRESSES } from "./addresses";

/** What the fallback shares with the Spot compute environment. */
export type SharedComputeSettings = Pick<
  ManagedComputeEnvironmentProps,
  "serviceRoleArn" | "instanceProfileArn" | "securityGroupIds" | "subnetIds" | "instanceTypes"
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
}

/** The SPOT_* strategies are refused for On-Demand environments; this one fills instances in order. */
export const ON_DEMAND_ALLOCATION_STRATEGY = "BEST_FIT_PROGRESSIVE";

/**
 * Opt-in: an On-Demand compute environment the queue falls back to when Spot
 * capacity is short (AWS's guidance for Spot queues). Same roles, network and
 * instance types as the Spot one; its own vCPU limits, from variables.
 */
export class OnDemandFallback extends Construct {
  public readonly computeEnvironment: ManagedComputeEnvironment;

  constructor(scope: Construct, id: string, props: OnDemandFallbackProps) {
    super(scope, id);
    const { maxVcpus, minVcpus, ...shared } = props;
    this.computeEnvironment = new ManagedComputeEnvironment(this, "compute-environment", {
      ...shared,
      address: ADDED_ADDRESSES.onDemandComputeEnvironment,
      capacity: "EC2",
      maxVcpus,
      minVcpus,
      desiredVcpus: minVcpus,
      allocationStrategy: ON_DEMAND_ALLOCATION_STRATEGY,
    });
  }

  public get arn(): string {
    return this.computeEnvironment.arn;
  }
}
