import { Construct } from "constructs";
import { IResolvable, ITerraformDependable } from "cdktf";
import { BatchComputeEnvironment } from "@cdktf/provider-aws/lib/batch-compute-environment";
import { ConfigError } from "../app/errors";

/** How the managed compute environment buys its instances. */
export type CapacityType = "SPOT" | "EC2";

export interface ManagedComputeEnvironmentProps {
  /** Terraform name of the `aws_batch_compute_environment`. */
  readonly address: string;
  /** Compute environment name. */
  readonly name: string;
  /** SPOT or EC2 (On-Demand). */
  readonly capacity: CapacityType;
  /**
   * The IAM role AWS Batch acts with. Unset, AWS Batch uses its service-linked
   * role (AWSServiceRoleForBatch), which infrastructure updates need.
   * @default - the service-linked role
   */
  readonly serviceRoleArn?: string;
  readonly instanceProfileArn: string;
  readonly securityGroupIds: string[];
  readonly subnetIds: string[];
  /** Instance types or families (`["m4"]`, `["optimal"]`). */
  readonly instanceTypes: string[];
  readonly maxVcpus: number;
  readonly minVcpus: number;
  /** Ignored after creation: AWS Batch scales it, and Terraform must not fight that. */
  readonly desiredVcpus: number;
  /** How instances are chosen: BEST_FIT_PROGRESSIVE, SPOT_CAPACITY_OPTIMIZED, ... */
  readonly allocationStrategy: string;
  /** Required for SPOT: the percentage of the On-Demand price to pay at most. @default - none (EC2) */
  readonly bidPercentage?: number;
  /** Required for SPOT: the role the Spot fleet assumes. @default - none (EC2) */
  readonly spotFleetRoleArn?: string;
  /** Tags of the compute environment itself (upstream: Name and common_tags). */
  readonly tags: { [key: string]: string };
  /**
   * Resources that must outlive the compute environment on destroy. AWS Batch
   * needs its service role's policy until the environment is deleted, or the
   * environment stays in DELETING.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /** ENABLED, or DISABLED: the scheduler places no job in it, running jobs go on. @default "ENABLED" */
  readonly state?: "ENABLED" | "DISABLED";
  /**
   * How AWS Batch treats running jobs when an infrastructure update replaces
   * the instances (`update_policy`; updatable environments only).
   * @default - none: AWS's defaults (30 minutes, jobs not terminated)
   */
  readonly updatePolicy?: { readonly jobExecutionTimeoutMinutes: number; readonly terminateJobsOnUpdate: boolean | IResolvable };
  /** @default - none of them: the module's hosts */
  readonly hosts?: HostSettings;
}

/** What the opt-in host features set on every environment's instances. */
export interface HostSettings {
  /** The hosts' launch template, by id at a concrete version (launchTemplate). @default - none */
  readonly launchTemplate?: { readonly id: string; readonly version: string };
  /** The ECS-optimized AMI family (imageType). @default - AWS Batch's default */
  readonly imageType?: string;
  /** Tag the instances with the environment's own tags (instanceTags). @default false */
  readonly instanceTags?: boolean;
}

/** AWS Batch scales desired vCPUs itself; Terraform must not set them back (upstream's lifecycle rule). */
const DESIRED_VCPUS_PATH = "compute_resources[0].desired_vcpus";

/** A MANAGED AWS Batch compute environment on EC2, Spot or On-Demand. */
export class ManagedComputeEnvironment extends Construct {
  public readonly resource: BatchComputeEnvironment;

  constructor(scope: Construct, id: string, props: ManagedComputeEnvironmentProps) {
    super(scope, id);
    const spot = props.capacity === "SPOT";
    const missing = [props.bidPercentage === undefined && "bidPercentage", props.spotFleetRoleArn === undefined && "spotFleetRoleArn"].filter(
      (name): name is string => typeof name === "string",
    );
    if (spot && missing.length > 0) {
      throw new ConfigError(
        `ManagedComputeEnvironment '${id}': capacity = "SPOT"`,
        `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} missing, and a Spot compute environment needs both`,
        `give ${missing.join(" and ")}`,
      );
    }
    this.resource = new BatchComputeEnvironment(this, props.address, {
      name: props.name,
      serviceRole: props.serviceRoleArn,
      state: props.state,
      type: "MANAGED",
      updatePolicy: props.updatePolicy,
      computeResources: {
        instanceRole: props.instanceProfileArn,
        spotIamFleetRole: spot ? props.spotFleetRoleArn : undefined,
        instanceType: props.instanceTypes,
        maxVcpus: props.maxVcpus,
        minVcpus: props.minVcpus,
        desiredVcpus: props.desiredVcpus,
        bidPercentage: spot ? props.bidPercentage : undefined,
        allocationStrategy: props.allocationStrategy,
        securityGroupIds: props.securityGroupIds,
        subnets: props.subnetIds,
        type: props.capacity,
        launchTemplate: props.hosts?.launchTemplate && {
          launchTemplateId: props.hosts.launchTemplate.id,
          version: props.hosts.launchTemplate.version,
        },
        ec2Configuration: props.hosts?.imageType ? [{ imageType: props.hosts.imageType }] : undefined,
        tags: props.hosts?.instanceTags ? props.tags : undefined,
      },
      tags: props.tags,
      dependsOn: props.dependsOn,
      lifecycle: {
        ignoreChanges: [DESIRED_VCPUS_PATH],
      },
    });
    this.resource.overrideLogicalId(props.address);
  }

  public get arn(): string {
    return this.resource.arn;
  }

  public get name(): string {
    return this.resource.name;
  }

  public get state(): string {
    return this.resource.state;
  }
}
