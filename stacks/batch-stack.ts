import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { applyBackend } from "./backend";
import { ConfigError } from "./errors";
import { BatchStackOptions } from "./batch-stack-options";
import { BATCH_STACK_OPTIONS, checkOptionKeys } from "./options-check";
import { PRIMARY_TEMPLATE } from "./templates/contract";
import { discoverTemplates } from "./templates/folder";
import { DEFAULT_MODULE_ADDRESS, MODULE_ADDRESS, MODULE_ADDRESSES, movedFrom } from "./constructs/addresses";
import { BatchInputs } from "./constructs/inputs";
import { BatchSecurityGroup } from "./constructs/network";
import { BatchIamRoles } from "./constructs/iam-roles";
import { SpotFleetIam } from "./constructs/spot-fleet-iam";
import { ManagedComputeEnvironment } from "./constructs/compute-environment";
import { JobQueue } from "./constructs/job-queue";
import { JobQueues } from "./constructs/job-queues";
import { JobDefinitions } from "./constructs/job-definitions";
import { TemplateSecret } from "./constructs/template-secret";
import { TfvarsFile } from "./constructs/tfvars-file";
import { PlanChecks } from "./constructs/plan-checks";
import { OnDemandFallback } from "./constructs/on-demand-fallback";
import { DEFAULT_SHARE_IDENTIFIER, S3Trigger } from "./constructs/s3-trigger";

export type { BatchStackOptions } from "./batch-stack-options";

/** The article's AWS Batch on EC2 Spot, at the HCL module's Terraform addresses. */
export class BatchStack extends TerraformStack {
  public readonly inputs: BatchInputs;
  public readonly tfvars: TfvarsFile;
  public readonly network: BatchSecurityGroup;
  public readonly roles: BatchIamRoles;
  public readonly spotFleet: SpotFleetIam;
  public readonly computeEnvironment: ManagedComputeEnvironment;
  /** The module's queue (`aws_batch_job_queue.job_queue`). */
  public readonly jobQueue: JobQueue;
  public readonly jobQueues: JobQueues;
  public readonly jobDefinitions: JobDefinitions;
  public readonly onDemandFallback?: OnDemandFallback;
  public readonly s3Trigger?: S3Trigger;

  constructor(scope: Construct, id: string, options: BatchStackOptions) {
    super(scope, id);
    checkOptionKeys(`Stack '${id}'`, options, BATCH_STACK_OPTIONS);
    const templates = discoverTemplates(options.projectDir, options.primaryTemplate ?? PRIMARY_TEMPLATE);
    const moduleAddress = options.moduleAddress ?? DEFAULT_MODULE_ADDRESS;
    if (!MODULE_ADDRESS.test(moduleAddress)) {
      throw new ConfigError(
        `Stack '${id}': moduleAddress = ${JSON.stringify(moduleAddress)}`,
        "it is not a Terraform module address, so the moved blocks would name no resource of your state",
        `write it as Terraform does, e.g. "module.batch" for module "batch" { ... } (the default is "${DEFAULT_MODULE_ADDRESS}")`,
      );
    }
    const moduleState = movedFrom(moduleAddress);
    const usesSecret = templates.some((template) => template.usesSecret);

    applyBackend(this, options.projectDir, options.backend ?? { kind: "local" });
    this.addOverride("terraform.required_version", ">= 1.5.0"); // in HCL output too: PlanChecks renders it (plan-checks.ts)

    const inputs = new BatchInputs(this, "inputs", {
      onDemandFallback: options.onDemandFallback,
      s3Trigger: options.s3Trigger !== undefined,
      templateSecret: usesSecret,
      stuckJobs: [options.primaryJobQueue, ...(options.jobQueues ?? [])].some((queue) => (queue?.cancelStuckJobs?.length ?? 0) > 0),
      fairShare: (options.jobQueues ?? []).some((queue) => queue.fairShare === true),
    });
    this.inputs = inputs;
    new AwsProvider(this, "aws", { region: inputs.string("region") });
    this.tfvars = new TfvarsFile(this, "tfvars", { projectDir: options.projectDir, file: options.tfvarsFile });
    new PlanChecks(this, "plan-checks");

    const env = inputs.string("environment");
    const app = inputs.string("application");
    const batchName = inputs.string("batch_name");

    const region = new DataAwsRegion(this, MODULE_ADDRESSES.region);
    region.overrideLogicalId(MODULE_ADDRESSES.region);

    this.network = new BatchSecurityGroup(this, "network", {
      name: `sgr-${env}-${app}-batch`,
      vpcId: inputs.string("vpc_id"),
      egressCidrBlocks: options.egressCidrBlocks,
    });

    this.roles = new BatchIamRoles(this, "iam", {
      namePrefix: `${env}-${app}`,
      bucketName: inputs.string("bucket_name"),
      tags: inputs.commonTags,
    });

    this.spotFleet = new SpotFleetIam(this, "spot-fleet-iam", {
      roleName: options.scopedSpotFleetRoleName ? `role-${env}-${app}-batch-spot-fleet` : undefined,
      createServiceLinkedRoles: options.createSpotServiceLinkedRoles,
    });

    const shared = {
      serviceRoleArn: this.roles.serviceRole.arn,
      instanceProfileArn: this.roles.instanceProfile.arn,
      securityGroupIds: [this.network.id],
      subnetIds: inputs.list("subnet_ids"),
      instanceTypes: inputs.list("instance_type"),
      dependsOn: this.roles.serviceRole.attachments,
    };
    this.computeEnvironment = new ManagedComputeEnvironment(this, "compute-environment", {
      ...shared,
      address: MODULE_ADDRESSES.computeEnvironment,
      name: inputs.computeEnvironmentName,
      capacity: "SPOT",
      spotFleetRoleArn: this.spotFleet.fleetRole.arn,
      maxVcpus: inputs.number("max_vcpus"),
      minVcpus: inputs.number("min_vcpus"),
      desiredVcpus: inputs.number("desired_vcpus"),
      bidPercentage: inputs.number("bid_percentage"),
      allocationStrategy: inputs.string("allocation_strategy"),
      tags: inputs.tagsNamed(inputs.computeEnvironmentName),
    });

    if (inputs.onDemand) {
      const name = `${inputs.computeEnvironmentName}-ondemand`;
      this.onDemandFallback = new OnDemandFallback(this, "on-demand-fallback", {
        ...shared,
        ...inputs.onDemand,
        name,
        tags: inputs.tagsNamed(name),
      });
    }

    this.jobQueues = new JobQueues(this, "job-queues", {
      namePrefix: `${env}-${app}`,
      primaryName: `queue-${env}-${app}-${batchName}`,
      primaryTagName: batchName,
      primaryPriority: inputs.number("batch_job_queue_priority"),
      primaryMovedFrom: moduleState.jobQueue,
      primary: options.primaryJobQueue,
      extra: options.jobQueues,
      spotArn: this.computeEnvironment.arn,
      onDemandArn: this.onDemandFallback?.arn,
      stuckJobSeconds: inputs.stuckJobSeconds,
      fairShareWeights: inputs.fairShareWeights,
      tagsNamed: (name) => inputs.tagsNamed(name),
    });
    this.jobQueue = this.jobQueues.primary;

    const secret =
      inputs.secretName !== undefined
        ? new TemplateSecret(this, "template-secret", {
            executionRoleName: this.roles.taskExecutionRole.name,
            secretName: inputs.secretName,
          })
        : undefined;

    this.jobDefinitions = new JobDefinitions(this, "job-definitions", {
      templates,
      options: options.jobDefinitions,
      namePrefix: `${env}-${app}`,
      batchName,
      movedFrom: moduleState.jobDefinition,
      variables: {
        REGION: region.region,
        ENV: env,
        BATCH_IMAGE: inputs.string("batch_image"),
        BATCH_MEMORY: inputs.number("batch_memory"),
        BATCH_VCPUS: inputs.number("batch_vcpus"),
        BUCKET_NAME: inputs.string("bucket_name"),
      },
      executionRoleArn: this.roles.taskExecutionRole.arn,
      jobRolePolicyArn: this.roles.additionalPolicy.arn,
      secretArn: secret?.arn,
      tagsNamed: (name) => inputs.tagsNamed(name),
    });

    if (options.s3Trigger && inputs.trigger) {
      const target = options.s3Trigger.jobDefinition ?? templates[0].name;
      const { jobDefinition: _template, jobQueue, ...trigger } = options.s3Trigger;
      this.s3Trigger = new S3Trigger(this, "s3-trigger", {
        ...trigger,
        inputs: inputs.trigger,
        namePrefix: `${env}-${app}`,
        jobQueueArn: this.jobQueues.byName(jobQueue, "s3Trigger.jobQueue").arn,
        shareIdentifier: this.jobQueues.isFairShare(jobQueue) ? trigger.shareIdentifier ?? DEFAULT_SHARE_IDENTIFIER : undefined,
        jobDefinitionArn: this.jobDefinitions.byTemplate(target, "s3Trigger.jobDefinition").arn,
        jobName: `s3-${target}`,
        tags: inputs.commonTags,
      });
    }

    this.addOutputs();
  }

  /** The module's outputs, with its names and descriptions, and the two this project adds. */
  private addOutputs(): void {
    const outputs: [string, string, string][] = [
      ["batch_security_group_id", this.network.id, "The Security Group Id in which each Batch is associated."],
      ["batch_instance_profile_arn", this.roles.instanceProfile.arn, "The Instance Profile ARN associated to each Batchs."],
      ["batch_service_role_arn", this.roles.serviceRole.arn, "The Batch Service Role ARN for execution Batchs."],
      ["batch_spot_iam_fleet_role_arn", this.spotFleet.fleetRole.arn, "The Dedicated Spot Role ARN use for interact with spot fleet."],
      ["batch_compute_environment_name", this.computeEnvironment.name, "The Compute Environment name used to execute batchs."],
      ["batch_compute_environment_state", this.computeEnvironment.state, "The Compute Environment state used to execute batchs"],
      ["batch_job_queue_arn", this.jobQueue.arn, "The ARN of the job queue jobs are submitted to."],
      ["batch_job_definition_arn", this.jobDefinitions.primary.arn, "The ARN of the job definition rendered from the primary template."],
    ];
    for (const [name, value, description] of outputs) {
      new TerraformOutput(this, name, { value, description }).overrideLogicalId(name);
    }
    if (this.jobQueues.extra.size > 0) {
      new TerraformOutput(this, "batch_job_queue_arns", {
        value: Object.fromEntries([...this.jobQueues.extra].map(([name, queue]) => [name, queue.arn])),
        description: "The ARN of each queue of jobQueues, by its name.",
      }).overrideLogicalId("batch_job_queue_arns");
    }
  }
}
