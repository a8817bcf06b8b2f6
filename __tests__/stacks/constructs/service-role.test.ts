import { TerraformOutput, TerraformVariable } from "cdktf";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { inlineTrustPolicy, policyDocument, ServiceRole, ServiceRoleProps } from "../../../stacks/constructs/service-role";
import { synth } from "../../support/constructs";

const PROPS: ServiceRoleProps = {
  address: "my_role",
  roleName: "role-dev-app-thing",
  trustedServices: ["batch.amazonaws.com"],
  attachments: [{ address: "my_role_policy", policyArn: "arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole" }],
};

function synthRole(props: Partial<ServiceRoleProps> = {}) {
  return synth((scope) => {
    new ServiceRole(scope, "role", { ...PROPS, ...props });
  });
}

describe("policyDocument", () => {
  test("wraps the statements in a 2012-10-17 document", () => {
    const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };
    expect(JSON.parse(policyDocument([statement]))).toEqual({ Version: "2012-10-17", Statement: [statement] });
  });

  test("writes Version first, indented by two spaces, as upstream's heredocs", () => {
    expect(policyDocument([])).toBe('{\n  "Version": "2012-10-17",\n  "Statement": []\n}');
  });
});

describe("inlineTrustPolicy", () => {
  test("lets one service assume the role, its principal a string", () => {
    expect(JSON.parse(inlineTrustPolicy(["batch.amazonaws.com"]))).toEqual({
      Version: "2012-10-17",
      Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "batch.amazonaws.com" } }],
    });
  });

  test("lists several services in one statement, in the given order", () => {
    const policy = JSON.parse(inlineTrustPolicy(["ecs-tasks.amazonaws.com", "ec2.amazonaws.com"]));
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Principal).toEqual({ Service: ["ecs-tasks.amazonaws.com", "ec2.amazonaws.com"] });
  });
});

describe("ServiceRole", () => {
  describe("role", () => {
    test("sits at the given address", () => {
      const { tf } = synthRole();
      expect(Object.keys(tf.resource.aws_iam_role)).toEqual(["my_role"]);
    });

    test("respects roleName", () => {
      const { json } = synthRole();
      expect(json).toHaveResourceWithProperties(IamRole, { name: "role-dev-app-thing" });
    });

    test("defaults to no tags", () => {
      const { tf } = synthRole();
      expect(tf.resource.aws_iam_role.my_role).not.toHaveProperty("tags");
    });

    test("respects tags", () => {
      const { json } = synthRole({ tags: { Environment: "dev", Application: "app" } });
      expect(json).toHaveResourceWithProperties(IamRole, { tags: { Environment: "dev", Application: "app" } });
    });
  });

  describe("trust policy", () => {
    test("defaults to inline JSON, with no data source", () => {
      // given no trustDocumentAddress
      const { tf } = synthRole({ trustedServices: ["ecs-tasks.amazonaws.com", "ec2.amazonaws.com"] });
      // then the trust policy is the role's own JSON
      expect(tf.data).toBeUndefined();
      expect(JSON.parse(tf.resource.aws_iam_role.my_role.assume_role_policy)).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Action: "sts:AssumeRole",
            Effect: "Allow",
            Principal: { Service: ["ecs-tasks.amazonaws.com", "ec2.amazonaws.com"] },
          },
        ],
      });
    });

    test("leaves trustDocument undefined without trustDocumentAddress", () => {
      let role: ServiceRole | undefined;
      synth((scope) => {
        role = new ServiceRole(scope, "role", PROPS);
      });
      expect(role?.attachments).toHaveLength(1); // the construct was built
      expect(role?.trustDocument).toBeUndefined();
    });

    test("respects trustDocumentAddress: a data source at that address trusts the services", () => {
      const { tf, json } = synthRole({ trustDocumentAddress: "trust_doc" });
      expect(Object.keys(tf.data.aws_iam_policy_document)).toEqual(["trust_doc"]);
      expect(json).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: [
          { actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["batch.amazonaws.com"] }] },
        ],
      });
    });

    test("with trustDocumentAddress, the role reads the data source's json", () => {
      const { json } = synthRole({ trustDocumentAddress: "trust_doc" });
      expect(json).toHaveResourceWithProperties(IamRole, {
        assume_role_policy: "${data.aws_iam_policy_document.trust_doc.json}",
      });
    });
  });

  describe("attachments", () => {
    test("creates one per spec, at its address, on the role", () => {
      const { tf } = synthRole({
        attachments: [
          { address: "first", policyArn: "arn:aws:iam::aws:policy/One" },
          { address: "second", policyArn: "arn:aws:iam::123456789012:policy/Two" },
        ],
      });
      expect(tf.resource.aws_iam_role_policy_attachment).toEqual({
        first: { policy_arn: "arn:aws:iam::aws:policy/One", role: "${aws_iam_role.my_role.name}" },
        second: { policy_arn: "arn:aws:iam::123456789012:policy/Two", role: "${aws_iam_role.my_role.name}" },
      });
    });

    test("creates none when attachments is empty", () => {
      const { tf } = synthRole({ attachments: [] });
      expect(tf.resource.aws_iam_role_policy_attachment).toBeUndefined();
    });

    test("exposes them in the given order", () => {
      let role: ServiceRole | undefined;
      synth((scope) => {
        role = new ServiceRole(scope, "role", {
          ...PROPS,
          attachments: [
            { address: "b_first", policyArn: "arn:one" },
            { address: "a_second", policyArn: "arn:two" },
          ],
        });
      });
      expect(role?.attachments.map((attachment) => attachment.node.id)).toEqual(["b_first", "a_second"]);
    });

    test("fails when two attachments share an address", () => {
      expect(() =>
        synthRole({
          attachments: [
            { address: "dup", policyArn: "arn:one" },
            { address: "dup", policyArn: "arn:two" },
          ],
        }),
      ).toThrow(/There is already a Construct with name 'dup'/);
    });
  });

  describe("tokens", () => {
    test("accepts roleName, trusted service and policy ARN from variables", () => {
      const { tf, json } = synth((scope) => {
        const name = new TerraformVariable(scope, "role_name", { type: "string" });
        const service = new TerraformVariable(scope, "service", { type: "string" });
        const policy = new TerraformVariable(scope, "policy_arn", { type: "string" });
        new ServiceRole(scope, "role", {
          ...PROPS,
          roleName: name.stringValue,
          trustedServices: [service.stringValue],
          attachments: [{ address: "my_role_policy", policyArn: policy.stringValue }],
        });
      });
      expect(json).toHaveResourceWithProperties(IamRole, { name: "${var.role_name}" });
      expect(JSON.parse(tf.resource.aws_iam_role.my_role.assume_role_policy).Statement[0].Principal).toEqual({
        Service: "${var.service}",
      });
      expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: "${var.policy_arn}" });
    });
  });

  describe("getters", () => {
    test("arn and name reference the role", () => {
      const { tf } = synth((scope) => {
        const role = new ServiceRole(scope, "role", PROPS);
        new TerraformOutput(scope, "arn", { value: role.arn });
        new TerraformOutput(scope, "name", { value: role.name });
      });
      expect(tf.output.arn.value).toBe("${aws_iam_role.my_role.arn}");
      expect(tf.output.name.value).toBe("${aws_iam_role.my_role.name}");
    });
  });
});
