// Opt-in: least privilege instead of the module's grants. Off by default, so
// a migrated stack plans no change; on, it narrows what the module grants:
// - the jobs' data policy: named S3 actions on the bucket and its objects
//   (no `s3:Put*`, which holds PutObjectAcl, PutObjectRetention, ...),
//   GetBucketLocation on the bucket, only ListAllMyBuckets on "*"; EFS actions
//   only on the file systems of `efs_file_system_arns` (none: no EFS
//   statement), where the module grants them on "*" (checkov CKV_AWS_290,
//   CKV_AWS_355);
// - the execution role trusted by ecs-tasks.amazonaws.com only (the module
//   adds ec2.amazonaws.com, which no Batch job needs), and the data policy on
//   it only while a template still uses it as its job role (separateJobRole);
// - the trust of the roles AWS services assume for this account conditioned
//   on aws:SourceAccount (IAM User Guide, "The confused deputy problem");
// - no privileged container (CKV_AWS_210), refused at synth;
// - IMDSv2 on the hosts: the launch template of `launchTemplate: {}`.
import { Construct } from "constructs";
import { Fn, Op } from "cdktf";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { ConfigError } from "../app/errors";
import { FLAG } from "../app/options-check";
import { TEMPLATE_FOLDER } from "../templates/contract";
import { lineOf } from "../templates/json-locator";
import { JobTemplate } from "../templates/loader";
import { BatchInputs } from "../constructs/inputs";
import { Feature } from "./feature";
import * as fs from "fs";

export interface LeastPrivilegeOption {
  /**
   * Narrow the module's IAM grants, refuse privileged templates and require
   * IMDSv2 on the hosts (see the README, "Least privilege").
   * @default false: the module's grants, as they are
   */
  readonly leastPrivilege?: boolean;
}

/** data.aws_caller_identity: the account the trust conditions name. */
export const CALLER_IDENTITY_ADDRESS = "current_account";

export const LEAST_PRIVILEGE: Feature<LeastPrivilegeOption> = {
  shape: { leastPrivilege: FLAG },
  variables: {
    efs_file_system_arns: {
      declaredBy: "leastPrivilege",
      spec: {
        nullable: false,
        type: "list(string)",
        description: "ARNs of the EFS file systems the jobs mount and write (leastPrivilege); none: no EFS permission",
        default: [],
        validation: [
          {
            condition: '${alltrue([for arn in var.efs_file_system_arns : can(regex("^arn:aws[a-z-]*:elasticfilesystem:[a-z0-9-]+:[0-9]{12}:file-system/fs-[0-9a-f]+$", arn))])}',
            errorMessage: "efs_file_system_arns = ${jsonencode(var.efs_file_system_arns)}: each entry must be an EFS file system ARN, e.g. \"arn:aws:elasticfilesystem:eu-central-1:123456789012:file-system/fs-0123456789abcdef0\".",
          },
        ],
      },
    },
  },
  declares: (options) => options.leastPrivilege === true,
};

/** Object and bucket actions a job that reads and writes its bucket needs, named (Service Authorization Reference, Amazon S3). */
export const OBJECT_ACTIONS = ["s3:GetObject", "s3:GetObjectAttributes", "s3:GetObjectVersion", "s3:GetObjectTagging", "s3:PutObject", "s3:PutObjectTagging", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"];
export const BUCKET_ACTIONS = ["s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:GetBucketLocation"];
export const EFS_ACTIONS = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"];

/**
 * The jobs' data policy under least privilege, as a Terraform expression: the
 * EFS statement exists only when `efs_file_system_arns` names file systems.
 */
export function leastPrivilegePolicy(bucketName: string, efsFileSystemArns: string[]): string {
  const s3 = [
    // format, not "${...}" in a string: inside a function call cdktf cannot escape an interpolation.
    { Sid: "ObjectsOfTheBucket", Effect: "Allow", Action: OBJECT_ACTIONS, Resource: [Fn.format("arn:aws:s3:::%s/*", [bucketName])] },
    { Sid: "TheBucket", Effect: "Allow", Action: BUCKET_ACTIONS, Resource: [Fn.format("arn:aws:s3:::%s", [bucketName])] },
    // The one action here that takes no bucket (its resource type is "*").
    { Sid: "ListBuckets", Effect: "Allow", Action: ["s3:ListAllMyBuckets"], Resource: "*" },
  ];
  const efs = [{ Sid: "MountNamedFileSystems", Effect: "Allow", Action: EFS_ACTIONS, Resource: efsFileSystemArns }];
  // "0", not 0: cdktf's Op renders a literal 0 as `undefined` (Terraform converts "0" to the number).
  return Fn.jsonencode({ Version: "2012-10-17", Statement: Fn.concat([s3, Fn.conditional(Op.gt(Fn.lengthOf(efsFileSystemArns), "0"), efs, [])]) });
}

/** The account of the provider's credentials, for the aws:SourceAccount conditions. */
export function sourceAccountOf(scope: Construct): string {
  const identity = new DataAwsCallerIdentity(scope, CALLER_IDENTITY_ADDRESS);
  identity.overrideLogicalId(CALLER_IDENTITY_ADDRESS);
  return identity.accountId;
}

/** A template that runs its container privileged (root on the shared host), refused with its file and line. */
export function refusePrivilegedTemplates(templates: readonly JobTemplate[]): void {
  for (const template of templates.filter((candidate) => candidate.sample.privileged === true)) {
    const text = fs.readFileSync(template.sourcePath, "utf8");
    const line = lineOf(text, Math.max(0, text.search(/"privileged"\s*:\s*true/)));
    throw new ConfigError(
      `${TEMPLATE_FOLDER}/${template.fileName}:${line}`,
      '"privileged": true runs the container as root on the Spot host the stack\'s other jobs share (checkov CKV_AWS_210), and leastPrivilege refuses it',
      'set "privileged": false (or remove it) unless the job needs host access; then it cannot run with leastPrivilege',
    );
  }
}

/** What BatchIamRoles takes under leastPrivilege: the policy, the account, whether the execution role is still a job role. */
export function leastPrivilegeOf(
  scope: Construct,
  options: { readonly jobDefinitions?: { readonly [template: string]: { readonly separateJobRole?: boolean } } },
  templates: readonly JobTemplate[],
  inputs: BatchInputs,
): { dataPolicy: string; sourceAccount: string; executionRoleIsJobRole: boolean } {
  refusePrivilegedTemplates(templates);
  return {
    dataPolicy: leastPrivilegePolicy(inputs.string("bucket_name"), inputs.list("efs_file_system_arns")),
    sourceAccount: sourceAccountOf(scope),
    executionRoleIsJobRole: templates.some((template) => options.jobDefinitions?.[template.name]?.separateJobRole !== true),
  };
}
