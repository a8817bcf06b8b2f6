import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { Token } from "cdktf";
import { ConfigError } from "../app/errors";
import { MODULE_ADDRESSES } from "../module-contract";
import type { CheckedEgressRule } from "../features/egress-rules";

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
  /** Typed rules replacing the module's rule (egressRules, checked). @default - the module's rule */
  readonly egressRules?: readonly CheckedEgressRule[];
}

export const DEFAULT_EGRESS_CIDR_BLOCKS = ["0.0.0.0/0"];

/** Upstream's group description; a change of it replaces the group (ForceNew). */
export const SECURITY_GROUP_DESCRIPTION = "Allow Private subnets access batch";

/** -1 with protocol "all": every port, as upstream writes it. */
const ALL_PORTS = -1;

/** The compute environment's security group: no ingress, one egress rule. */
export class BatchSecurityGroup extends Construct {
  public readonly securityGroup: SecurityGroup;
  /** The module's all-traffic rule, unless egressRules replace it. */
  public readonly egressRule?: SecurityGroupRule;

  constructor(scope: Construct, id: string, props: BatchSecurityGroupProps) {
    super(scope, id);
    const egressCidrBlocks = props.egressCidrBlocks ?? DEFAULT_EGRESS_CIDR_BLOCKS;
    // A list from a variable is only known at plan: the provider's validators check it there.
    const known = Token.isUnresolved(egressCidrBlocks) ? [] : egressCidrBlocks.filter((block) => !Token.isUnresolved(block));
    if (!Token.isUnresolved(egressCidrBlocks) && egressCidrBlocks.length === 0) {
      throw new ConfigError(
        `BatchSecurityGroup '${id}': egressCidrBlocks = []`,
        "jobs could not pull images or reach AWS APIs",
        'give at least one CIDR block, e.g. ["10.0.0.0/8"], or leave it unset for ["0.0.0.0/0"]',
      );
    }
    for (const cidr of known) {
      const problem = ipv4NetworkProblem(cidr);
      if (problem) {
        throw new ConfigError(`BatchSecurityGroup '${id}': egressCidrBlocks has "${cidr}"`, problem.problem, problem.fix);
      }
    }
    const allowsAll = !Token.isUnresolved(egressCidrBlocks) && egressCidrBlocks.join() === DEFAULT_EGRESS_CIDR_BLOCKS.join();

    this.securityGroup = new SecurityGroup(this, MODULE_ADDRESSES.securityGroup, {
      name: props.name,
      description: SECURITY_GROUP_DESCRIPTION,
      vpcId: props.vpcId,
      // Upstream tags the group with its name only, not with common_tags.
      tags: { Name: props.name },
    });
    this.securityGroup.overrideLogicalId(MODULE_ADDRESSES.securityGroup);

    if (props.egressRules) {
      for (const rule of props.egressRules) {
        new SecurityGroupRule(this, rule.address, {
          type: "egress",
          description: rule.description,
          protocol: rule.protocol,
          fromPort: rule.fromPort,
          toPort: rule.toPort,
          cidrBlocks: rule.cidrBlocks,
          sourceSecurityGroupId: rule.securityGroupId,
          securityGroupId: this.securityGroup.id,
        }).overrideLogicalId(rule.address);
      }
      return;
    }
    this.egressRule = new SecurityGroupRule(this, MODULE_ADDRESSES.egressRule, {
      type: "egress",
      fromPort: ALL_PORTS,
      toPort: ALL_PORTS,
      protocol: "all",
      // Upstream's description while the rule is upstream's (a description change updates the rule in place).
      description: allowsAll ? "Allow all Outbound Traffic for Batch" : "Allow Outbound Traffic for Batch to its allow-list only",
      cidrBlocks: egressCidrBlocks,
      securityGroupId: this.securityGroup.id,
    });
    this.egressRule.overrideLogicalId(MODULE_ADDRESSES.egressRule);
  }

  public get id(): string {
    return this.securityGroup.id;
  }
}

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Why a CIDR block is not an IPv4 network address, as the provider's
 * ValidIPv4CIDRNetworkAddress refuses it (host bits set, out of range), or
 * undefined.
 */
export function ipv4NetworkProblem(cidr: string): { readonly problem: string; readonly fix: string } | undefined {
  const match = IPV4_CIDR.exec(cidr);
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefix = match ? Number(match[5]) : NaN;
  if (!match || octets.some((octet) => octet > 255) || prefix > 32) {
    return { problem: "it is not an IPv4 CIDR block", fix: 'write it as four numbers from 0 to 255 and a prefix from 0 to 32, e.g. "10.0.0.0/8"' };
  }
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  const network = address - (address % size);
  if (network !== address) {
    const written = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join(".");
    return {
      problem: "its host bits are set, so it is not a network address (the provider refuses it)",
      fix: `write "${written}/${prefix}"`,
    };
  }
  return undefined;
}
