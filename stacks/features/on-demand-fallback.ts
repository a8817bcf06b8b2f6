// Opt-in: an On-Demand compute environment the queues fall back to when Spot
// capacity is short (AWS's guidance for Spot queues).
import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { LEAF } from "../app/options-check";
import { ManagedComputeEnvironment, ManagedComputeEnvironmentProps } from "../constructs/compute-environment";
import { wholeNumberInRange } from "../constructs/variable-rules";
import { Feature } from "./feature";

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
  shape: { onDemandFallback: LEAF },
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

/** Same roles, network and instance types as the Spot environment; its own vCPU limits, from variables. */
export class OnDemandFallback extends Construct {
  public readonly computeEnvironment: ManagedComputeEnvironment;

  constructor(scope: Construct, id: string, props: OnDemandFallbackProps) {
    super(scope, id);
    const { maxVcpus, minVcpus, ...shared } = props;
    this.computeEnvironment = new ManagedComputeEnvironment(this, "compute-environment", {
      ...shared,
      address: ON_DEMAND_ADDRESS,
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
