// egressRules (stacks/features/egress-rules.ts): the article's flows as typed
// rules replacing the all-traffic rule, each mistake one message, and what the
// real plan does on the module's state (through the stand-in).
import { FIXTURE_MODULE } from "../../../dropin/check/check";
import { EgressRule } from "../../../stacks/features/egress-rules";
import { describeKinds, projectWith, upstreamFixture, usePreparedCheck } from "../../support/dropin";
import { synthStack } from "../../support/stack";
import { describeWithTerraform } from "../../support/terraform";

jest.setTimeout(120_000);

const EFS: EgressRule = { description: "EFS", protocol: "tcp", port: 2049, cidrBlocks: ["10.0.0.0/16"] };
const POSTGRES: EgressRule = { description: "PostgreSQL", protocol: "tcp", port: 5432, securityGroupId: "sg-0123456789abcdef0" };

describe("egressRules", () => {
  test("the article's two flows replace the all-traffic rule, one rule each", () => {
    const rules = synthStack({ egressRules: [EFS, POSTGRES] }).tf.resource.aws_security_group_rule;
    expect(Object.keys(rules)).toEqual(["batch_egress_efs", "batch_egress_postgresql"]);
    expect(rules.batch_egress_efs).toMatchObject({ type: "egress", protocol: "tcp", from_port: 2049, to_port: 2049, cidr_blocks: ["10.0.0.0/16"], description: "EFS" });
    expect(rules.batch_egress_postgresql).toMatchObject({ protocol: "tcp", from_port: 5432, to_port: 5432, source_security_group_id: "sg-0123456789abcdef0" });
    expect(rules.batch_egress_postgresql).not.toHaveProperty("cidr_blocks");
  });

  test("a port range, and protocol all (every port)", () => {
    const rules = synthStack({
      egressRules: [
        { description: "Web", protocol: "tcp", portRange: [8000, 8080], cidrBlocks: ["10.1.0.0/16"] },
        { description: "VPC", protocol: "all", cidrBlocks: ["10.0.0.0/8"] },
      ],
    }).tf.resource.aws_security_group_rule;
    expect(rules.batch_egress_web).toMatchObject({ from_port: 8000, to_port: 8080 });
    expect(rules.batch_egress_vpc).toMatchObject({ protocol: "all", from_port: -1, to_port: -1 });
  });

  test.each([
    [{ egressRules: [EFS], egressCidrBlocks: ["10.0.0.0/8"] }, /^egressRules and egressCidrBlocks: both set the hosts' outbound traffic\. Fix: keep egressRules/],
    [{ egressRules: [] }, /^egressRules = \[\]: the hosts could not pull images or reach AWS APIs\. Fix: /],
    [{ egressRules: [{ ...EFS, protocol: "icmp" as never }] }, /^egressRules\[0\]\.protocol = "icmp": it is not a protocol this option takes\. Fix: use "tcp", "udp" or "all"$/],
    [{ egressRules: [{ ...EFS, port: undefined }] }, /^egressRules\[0\]: protocol "tcp" needs exactly one of port and portRange\. Fix: /],
    [{ egressRules: [{ ...EFS, portRange: [1, 2] as const }] }, /^egressRules\[0\]: protocol "tcp" needs exactly one of port and portRange/],
    [{ egressRules: [{ ...EFS, port: 70000 }] }, /^egressRules\[0\]\.port = 70000: it is not a port\. Fix: use a whole number from 0 to 65535$/],
    [{ egressRules: [{ description: "x", protocol: "tcp", portRange: [90, 80], cidrBlocks: ["10.0.0.0/8"] }] }, /^egressRules\[0\]\.portRange = \[90,80\]: it is not a range of ports/],
    [{ egressRules: [{ description: "All", protocol: "all", port: 80, cidrBlocks: ["10.0.0.0/8"] }] }, /^egressRules\[0\]: protocol "all" covers every port, and a port is given too/],
    [{ egressRules: [{ ...POSTGRES, cidrBlocks: ["10.0.0.0/16"] }] }, /^egressRules\[0\]: a rule goes to CIDR blocks or to a security group, and exactly one of cidrBlocks and securityGroupId must be given/],
    [{ egressRules: [{ ...EFS, cidrBlocks: undefined }] }, /exactly one of cidrBlocks and securityGroupId must be given/],
    [{ egressRules: [{ ...EFS, cidrBlocks: ["10.0.0.1/16"] }] }, /^egressRules\[0\]\.cidrBlocks has "10\.0\.0\.1\/16": its host bits are set.* Fix: write "10\.0\.0\.0\/16"$/],
    [{ egressRules: [{ ...POSTGRES, securityGroupId: "db-sg" }] }, /^egressRules\[0\]\.securityGroupId = "db-sg": it is not a security group id/],
    [{ egressRules: [EFS, { ...POSTGRES, description: "efs" }] }, /^egressRules\[1\]\.description = "efs": another rule's description maps to the same address, aws_security_group_rule\.batch_egress_efs/],
    [{ egressRules: [{ ...EFS, description: " " }] }, /^egressRules\[0\]\.description: it is missing or holds no letter or digit/],
    [{ egressRules: [{ ...EFS, description: "数据库" }] }, /^egressRules\[0\]\.description: it is missing or holds no letter or digit/],
    [{ egressRules: [{ ...EFS, description: "Bob's DB" }] }, /^egressRules\[0\]\.description = "Bob's DB": the provider takes letters, digits, spaces and /],
    [{ egressRules: [{ ...EFS, cidrBlocks: ["10.0.0.0/16", "10.0.0.0/16"] }] }, /^egressRules\[0\]\.cidrBlocks has "10\.0\.0\.0\/16" twice: AWS refuses/],
    [{ egressRules: [{ ...EFS, cidrBlocks: "10.0.0.0/16" }] }, /^egressRules\[0\]\.cidrBlocks = "10\.0\.0\.0\/16": it is not a list/],
    [{ egressRules: EFS }, /^egressRules = \{.*\}: it is not a list of rules/],
  ])("a mistake is one message naming the rule and the fix: %j", (options, message) => {
    expect(() => synthStack(options as never)).toThrow(message);
  });
});

describeWithTerraform("egressRules through the stand-in, on the module's state", () => {
  const prepared = usePreparedCheck();

  test("the all-traffic rule destroyed, each flow's rule created; nothing else changes", () => {
    const { statePath } = upstreamFixture(prepared.check);
    const options = `egressRules: ${JSON.stringify([EFS, POSTGRES])},`;
    const plan = prepared.check.plan(prepared.check.synthesize({ modulePath: FIXTURE_MODULE, projectDir: projectWith(prepared.check, options) }, statePath));
    expect(describeKinds(plan)).toEqual([
      "create aws_security_group_rule.batch_egress_efs",
      "create aws_security_group_rule.batch_egress_postgresql",
      "delete aws_security_group_rule.batch_www_egress_all",
    ]);
  });
});
