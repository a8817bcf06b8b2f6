import { Construct } from "constructs";
import { DataAwsSecretsmanagerSecret } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { policyDocument } from "../constructs/service-role";
import { notEmpty } from "../constructs/variable-rules";
import { Feature } from "./feature";

/** Its addresses: the secret looked up, and the execution role's permission to read it. */
export const TEMPLATE_SECRET_ADDRESSES = {
  /** data.aws_secretsmanager_secret */
  secret: "rds_password",
  /** aws_iam_role_policy */
  readPolicy: "batch_ecs_task_execution_secrets",
} as const;

/** On when a template uses MY_PASSWORD_SECRET_ARN; no option switches it. */
export const TEMPLATE_SECRET: Feature<object> = {
  shape: {},
  variables: {
    rds_password_secret_name: {
      spec: {
        type: "string",
        description: "Name of the Secrets Manager secret templates receive as MY_PASSWORD_SECRET_ARN",
        default: "RDS_PASSWORD",
        validation: [notEmpty("rds_password_secret_name", "the name of an existing Secrets Manager secret")],
      },
    },
  },
  declares: (_options, templates) => templates.some((template) => template.usesSecret),
};

export interface TemplateSecretProps {
  /** Name of the role that starts the container and resolves its secrets. */
  readonly executionRoleName: string;
  /** Name of the Secrets Manager secret (`var.rds_password_secret_name`). */
  readonly secretName: string;
}

/** The inline policy's name on the execution role. */
export const SECRET_POLICY_NAME = "read-template-secrets";

/**
 * The secret the article's template reads as MY_PASSWORD_SECRET_ARN: looked up
 * by name, and readable by the execution role and nothing else. Created only
 * when a template uses it.
 */
export class TemplateSecret extends Construct {
  public readonly secret: DataAwsSecretsmanagerSecret;
  public readonly readPolicy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: TemplateSecretProps) {
    super(scope, id);
    this.secret = new DataAwsSecretsmanagerSecret(this, TEMPLATE_SECRET_ADDRESSES.secret, { name: props.secretName });
    this.secret.overrideLogicalId(TEMPLATE_SECRET_ADDRESSES.secret);

    this.readPolicy = new IamRolePolicy(this, "read", {
      name: SECRET_POLICY_NAME,
      role: props.executionRoleName,
      policy: policyDocument([
        {
          Sid: "ReadTemplateSecrets",
          Effect: "Allow",
          Action: ["secretsmanager:GetSecretValue"],
          Resource: [this.secret.arn],
        },
      ]),
    });
    this.readPolicy.overrideLogicalId(TEMPLATE_SECRET_ADDRESSES.readPolicy);
  }

  public get arn(): string {
    return this.secret.arn;
  }
}
