import { Construct } from "constructs";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { policyDocument, ServiceRole } from "./service-role";

export interface BatchIamRolesProps {
  /** `<env>-<app>`: the part every role and policy name shares upstream. */
  readonly namePrefix: string;
  /** Bucket the jobs may read and write (`var.bucket_name`, upstream the literal `mybucket`). */
  readonly bucketName: string;
  /** Tags of the instance and service roles (upstream: common_tags). */
  readonly tags: { [key: string]: string };
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
      // Both actions work on no single bucket: AWS accepts only "*" here.
      // Upstream writes it as a bare string, unlike the other statements.
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

    this.additionalPolicy = new IamPolicy(this, "batch-additional-policy", {
      name: `policy-${prefix}-batch-additional-permissions`,
      policy: additionalPolicyDocument(props.bucketName),
    });
    this.additionalPolicy.overrideLogicalId("batch-additional-policy");

    this.taskExecutionRole = new ServiceRole(this, "task-execution", {
      address: "batch_ecs_task_execution_role",
      roleName: `role-${prefix}-batch-ecs-task-execution-role`,
      trustedServices: ["ecs-tasks.amazonaws.com", "ec2.amazonaws.com"],
      attachments: [
        {
          address: "batch_ecs_task_execution_role",
          policyArn: `${MANAGED_POLICY}/AmazonECSTaskExecutionRolePolicy`,
        },
        {
          address: "ecs-tasks-exec-batch-additional-policy-attachment",
          policyArn: this.additionalPolicy.arn,
        },
      ],
    });

    this.instanceRole = new ServiceRole(this, "instance", {
      address: "batch_instance_role",
      roleName: `role-${prefix}-batch-instance`,
      trustedServices: ["ec2.amazonaws.com"],
      trustDocumentAddress: "instance-assume-role-ec2-policy",
      attachments: [
        { address: "ecs_instance_role", policyArn: `${MANAGED_POLICY}/AmazonEC2ContainerServiceforEC2Role` },
      ],
      tags: props.tags,
    });

    this.instanceProfile = new IamInstanceProfile(this, "batch_instance_profile", {
      name: `role-${prefix}-batch-instance-profile`,
      role: this.instanceRole.role.name,
    });
    this.instanceProfile.overrideLogicalId("batch_instance_profile");

    this.serviceRole = new ServiceRole(this, "service", {
      address: "batch_service_role",
      roleName: `role-${prefix}-batch-service`,
      trustedServices: ["batch.amazonaws.com"],
      trustDocumentAddress: "instance-assume-role-batch-policy",
      attachments: [{ address: "aws_batch_service_role", policyArn: `${MANAGED_POLICY}/AWSBatchServiceRole` }],
      tags: props.tags,
    });
  }
}
