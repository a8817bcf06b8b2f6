import { TerraformOutput, TerraformVariable } from "cdktf";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { additionalPolicyDocument, BatchIamRoles, BatchIamRolesProps } from "../../../stacks/constructs/iam-roles";
import { synth } from "../../support/constructs";

const PROPS: BatchIamRolesProps = {
  namePrefix: "dev-app",
  bucketName: "my-bucket",
  tags: { Environment: "dev", Application: "app" },
};

function synthRoles(props: Partial<BatchIamRolesProps> = {}) {
  return synth((scope) => {
    new BatchIamRoles(scope, "iam", { ...PROPS, ...props });
  });
}

/** The parsed trust policy JSON of an inline-trust role. */
function trustOf(tf: any, address: string): any {
  return JSON.parse(tf.resource.aws_iam_role[address].assume_role_policy);
}

describe("additionalPolicyDocument", () => {
  const statements = () => JSON.parse(additionalPolicyDocument("my-bucket")).Statement;

  test("has four statements in a 2012-10-17 document", () => {
    const document = JSON.parse(additionalPolicyDocument("my-bucket"));
    expect(document.Version).toBe("2012-10-17");
    expect(document.Statement).toHaveLength(4);
  });

  test("allows Put, Get and List on the bucket's objects only", () => {
    expect(statements()[0]).toEqual({
      Sid: "AllowBucketOperations",
      Effect: "Allow",
      Action: ["s3:Put*", "s3:Get*", "s3:List*"],
      Resource: ["arn:aws:s3:::my-bucket/*"],
    });
  });

  test("allows ListBucket on the bucket itself", () => {
    expect(statements()[1]).toEqual({
      Effect: "Allow",
      Action: ["s3:ListBucket"],
      Resource: ["arn:aws:s3:::my-bucket"],
    });
  });

  test("allows GetBucketLocation and ListAllMyBuckets on a bare \"*\"", () => {
    expect(statements()[2]).toEqual({
      Effect: "Allow",
      Action: ["s3:GetBucketLocation", "s3:ListAllMyBuckets"],
      Resource: "*",
    });
  });

  test("allows EFS mounts, Action before Effect as upstream", () => {
    const efs = statements()[3];
    expect(efs).toEqual({
      Sid: "AllowEFSMount",
      Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:CreateMountTarget"],
      Effect: "Allow",
      Resource: ["*"],
    });
    expect(Object.keys(efs)).toEqual(["Sid", "Action", "Effect", "Resource"]);
  });
});

describe("BatchIamRoles", () => {
  describe("addresses", () => {
    test.each([
      ["aws_iam_role", ["batch_ecs_task_execution_role", "batch_instance_role", "batch_service_role"]],
      [
        "aws_iam_role_policy_attachment",
        [
          "aws_batch_service_role",
          "batch_ecs_task_execution_role",
          "ecs-tasks-exec-batch-additional-policy-attachment",
          "ecs_instance_role",
        ],
      ],
      ["aws_iam_policy", ["batch-additional-policy"]],
      ["aws_iam_instance_profile", ["batch_instance_profile"]],
    ])("puts %s at the module's addresses", (type, addresses) => {
      const { tf } = synthRoles();
      expect(Object.keys(tf.resource[type]).sort()).toEqual(addresses);
    });

    test("puts the trust documents at the module's data addresses", () => {
      const { tf } = synthRoles();
      expect(Object.keys(tf.data.aws_iam_policy_document).sort()).toEqual([
        "instance-assume-role-batch-policy",
        "instance-assume-role-ec2-policy",
      ]);
    });
  });

  describe("names", () => {
    test("derives every role name from namePrefix", () => {
      const { tf } = synthRoles();
      const roles = tf.resource.aws_iam_role;
      expect(roles.batch_ecs_task_execution_role.name).toBe("role-dev-app-batch-ecs-task-execution-role");
      expect(roles.batch_instance_role.name).toBe("role-dev-app-batch-instance");
      expect(roles.batch_service_role.name).toBe("role-dev-app-batch-service");
    });

    test("derives the policy and instance profile names from namePrefix", () => {
      const { json } = synthRoles();
      expect(json).toHaveResourceWithProperties(IamPolicy, { name: "policy-dev-app-batch-additional-permissions" });
      expect(json).toHaveResourceWithProperties(IamInstanceProfile, { name: "role-dev-app-batch-instance-profile" });
    });

    test("accepts a namePrefix built from variables", () => {
      const { tf } = synth((scope) => {
        const env = new TerraformVariable(scope, "environment", { type: "string" });
        const app = new TerraformVariable(scope, "application", { type: "string" });
        new BatchIamRoles(scope, "iam", { ...PROPS, namePrefix: `${env.stringValue}-${app.stringValue}` });
      });
      expect(tf.resource.aws_iam_role.batch_instance_role.name).toBe(
        "role-${var.environment}-${var.application}-batch-instance",
      );
    });
  });

  describe("additional policy", () => {
    test("grants the job S3 access to bucketName", () => {
      const { tf } = synthRoles({ bucketName: "other-bucket" });
      const policy = JSON.parse(tf.resource.aws_iam_policy["batch-additional-policy"].policy);
      expect(policy.Statement[0].Resource).toEqual(["arn:aws:s3:::other-bucket/*"]);
      expect(policy.Statement[1].Resource).toEqual(["arn:aws:s3:::other-bucket"]);
    });

    test("accepts a bucketName from a variable", () => {
      const { tf } = synth((scope) => {
        const bucket = new TerraformVariable(scope, "bucket_name", { type: "string" });
        new BatchIamRoles(scope, "iam", { ...PROPS, bucketName: bucket.stringValue });
      });
      const policy = JSON.parse(tf.resource.aws_iam_policy["batch-additional-policy"].policy);
      expect(policy.Statement[0].Resource).toEqual(["arn:aws:s3:::${var.bucket_name}/*"]);
    });

    test("is attached to the task execution role", () => {
      const { tf } = synthRoles();
      expect(tf.resource.aws_iam_role_policy_attachment["ecs-tasks-exec-batch-additional-policy-attachment"]).toEqual({
        policy_arn: "${aws_iam_policy.batch-additional-policy.arn}",
        role: "${aws_iam_role.batch_ecs_task_execution_role.name}",
      });
    });
  });

  describe("task execution role", () => {
    test("is trusted by ECS tasks and EC2, inline", () => {
      const { tf } = synthRoles();
      expect(trustOf(tf, "batch_ecs_task_execution_role").Statement).toEqual([
        { Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: ["ecs-tasks.amazonaws.com", "ec2.amazonaws.com"] } },
      ]);
    });

    test("has AmazonECSTaskExecutionRolePolicy", () => {
      const { tf } = synthRoles();
      expect(tf.resource.aws_iam_role_policy_attachment.batch_ecs_task_execution_role).toEqual({
        policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        role: "${aws_iam_role.batch_ecs_task_execution_role.name}",
      });
    });

    test("is not tagged, as upstream", () => {
      const { tf } = synthRoles();
      expect(tf.resource.aws_iam_role.batch_ecs_task_execution_role).not.toHaveProperty("tags");
    });
  });

  describe("instance role and profile", () => {
    test("is trusted by EC2 through data.aws_iam_policy_document.instance-assume-role-ec2-policy", () => {
      const { tf } = synthRoles();
      expect(tf.resource.aws_iam_role.batch_instance_role.assume_role_policy).toBe(
        "${data.aws_iam_policy_document.instance-assume-role-ec2-policy.json}",
      );
      expect(tf.data.aws_iam_policy_document["instance-assume-role-ec2-policy"].statement).toEqual([
        { actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }] },
      ]);
    });

    test("has AmazonEC2ContainerServiceforEC2Role", () => {
      const { tf } = synthRoles();
      expect(tf.resource.aws_iam_role_policy_attachment.ecs_instance_role).toEqual({
        policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
        role: "${aws_iam_role.batch_instance_role.name}",
      });
    });

    test("respects tags", () => {
      const { tf } = synthRoles();
      expect(tf.resource.aws_iam_role.batch_instance_role.tags).toEqual({ Environment: "dev", Application: "app" });
    });

    test("the instance profile holds the instance role and is not tagged", () => {
      const { tf } = synthRoles();
      expect(tf.resource.aws_iam_instance_profile.batch_instance_profile).toEqual({
        name: "role-dev-app-batch-instance-profile",
        role: "${aws_iam_role.batch_instance_role.name}",
      });
    });
  });

  describe("service role", () => {
    test("is trusted by Batch through data.aws_iam_policy_document.instance-assume-role-batch-policy", () => {
      const { tf } = synthRoles();
      expect(tf.resource.aws_iam_role.batch_service_role.assume_role_policy).toBe(
        "${data.aws_iam_policy_document.instance-assume-role-batch-policy.json}",
      );
      expect(tf.data.aws_iam_policy_document["instance-assume-role-batch-policy"].statement).toEqual([
        { actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["batch.amazonaws.com"] }] },
      ]);
    });

    test("has AWSBatchServiceRole", () => {
      const { tf } = synthRoles();
      expect(tf.resource.aws_iam_role_policy_attachment.aws_batch_service_role).toEqual({
        policy_arn: "arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole",
        role: "${aws_iam_role.batch_service_role.name}",
      });
    });

    test("respects tags", () => {
      const { tf } = synthRoles();
      expect(tf.resource.aws_iam_role.batch_service_role.tags).toEqual({ Environment: "dev", Application: "app" });
    });
  });

  describe("getters", () => {
    test("expose the ARNs and names the compute environment and job definition use", () => {
      const { tf } = synth((scope) => {
        const roles = new BatchIamRoles(scope, "iam", PROPS);
        new TerraformOutput(scope, "service_role_arn", { value: roles.serviceRole.arn });
        new TerraformOutput(scope, "instance_profile_arn", { value: roles.instanceProfile.arn });
        new TerraformOutput(scope, "execution_role_arn", { value: roles.taskExecutionRole.arn });
        new TerraformOutput(scope, "execution_role_name", { value: roles.taskExecutionRole.name });
        new TerraformOutput(scope, "instance_role_name", { value: roles.instanceRole.name });
        new TerraformOutput(scope, "policy_arn", { value: roles.additionalPolicy.arn });
      });
      expect(tf.output.service_role_arn.value).toBe("${aws_iam_role.batch_service_role.arn}");
      expect(tf.output.instance_profile_arn.value).toBe("${aws_iam_instance_profile.batch_instance_profile.arn}");
      expect(tf.output.execution_role_arn.value).toBe("${aws_iam_role.batch_ecs_task_execution_role.arn}");
      expect(tf.output.execution_role_name.value).toBe("${aws_iam_role.batch_ecs_task_execution_role.name}");
      expect(tf.output.instance_role_name.value).toBe("${aws_iam_role.batch_instance_role.name}");
      expect(tf.output.policy_arn.value).toBe("${aws_iam_policy.batch-additional-policy.arn}");
    });
  });
});
