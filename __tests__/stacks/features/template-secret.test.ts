import { TerraformOutput, TerraformVariable } from "cdktf";
import { DataAwsSecretsmanagerSecret } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { TemplateSecret, TemplateSecretProps } from "../../../stacks/features/template-secret";
import { synthScope } from "../../support/constructs";
import { SECRET_TEMPLATE, synthStack, tempProject } from "../../support/stack";

const synthProject = (files: { [file: string]: string }, overrides = {}) =>
  synthStack({ projectDir: tempProject(files), ...overrides });

const PROPS: TemplateSecretProps = { executionRoleName: "role-test-app-batch-exec", secretName: "RDS_PASSWORD" };

const synthSecret = (props: TemplateSecretProps = PROPS) => synthScope((scope) => new TemplateSecret(scope, "template-secret", props));

test("looks the secret up by name at data.aws_secretsmanager_secret.rds_password", () => {
  const json = synthSecret();
  expect(json).toHaveDataSourceWithProperties(DataAwsSecretsmanagerSecret, { name: "RDS_PASSWORD" });
  expect(JSON.parse(json).data.aws_secretsmanager_secret).toEqual({ rds_password: { name: "RDS_PASSWORD" } });
});

test("puts the read policy on the execution role at aws_iam_role_policy.batch_ecs_task_execution_secrets", () => {
  const json = synthSecret();
  expect(json).toHaveResourceWithProperties(IamRolePolicy, { name: "read-template-secrets", role: "role-test-app-batch-exec" });
  expect(Object.keys(JSON.parse(json).resource.aws_iam_role_policy)).toEqual(["batch_ecs_task_execution_secrets"]);
});

test("allows GetSecretValue on that one secret and nothing else", () => {
  const policy = JSON.parse(JSON.parse(synthSecret()).resource.aws_iam_role_policy.batch_ecs_task_execution_secrets.policy);
  expect(policy).toEqual({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReadTemplateSecrets",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: ["${data.aws_secretsmanager_secret.rds_password.arn}"],
      },
    ],
  });
});

test("creates nothing but the lookup and the policy", () => {
  const tf = JSON.parse(synthSecret());
  expect(Object.keys(tf.resource)).toEqual(["aws_iam_role_policy"]);
  expect(Object.keys(tf.data)).toEqual(["aws_secretsmanager_secret"]);
});

test("accepts tokens for the secret name and the role name", () => {
  const tf = JSON.parse(
    synthScope((scope) => {
      const name = new TerraformVariable(scope, "rds_password_secret_name", { type: "string" });
      name.overrideLogicalId("rds_password_secret_name");
      const role = new TerraformVariable(scope, "role", { type: "string" });
      new TemplateSecret(scope, "template-secret", { executionRoleName: role.stringValue, secretName: name.stringValue });
    }),
  );
  expect(tf.data.aws_secretsmanager_secret.rds_password.name).toBe("${var.rds_password_secret_name}");
  expect(tf.resource.aws_iam_role_policy.batch_ecs_task_execution_secrets.role).toBe("${var.role}");
});

test("arn is the looked-up secret's ARN", () => {
  const tf = JSON.parse(
    synthScope((scope) => {
      const secret = new TemplateSecret(scope, "template-secret", PROPS);
      new TerraformOutput(scope, "arn", { value: secret.arn });
    }),
  );
  expect(tf.output.arn.value).toBe("${data.aws_secretsmanager_secret.rds_password.arn}");
});

describe("secrets in templates", () => {
  test("a template using MY_PASSWORD_SECRET_ARN gets the secret looked up by name, readable by the execution role only", () => {
    const { tf } = synthProject({ "job-definitions/functionaltest.json": SECRET_TEMPLATE });
    expect(tf.variable.rds_password_secret_name.default).toBe("RDS_PASSWORD");
    expect(tf.data.aws_secretsmanager_secret.rds_password).toEqual({ name: "${var.rds_password_secret_name}" });
    const policy = tf.resource.aws_iam_role_policy.batch_ecs_task_execution_secrets;
    expect(policy.role).toBe("${aws_iam_role.batch_ecs_task_execution_role.name}");
    expect(JSON.parse(policy.policy).Statement).toEqual([
      {
        Sid: "ReadTemplateSecrets",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: ["${data.aws_secretsmanager_secret.rds_password.arn}"],
      },
    ]);
    expect(tf.resource.aws_batch_job_definition["job-definition"].container_properties).toContain(
      '"MY_PASSWORD_SECRET_ARN" = data.aws_secretsmanager_secret.rds_password.arn',
    );
  });

  test("without such a template there is no secret, no variable and no policy", () => {
    const { tf } = synthStack();
    expect(tf.data.aws_secretsmanager_secret).toBeUndefined();
    expect(tf.variable.rds_password_secret_name).toBeUndefined();
    expect(tf.resource.aws_iam_role_policy).toBeUndefined();
  });

  test("a secret ARN anywhere but secrets[].valueFrom is refused", () => {
    const leaky = SECRET_TEMPLATE.replace('"value": "${ENV}"', '"value": "${MY_PASSWORD_SECRET_ARN}"');
    expect(() => synthProject({ "job-definitions/functionaltest.json": leaky })).toThrow(
      /functionaltest\.json:\d+: \$\{MY_PASSWORD_SECRET_ARN\} is used outside a secrets\[\]\.valueFrom/,
    );
  });
});
