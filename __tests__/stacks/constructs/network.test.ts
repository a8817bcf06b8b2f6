import { TerraformOutput, TerraformVariable } from "cdktf";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { BatchSecurityGroup, BatchSecurityGroupProps } from "../../../stacks/constructs/network";
import { literally, synth } from "../../support/constructs";

const PROPS: BatchSecurityGroupProps = { name: "sgr-dev-app-batch", vpcId: "vpc-0123" };

function synthGroup(props: Partial<BatchSecurityGroupProps> = {}) {
  return synth((scope) => {
    new BatchSecurityGroup(scope, "network", { ...PROPS, ...props });
  });
}

describe("BatchSecurityGroup", () => {
  describe("addresses", () => {
    test("puts the group at aws_security_group.sg-batch", () => {
      const { tf } = synthGroup();
      expect(Object.keys(tf.resource.aws_security_group)).toEqual(["sg-batch"]);
    });

    test("puts the egress rule at aws_security_group_rule.batch_www_egress_all", () => {
      const { tf } = synthGroup();
      expect(Object.keys(tf.resource.aws_security_group_rule)).toEqual(["batch_www_egress_all"]);
    });
  });

  describe("security group", () => {
    test("respects name and vpcId", () => {
      const { json } = synthGroup();
      expect(json).toHaveResourceWithProperties(SecurityGroup, { name: "sgr-dev-app-batch", vpc_id: "vpc-0123" });
    });

    test("uses upstream's description, which is ForceNew", () => {
      const { json } = synthGroup();
      expect(json).toHaveResourceWithProperties(SecurityGroup, { description: "Allow Private subnets access batch" });
    });

    test("tags the group with its Name only", () => {
      const { tf } = synthGroup();
      expect(tf.resource.aws_security_group["sg-batch"].tags).toEqual({ Name: "sgr-dev-app-batch" });
    });

    test("has no inline rules, so the separate rule is the only one", () => {
      const { tf } = synthGroup();
      const group = tf.resource.aws_security_group["sg-batch"];
      expect(group).not.toHaveProperty("ingress");
      expect(group).not.toHaveProperty("egress");
    });
  });

  describe("egress rule", () => {
    test("attaches to the group", () => {
      const { json } = synthGroup();
      expect(json).toHaveResourceWithProperties(SecurityGroupRule, {
        security_group_id: "${aws_security_group.sg-batch.id}",
      });
    });

    test("allows every protocol and port outbound", () => {
      const { tf } = synthGroup();
      const rule = tf.resource.aws_security_group_rule.batch_www_egress_all;
      expect(rule).toMatchObject({ type: "egress", protocol: "all", from_port: -1, to_port: -1 });
    });

    test("defaults to 0.0.0.0/0 with upstream's description", () => {
      // given no egressCidrBlocks
      const { json } = synthGroup();
      // then the rule is upstream's
      expect(json).toHaveResourceWithProperties(SecurityGroupRule, {
        cidr_blocks: ["0.0.0.0/0"],
        description: "Allow all Outbound Traffic for Batch",
      });
    });

    test("respects egressCidrBlocks, in order, and says it is an allow-list", () => {
      const { json } = synthGroup({ egressCidrBlocks: ["10.0.0.0/8", "192.168.0.0/16"] });
      expect(json).toHaveResourceWithProperties(SecurityGroupRule, {
        cidr_blocks: ["10.0.0.0/8", "192.168.0.0/16"],
        description: "Allow Outbound Traffic for Batch to its allow-list only",
      });
    });

    test("creates no ingress rule", () => {
      const { tf } = synthGroup({ egressCidrBlocks: ["10.0.0.0/8"] });
      const types = Object.values(tf.resource.aws_security_group_rule).map((rule: any) => rule.type);
      expect(types).toEqual(["egress"]);
    });
  });

  describe("validation", () => {
    test("fails when egressCidrBlocks is empty", () => {
      expect(() => synthGroup({ egressCidrBlocks: [] })).toThrow(
        /^BatchSecurityGroup 'network': egressCidrBlocks = \[\]: jobs could not pull images or reach AWS APIs\. Fix: .*leave it unset for \["0\.0\.0\.0\/0"\]$/,
      );
    });

    test.each(["10.0.0.0", "10.0.0/8", "::/0", "10.0.0.0/8 ", "all", "10.0.0.0/33", "999.999.999.999/99"])(
      "fails when an egress CIDR block is not IPv4 CIDR: %j",
      (cidr) => {
        expect(() => synthGroup({ egressCidrBlocks: [cidr] })).toThrow(
          literally(
            `BatchSecurityGroup 'network': egressCidrBlocks has "${cidr}": it is not an IPv4 CIDR block. ` +
              'Fix: write it as four numbers from 0 to 255 and a prefix from 0 to 32, e.g. "10.0.0.0/8"',
          ),
        );
      },
    );

    test("fails when a CIDR block has host bits set, naming the network address to write", () => {
      expect(() => synthGroup({ egressCidrBlocks: ["10.0.0.1/8"] })).toThrow(
        literally(
          `BatchSecurityGroup 'network': egressCidrBlocks has "10.0.0.1/8": its host bits are set, so it is not a network address ` +
            '(the provider refuses it). Fix: write "10.0.0.0/8"',
        ),
      );
    });

    test("fails on an invalid block that follows valid ones", () => {
      expect(() => synthGroup({ egressCidrBlocks: ["10.0.0.0/8", "172.16.0.0/12", "nope"] })).toThrow(
        /egressCidrBlocks has "nope"/,
      );
    });
  });

  describe("tokens", () => {
    test("accepts a CIDR block from a variable without validating it", () => {
      const { json } = synth((scope) => {
        const cidr = new TerraformVariable(scope, "egress_cidr", { type: "string" });
        new BatchSecurityGroup(scope, "network", { ...PROPS, egressCidrBlocks: [cidr.stringValue] });
      });
      expect(json).toHaveResourceWithProperties(SecurityGroupRule, { cidr_blocks: ["${var.egress_cidr}"] });
    });

    test("still validates the literal blocks next to a variable's", () => {
      expect(() =>
        synth((scope) => {
          const cidr = new TerraformVariable(scope, "egress_cidr", { type: "string" });
          new BatchSecurityGroup(scope, "network", { ...PROPS, egressCidrBlocks: [cidr.stringValue, "nope"] });
        }),
      ).toThrow(/egressCidrBlocks has "nope"/);
    });

    test("accepts a list variable of CIDR blocks (the provider validates its values at plan)", () => {
      const { json } = synth((scope) => {
        const cidrs = new TerraformVariable(scope, "egress_cidrs", { type: "list(string)" });
        new BatchSecurityGroup(scope, "network", { ...PROPS, egressCidrBlocks: cidrs.listValue });
      });
      expect(json).toHaveResourceWithProperties(SecurityGroupRule, { cidr_blocks: "${var.egress_cidrs}" });
    });

    test("accepts name and vpcId from variables", () => {
      const { json } = synth((scope) => {
        const vpc = new TerraformVariable(scope, "vpc_id", { type: "string" });
        const env = new TerraformVariable(scope, "environment", { type: "string" });
        new BatchSecurityGroup(scope, "network", { name: `sgr-${env.stringValue}-batch`, vpcId: vpc.stringValue });
      });
      expect(json).toHaveResourceWithProperties(SecurityGroup, {
        name: "sgr-${var.environment}-batch",
        vpc_id: "${var.vpc_id}",
        tags: { Name: "sgr-${var.environment}-batch" },
      });
    });
  });

  describe("getters", () => {
    test("id is the security group's id", () => {
      const { tf } = synth((scope) => {
        const group = new BatchSecurityGroup(scope, "network", PROPS);
        new TerraformOutput(scope, "sg_id", { value: group.id });
      });
      expect(tf.output.sg_id.value).toBe("${aws_security_group.sg-batch.id}");
    });
  });
});
