import { Construct } from "constructs";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { MODULE_ADDRESSES } from "../module-contract";
import { policyDocument, ServiceRole } from "./service-role";

export interface BatchIamRolesProps {
  /** `<env>-<app>`: the part every role and policy name shares upstream. */
  readonly namePrefix: string;
  /** Bucket the jobs may read and write (`var.bucket_name`, upstream the literal `mybucket`). */
  readonly bucketName: string;
  /** Tags of the instance and service roles (upstream: common_tags). */
  readonly tags: { [key: string]: string };
  /** leastPrivilege (stacks/features/least-privilege.ts). @default - the module's grants */
  readonly leastPrivilege?: {
    /** The jobs' data policy (a Terraform expression). */
    readonly dataPolicy: string;
    /** The account the service roles' trust is conditioned on. */
    readonly sourceAccount: string;
    /** Whether a template still uses the execution role as its job role (no separateJobRole). */
    readonly executionRoleIsJobRole: boolean;
  };
}

const MANAGED_POLICY = "arn:aws:iam::aws:policy/service-role";

/** The job's permissions upstream, in upstream's JSON forms: S3 on one bucket, listing, and EFS mounts. */
export function additionalPolicyDocument(bucketName: string): string {
  return policyDocument([
    {
      Sid: "AllowBucketOperations",
      Effect: "Allow",
      Action: ["s3:Put*", "s3:Get*", "s3:List*"],
      Resource: [`arn:aws:s3:::${bucketName}/*`],
    },
    {
      Effect: "Allow",
      Action: ["s3:ListBucket"],
      Resource: [`arn:aws:s3:::${bucketName}`],
    },
    {
      // Upstream grants both on "*": ListAllMyBuckets takes no resource, but
      // GetBucketLocation takes the bucket (leastPrivilege scopes it). Upstream
      // writes it as a bare string, unlike the other statements.
      Effect: "Allow",
      Action: ["s3:GetBucketLocation", "s3:ListAllMyBuckets"],
      Resource: "*",
    },
    {
      // Upstream's key order for this statement (Action before Effect).
      Sid: "AllowEFSMount",
      Action: [
        "elasticfilesystem:ClientMount",
        "elasticfilesystem:ClientWrite",
        "elasticfilesystem:CreateMountTarget",
      ],
      Effect: "Allow",
      Resource: ["*"],
    },
  ]);
}

/**
 * The article's three per-environment roles: the ECS task execution role
 * (which upstream also uses as the job role), the EC2 instance role with its
 * instance profile, and the Batch service role.
 */
export class BatchIamRoles extends Construct {
  public readonly taskExecutionRole: ServiceRole;
  public readonly additionalPolicy: IamPolicy;
  public readonly instanceRole: ServiceRole;
  public readonly instanceProfile: IamInstanceProfile;
  public readonly serviceRole: ServiceRole;

  constructor(scope: Construct, id: string, props: BatchIamRolesProps) {
    super(scope, id);
    const prefix = props.namePrefix;

    this.additionalPolicy = new IamPolicy(this, MODULE_ADDRESSES.additionalPolicy, {
      name: `policy-${prefix}-batch-additional-permissions`,
      policy: props.leastPrivilege?.dataPolicy ?? additionalPolicyDocument(props.bucketName),
    });
    this.additionalPolicy.overrideLogicalId(MODULE_ADDRESSES.additionalPolicy);

    this.taskExecutionRole = new ServiceRole(this, "task-execution", {
      address: MODULE_ADDRESSES.taskExecutionRole,
      roleName: `role-${prefix}-batch-ecs-task-execution-role`,
      // No Batch job needs EC2 to assume the execution role (the module trusts it too).
      trustedServices: props.leastPrivilege ? ["ecs-tasks.amazonaws.com"] : ["ecs-tasks.amazonaws.com", "ec2.amazonaws.com"],
      sourceAccount: props.leastPrivilege?.sourceAccount,
      attachments: [
        {
          address: MODULE_ADDRESSES.taskExecutionPolicyAttachment,
          policyArn: `${MANAGED_POLICY}/AmazonECSTaskExecutionRolePolicy`,
        },
        // With separateJobRole on every template, the data policy is on the job roles only.
        ...(props.leastPrivilege?.executionRoleIsJobRole === false
          ? []
          : [{ address: MODULE_ADDRESSES.additionalPolicyAttachment, policyArn: this.additionalPolicy.arn }]),
      ],
    });

    this.instanceRole = new ServiceRole(this, "instance", {
      address: MODULE_ADDRESSES.instanceRole,
      roleName: `role-${prefix}-batch-instance`,
      trustedServices: ["ec2.amazonaws.com"],
      trustDocumentAddress: MODULE_ADDRESSES.instanceTrustDocument,
      attachments: [
        {
          address: MODULE_ADDRESSES.instancePolicyAttachment,
          policyArn: `${MANAGED_POLICY}/AmazonEC2ContainerServiceforEC2Role`,
        },
      ],
      tags: props.tags,
    });

    this.instanceProfile = new IamInstanceProfile(this, MODULE_ADDRESSES.instanceProfile, {
      name: `role-${prefix}-batch-instance-profile`,
      role: this.instanceRole.name,
    });
    this.instanceProfile.overrideLogicalId(MODULE_ADDRESSES.instanceProfile);

    this.serviceRole = new ServiceRole(this, "service", {
      address: MODULE_ADDRESSES.serviceRole,
      roleName: `role-${prefix}-batch-service`,
      trustedServices: ["batch.amazonaws.com"],
      sourceAccount: props.leastPrivilege?.sourceAccount,
      trustDocumentAddress: MODULE_ADDRESSES.serviceTrustDocument,
      attachments: [{ address: MODULE_ADDRESSES.servicePolicyAttachment, policyArn: `${MANAGED_POLICY}/AWSBatchServiceRole` }],
      tags: props.tags,
    });
  }
}
