import { Construct } from "constructs";
import { DataAwsSecretsmanagerSecret } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { ADDED_ADDRESSES } from "./addresses";
import { policyDocument } from "./service-role";

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
    this.secret = new DataAwsSecretsmanagerSecret(this, ADDED_ADDRESSES.templateSecret, { name: props.secretName });
    this.secret.overrideLogicalId(ADDED_ADDRESSES.templateSecret);

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
    this.readPolicy.overrideLogicalId(ADDED_ADDRESSES.templateSecretPolicy);
  }

  public get arn(): string {
    return this.secret.arn;
  }
}
