// Opt-in: typed egress rules instead of the module's all-traffic rule, so the
// article's "legitimate flows" (writing to EFS, reaching the database) are a
// line each in main.ts rather than hand-written rules beside the stack.
//
// Given, they replace aws_security_group_rule.batch_www_egress_all: the plan
// destroys it and creates one rule per entry (rules are ForceNew on every
// argument but description: ec2 vpc_security_group_rule.go
// resourceSecurityGroupRule). Between the delete and the creates, the
// instances have no outbound rule for a moment.
import { ConfigError } from "../app/errors";
import { LEAF, listOf } from "../app/options-check";
import { ipv4NetworkProblem } from "../constructs/network";
import { Feature } from "./feature";

export interface EgressRule {
  /** What the flow is for; also names the rule's address (`batch_egress_<description>`). */
  readonly description: string;
  readonly protocol: "tcp" | "udp" | "all";
  /** One port (tcp, udp). @default - portRange */
  readonly port?: number;
  /** From and to, inclusive (tcp, udp). @default - port */
  readonly portRange?: readonly [number, number];
  /** Destinations as IPv4 networks (exactly one of cidrBlocks and securityGroupId). */
  readonly cidrBlocks?: readonly string[];
  /** A destination security group, e.g. the database's. */
  readonly securityGroupId?: string;
}

export interface EgressRulesOption {
  /**
   * The only outbound flows the hosts may open, replacing the all-traffic
   * rule, e.g. `{ description: "EFS", protocol: "tcp", port: 2049, cidrBlocks: ["10.0.0.0/16"] }`.
   * @default - the module's rule: all traffic to egressCidrBlocks (0.0.0.0/0)
   */
  readonly egressRules?: readonly EgressRule[];
}

export const EGRESS_RULES: Feature<EgressRulesOption> = {
  shape: { egressRules: listOf({ description: LEAF, protocol: LEAF, port: LEAF, portRange: LEAF, cidrBlocks: LEAF, securityGroupId: LEAF }) },
  variables: {},
  declares: () => false,
};

/** A rule as aws_security_group_rule takes it. */
export interface CheckedEgressRule {
  readonly address: string;
  readonly description: string;
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidrBlocks?: string[];
  readonly securityGroupId?: string;
}

const PROTOCOLS = ["tcp", "udp", "all"];
const isPort = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 65535;

/** The rules of the option, each mistake refused with the rule's index and the fix. */
export function checkEgressRules(rules: readonly EgressRule[] | undefined, egressCidrBlocks: readonly string[] | undefined): CheckedEgressRule[] | undefined {
  if (rules === undefined) {
    return undefined;
  }
  const refuse = (input: string, problem: string, fix: string): never => {
    throw new ConfigError(input, problem, fix);
  };
  if (egressCidrBlocks !== undefined) {
    refuse("egressRules and egressCidrBlocks", "both set the hosts' outbound traffic", "keep egressRules (a rule per flow) and remove egressCidrBlocks");
  }
  if (!Array.isArray(rules)) {
    refuse(`egressRules = ${JSON.stringify(rules)}`, "it is not a list of rules", 'give a list, e.g. [{ description: "HTTPS", protocol: "tcp", port: 443, cidrBlocks: ["0.0.0.0/0"] }]');
  }
  if (rules.length === 0) {
    refuse("egressRules = []", "the hosts could not pull images or reach AWS APIs", 'give the flows the jobs need, e.g. { description: "HTTPS", protocol: "tcp", port: 443, cidrBlocks: ["0.0.0.0/0"] }, or remove the option');
  }
  const addresses = new Set<string>();
  return rules.map((rule, index) => {
    const at = `egressRules[${index}]`;
    if (typeof rule.description !== "string" || !/[A-Za-z0-9]/.test(rule.description)) {
      refuse(`${at}.description`, "it is missing or holds no letter or digit, and it names the rule", 'describe the flow, e.g. description: "PostgreSQL"');
    }
    // ec2 vpc_security_group_rule.go: validSecurityGroupRuleDescription.
    if (!/^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/.test(rule.description) || rule.description.length > 255) {
      refuse(`${at}.description = ${JSON.stringify(rule.description)}`, "the provider takes letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* only, at most 255", "write it with those characters");
    }
    const address = `batch_egress_${rule.description.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "")}`;
    if (addresses.has(address)) {
      refuse(`${at}.description = ${JSON.stringify(rule.description)}`, `another rule's description maps to the same address, aws_security_group_rule.${address}`, "give each rule a description that differs in its letters or digits");
    }
    addresses.add(address);
    if (!PROTOCOLS.includes(rule.protocol)) {
      refuse(`${at}.protocol = ${JSON.stringify(rule.protocol)}`, "it is not a protocol this option takes", 'use "tcp", "udp" or "all"');
    }
    let fromPort = -1;
    let toPort = -1;
    if (rule.protocol === "all") {
      if (rule.port !== undefined || rule.portRange !== undefined) {
        refuse(`${at}`, 'protocol "all" covers every port, and a port is given too', 'remove port and portRange, or use protocol "tcp" or "udp"');
      }
    } else if ((rule.port === undefined) === (rule.portRange === undefined)) {
      refuse(`${at}`, `protocol "${rule.protocol}" needs exactly one of port and portRange`, "give port: 5432 or portRange: [8000, 8080]");
    } else if (rule.port !== undefined) {
      if (!isPort(rule.port)) refuse(`${at}.port = ${JSON.stringify(rule.port)}`, "it is not a port", "use a whole number from 0 to 65535");
      fromPort = toPort = rule.port;
    } else {
      const [from, to] = rule.portRange ?? [];
      if (!isPort(from) || !isPort(to) || from > to) {
        refuse(`${at}.portRange = ${JSON.stringify(rule.portRange)}`, "it is not a range of ports", "give [from, to], whole numbers from 0 to 65535, from <= to");
      }
      [fromPort, toPort] = [from as number, to as number];
    }
    if ((rule.cidrBlocks === undefined) === (rule.securityGroupId === undefined)) {
      refuse(`${at}`, "a rule goes to CIDR blocks or to a security group, and exactly one of cidrBlocks and securityGroupId must be given", 'give cidrBlocks: ["10.0.0.0/16"] or securityGroupId: "sg-0123456789abcdef0"');
    }
    if (rule.cidrBlocks !== undefined && !Array.isArray(rule.cidrBlocks)) {
      refuse(`${at}.cidrBlocks = ${JSON.stringify(rule.cidrBlocks)}`, "it is not a list", `write it as a list, e.g. [${JSON.stringify(rule.cidrBlocks)}]`);
    }
    const repeated = ((rule.cidrBlocks ?? []) as readonly string[]).find((cidr, position, all) => all.indexOf(cidr) !== position);
    if (repeated !== undefined) {
      refuse(`${at}.cidrBlocks has "${repeated}" twice`, "AWS refuses a rule that names a CIDR block twice", "name each block once");
    }
    for (const cidr of rule.cidrBlocks ?? []) {
      const problem = ipv4NetworkProblem(cidr);
      if (problem) refuse(`${at}.cidrBlocks has "${cidr}"`, problem.problem, problem.fix);
    }
    if (rule.cidrBlocks !== undefined && rule.cidrBlocks.length === 0) {
      refuse(`${at}.cidrBlocks = []`, "the rule would allow nothing", "give at least one CIDR block, or remove the rule");
    }
    if (rule.securityGroupId !== undefined && !/^sg-[0-9a-f]{8,17}$/.test(rule.securityGroupId)) {
      refuse(`${at}.securityGroupId = ${JSON.stringify(rule.securityGroupId)}`, "it is not a security group id", 'give one such as "sg-0123456789abcdef0"');
    }
    return { address, description: rule.description, protocol: rule.protocol, fromPort, toPort, cidrBlocks: rule.cidrBlocks && [...rule.cidrBlocks], securityGroupId: rule.securityGroupId };
  });
}
