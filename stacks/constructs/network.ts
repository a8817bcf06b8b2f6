import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { Token } from "cdktf";
import { MODULE_ADDRESSES } from "./addresses";

export interface BatchSecurityGroupProps {
  /** Security group name: upstream `sgr-<env>-<app>-batch`. */
  readonly name: string;
  /** VPC that holds the compute environment's subnets. */
  readonly vpcId: string;
  /**
   * CIDR blocks the jobs may reach, as IPv4 network addresses. Upstream
   * allows all outbound traffic. Changing it replaces the egress rule (its
   * `cidr_blocks` are ForceNew).
   * @default ["0.0.0.0/0"]
   */
  readonly egressCidrBlocks?: string[];
}

export const DEFAULT_EGRESS_CIDR_BLOCKS = ["0.0.0.0/0"];

/** Upstream's group description; a change of it replaces the group (ForceNew). */
export const SECURITY_GROUP_DESCRIPTION = "Allow Private subnets access batch";

/** -1 with protocol "all": every port, as upstream writes it. */
const ALL_PORTS = -1;

/** The compute environment's security group: no ingress, one egress rule. */
export class BatchSecurityGroup extends Construct {
  public readonly securityGroup: SecurityGroup;
  public readonly egressRule: SecurityGroupRule;

  constructor(scope: Construct, id: string, props: BatchSecurityGroupProps) {
    super(scope, id);
    const egressCidrBlocks = props.egressCidrBlocks ?? DEFAULT_EGRESS_CIDR_BLOCKS;
    if (egressCidrBlocks.length === 0) {
      throw new Error(
        `BatchSecurityGroup '${id}': egressCidrBlocks is empty; jobs could not pull images or reach AWS APIs. ` +
          `Give at least one CIDR block, e.g. ["10.0.0.0/8"], or leave it unset for ["0.0.0.0/0"].`,
      );
    }
    for (const cidr of egressCidrBlocks.filter((block) => !Token.isUnresolved(block))) {
      if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr)) {
        throw new Error(
          `BatchSecurityGroup '${id}': egressCidrBlocks has "${cidr}", which is not an IPv4 CIDR block; write it as "10.0.0.0/8".`,
        );
      }
    }

    this.securityGroup = new SecurityGroup(this, MODULE_ADDRESSES.securityGroup, {
      name: props.name,
      description: SECURITY_GROUP_DESCRIPTION,
      vpcId: props.vpcId,
      // Upstream tags the group with its name only, not with common_tags.
      tags: { Name: props.name },
    });
    this.securityGroup.overrideLogicalId(MODULE_ADDRESSES.securityGroup);

    this.egressRule = new SecurityGroupRule(this, MODULE_ADDRESSES.egressRule, {
      type: "egress",
      fromPort: ALL_PORTS,
      toPort: ALL_PORTS,
      protocol: "all",
      description:
        props.egressCidrBlocks === undefined
          ? "Allow all Outbound Traffic for Batch"
          : "Allow Outbound Traffic for Batch to its allow-list only",
      cidrBlocks: egressCidrBlocks,
      securityGroupId: this.securityGroup.id,
    });
    this.egressRule.overrideLogicalId(MODULE_ADDRESSES.egressRule);
  }

  public get id(): string {
    return this.securityGroup.id;
  }
}
