import { Construct } from "constructs";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { ConfigError } from "../app/errors";
import { NAME_LIMITS, requireNameLength } from "./name-limits";

/** A managed or customer policy attached to the role, at its own Terraform address. */
export interface RolePolicyAttachmentSpec {
  /** Terraform name of the `aws_iam_role_policy_attachment`. */
  readonly address: string;
  readonly policyArn: string;
}

export interface ServiceRoleProps {
  /** Terraform name of the `aws_iam_role`. */
  readonly address: string;
  /** IAM role name. */
  readonly roleName: string;
  /** AWS service principals allowed to assume the role, e.g. `batch.amazonaws.com`. */
  readonly trustedServices: string[];
  /**
   * Terraform name of a `data.aws_iam_policy_document` that renders the trust
   * policy. Upstream writes two trust policies with that data source and two
   * as inline JSON; each keeps its form so that addresses and state match.
   * @default - the trust policy is inline JSON
   */
  readonly trustDocumentAddress?: string;
  /** Policies attached to the role, each at its own address. */
  readonly attachments: RolePolicyAttachmentSpec[];
  /** @default - no tags, as upstream for the task execution and Spot fleet roles */
  readonly tags?: { [key: string]: string };
  /**
   * Trust the services only when they act for this account (`aws:SourceAccount`,
   * the confused-deputy guard of the IAM User Guide), for services that set it.
   * @default - no condition, as upstream
   */
  readonly sourceAccount?: string;
}

/** An IAM policy document (Version 2012-10-17) as the indented JSON upstream's heredocs hold. */
export function policyDocument(statements: object[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2);
}

/** The trust policy upstream writes inline: one statement, `Service` a string when there is one. */
export function inlineTrustPolicy(services: string[], sourceAccount?: string): string {
  return policyDocument([
    {
      Action: "sts:AssumeRole",
      Effect: "Allow",
      Principal: { Service: services.length === 1 ? services[0] : services },
      ...(sourceAccount !== undefined && { Condition: { StringEquals: { "aws:SourceAccount": sourceAccount } } }),
    },
  ]);
}

/**
 * An IAM role that one or more AWS services assume, with its policy
 * attachments: the one shape behind the article's four roles.
 */
export class ServiceRole extends Construct {
  public readonly role: IamRole;
  public readonly trustDocument?: DataAwsIamPolicyDocument;
  public readonly attachments: IamRolePolicyAttachment[];

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    if (props.trustedServices.length === 0) {
      throw new ConfigError(`ServiceRole '${id}': trustedServices = []`, "no one could assume the role", 'name the AWS services that assume it, e.g. ["batch.amazonaws.com"]');
    }
    let assumeRolePolicy: string;
    if (props.trustDocumentAddress) {
      this.trustDocument = new DataAwsIamPolicyDocument(this, "trust", {
        statement: [
          {
            actions: ["sts:AssumeRole"],
            principals: [{ type: "Service", identifiers: props.trustedServices }],
            condition: props.sourceAccount === undefined ? undefined : [{ test: "StringEquals", variable: "aws:SourceAccount", values: [props.sourceAccount] }],
          },
        ],
      });
      this.trustDocument.overrideLogicalId(props.trustDocumentAddress);
      assumeRolePolicy = this.trustDocument.json;
    } else {
      assumeRolePolicy = inlineTrustPolicy(props.trustedServices, props.sourceAccount);
    }

    this.role = new IamRole(this, "role", {
      name: props.roleName,
      assumeRolePolicy,
      tags: props.tags,
    });
    this.role.overrideLogicalId(props.address);
    requireNameLength(this.role, props.roleName, NAME_LIMITS.iamRole, "IAM role");

    this.attachments = props.attachments.map((spec) => {
      const attachment = new IamRolePolicyAttachment(this, spec.address, {
        role: this.role.name,
        policyArn: spec.policyArn,
      });
      attachment.overrideLogicalId(spec.address);
      return attachment;
    });
  }

  public get arn(): string {
    return this.role.arn;
  }

  public get name(): string {
    return this.role.name;
  }
}
