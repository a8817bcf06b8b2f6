import { Construct } from "constructs";
import { DataAwsSecretsmanagerSecret } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { notEmpty, rootVariable } from "./inputs";
import { policyDocument } from "./service-role";

export interface TemplateSecretProps {
  /** Name of the role that starts the container and resolves its secrets. */
  readonly executionRoleName: string;
}

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
    const secretName = rootVariable(this, "rds_password_secret_name", {
      type: "string",
      description: "Name of the Secrets Manager secret templates receive as MY_PASSWORD_SECRET_ARN",
      default: "RDS_PASSWORD",
      validation: [notEmpty("rds_password_secret_name", "the name of an existing Secrets Manager secret")],
    });

    this.secret = new DataAwsSecretsmanagerSecret(this, "rds_password", { name: secretName.stringValue });
    this.secret.overrideLogicalId("rds_password");

    this.readPolicy = new IamRolePolicy(this, "read", {
      name: "read-template-secrets",
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
    this.readPolicy.overrideLogicalId("batch_ecs_task_execution_secrets");
  }
}
