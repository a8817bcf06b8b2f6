import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { ManagedComputeEnvironment, ManagedComputeEnvironmentProps } from "./compute-environment";
import { rootVariable, wholeNumberInRange } from "./inputs";

/** What the fallback shares with the Spot compute environment. */
export type SharedComputeSettings = Pick<
  ManagedComputeEnvironmentProps,
  "serviceRoleArn" | "instanceProfileArn" | "securityGroupIds" | "subnetIds" | "instanceTypes"
> & {
  readonly name: string;
  readonly tags: { [key: string]: string };
  readonly dependsOn?: ITerraformDependable[];
};

/**
 * Opt-in: an On-Demand compute environment the queue falls back to when Spot
 * capacity is short (AWS's guidance for Spot queues). Same roles, network and
 * instance types as the Spot one; its own vCPU limits, as variables.
 */
export class OnDemandFallback extends Construct {
  public readonly computeEnvironment: ManagedComputeEnvironment;

  constructor(scope: Construct, id: string, shared: SharedComputeSettings) {
    super(scope, id);
    const vcpus = (name: string, description: string, defaultValue: number) =>
      rootVariable(this, name, {
        type: "number",
        description,
        default: defaultValue,
        validation: [wholeNumberInRange(name, 0)],
      }).numberValue;
    const maxVcpus = vcpus("on_demand_max_vcpus", "Most vCPUs the On-Demand fallback compute environment may run", 4);
    const minVcpus = vcpus("on_demand_min_vcpus", "vCPUs the On-Demand fallback keeps running when idle", 0);

    this.computeEnvironment = new ManagedComputeEnvironment(this, "compute-environment", {
      ...shared,
      address: "compute-environment-on-demand",
      capacity: "EC2",
      maxVcpus,
      minVcpus,
      desiredVcpus: minVcpus,
      // The SPOT_* strategies are refused for On-Demand environments.
      allocationStrategy: "BEST_FIT_PROGRESSIVE",
    });
  }
}
