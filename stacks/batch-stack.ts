import * as fs from "fs";
import * as path from "path";
import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { applyBackend, BackendOptions } from "./backend";
import { discoverTemplates, PRIMARY_TEMPLATE, TemplateVariable } from "./job-templates";
import { BatchInputs } from "./constructs/inputs";
import { BatchSecurityGroup } from "./constructs/network";
import { BatchIamRoles } from "./constructs/iam-roles";
import { SpotFleetIam } from "./constructs/spot-fleet-iam";
import { ManagedComputeEnvironment } from "./constructs/compute-environment";
import { JobQueue } from "./constructs/job-queue";
import { JobDefinitionOptions, TemplatedJobDefinition } from "./constructs/job-definition";
import { TemplateSecret } from "./constructs/template-secret";
import { TfvarsFile } from "./constructs/tfvars-file";
import { PlanChecks } from "./constructs/plan-checks";
import { OnDemandFallback } from "./constructs/on-demand-fallback";
import { S3Trigger, S3TriggerOptions } from "./constructs/s3-trigger";

export interface BatchStackOptions {
  /** Project folder holding `job-definitions/` and the tfvars file. */
  readonly projectDir: string;
  /** @default - local state in the project root (see BackendOptions) */
  readonly backend?: BackendOptions;
  /**
   * Variable file copied into the stack folder as terraform.tfvars, relative
   * to projectDir. Skipped when the default file does not exist.
   * @default "terraform.tfvars"
   */
  readonly tfvarsFile?: string;
  /**
   * The template of `job-definitions/` that renders the module's own job
   * definition (`aws_batch_job_definition.job-definition`).
   * @default "functionaltest.json"
   */
  readonly primaryTemplate?: string;
  /** Job-level settings per template, keyed by file name without `.json`. @default - none */
  readonly jobDefinitions?: { readonly [template: string]: JobDefinitionOptions };
  /**
   * CIDR blocks the jobs may reach; replaces upstream's 0.0.0.0/0.
   * @default ["0.0.0.0/0"]
   */
  readonly egressCidrBlocks?: string[];
  /**
   * Name the Spot fleet role `role-<env>-<app>-batch-spot-fleet` instead of
   * the account-wide `AmazonEC2SpotFleetRole`, so environments can share an
   * account. Replaces the role.
   * @default false
   */
  readonly scopedSpotFleetRoleName?: boolean;
  /**
   * Create the Spot service-linked roles, as upstream. Turn off in accounts
   * that already have them (creating them again fails).
   * @default true
   */
  readonly createSpotServiceLinkedRoles?: boolean;
  /**
   * Add an On-Demand compute environment after the Spot one in the queue's
   * order, with its own vCPU limits (variables on_demand_max_vcpus,
   * on_demand_min_vcpus).
   * @default false
   */
  readonly onDemandFallback?: boolean;
  /** Submit a job for each object created in an existing S3 bucket. @default - no trigger */
  readonly s3Trigger?: S3TriggerOptions;
}

/** The article's AWS Batch on EC2 Spot, at the HCL module's Terraform addresses. */
export class BatchStack extends TerraformStack {
  public readonly inputs: BatchInputs;
  public readonly network: BatchSecurityGroup;
  public readonly roles: BatchIamRoles;
  public readonly spotFleet: SpotFleetIam;
  public readonly computeEnvironment: ManagedComputeEnvironment;
  public readonly jobQueue: JobQueue;
  public readonly jobDefinitions: TemplatedJobDefinition[];
  public readonly onDemandFallback?: OnDemandFallback;
  public readonly s3Trigger?: S3Trigger;

  constructor(scope: Construct, id: string, options: BatchStackOptions) {
    super(scope, id);
    const templates = discoverTemplates(options.projectDir, options.primaryTemplate ?? PRIMARY_TEMPLATE);
    const templateNames = templates.map((template) => template.name);
    for (const name of Object.keys(options.jobDefinitions ?? {})) {
      templateIndex(id, `jobDefinitions["${name}"]`, name, templateNames);
    }

    applyBackend(this, options.projectDir, options.backend ?? { kind: "local" });
    this.addOverride("terraform.required_version", ">= 1.5.0");

    const inputs = new BatchInputs(this, "inputs");
    this.inputs = inputs;
    new AwsProvider(this, "aws", { region: inputs.string("region") });
    copyTfvars(this, options);
    new PlanChecks(this, "plan-checks");

    const env = inputs.string("environment");
    const app = inputs.string("application");
    const batchName = inputs.string("batch_name");

    const region = new DataAwsRegion(this, "current");
    region.overrideLogicalId("current");

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
      serviceRoleArn: this.roles.serviceRole.role.arn,
      instanceProfileArn: this.roles.instanceProfile.arn,
      securityGroupIds: [this.network.securityGroup.id],
      subnetIds: inputs.list("subnet_ids"),
      instanceTypes: inputs.list("instance_type"),
      dependsOn: this.roles.serviceRole.attachments,
    };
    this.computeEnvironment = new ManagedComputeEnvironment(this, "compute-environment", {
      ...shared,
      address: "compute-environment",
      name: inputs.computeEnvironmentName,
      capacity: "SPOT",
      spotFleetRoleArn: this.spotFleet.fleetRole.role.arn,
      maxVcpus: inputs.number("max_vcpus"),
      minVcpus: inputs.number("min_vcpus"),
      desiredVcpus: inputs.number("desired_vcpus"),
      bidPercentage: inputs.number("bid_percentage"),
      allocationStrategy: inputs.string("allocation_strategy"),
      tags: inputs.tagsNamed(inputs.computeEnvironmentName),
    });

    if (options.onDemandFallback) {
      const name = `${inputs.computeEnvironmentName}-ondemand`;
      this.onDemandFallback = new OnDemandFallback(this, "on-demand-fallback", {
        ...shared,
        name,
        tags: inputs.tagsNamed(name),
      });
    }

    this.jobQueue = new JobQueue(this, "job-queue", {
      name: `queue-${env}-${app}-${batchName}`,
      priority: inputs.number("batch_job_queue_priority"),
      computeEnvironmentArns: [
        this.computeEnvironment.arn,
        ...(this.onDemandFallback ? [this.onDemandFallback.computeEnvironment.arn] : []),
      ],
      tags: inputs.tagsNamed(batchName),
    });

    const secret = templates.some((template) => template.usesSecret)
      ? new TemplateSecret(this, "template-secret", { executionRoleName: this.roles.taskExecutionRole.role.name })
      : undefined;

    const executionRoleArn = this.roles.taskExecutionRole.role.arn;
    this.jobDefinitions = templates.map((template, index) => {
      // The primary template is upstream's job definition; every other
      // template is a batch of its own, named after its file.
      const primary = index === 0;
      const name = primary ? batchName : template.name;
      const variables: Record<TemplateVariable, string | number | undefined> = {
        REGION: region.region,
        ENV: env,
        BATCH_NAME: name,
        BATCH_IMAGE: inputs.string("batch_image"),
        BATCH_MEMORY: inputs.number("batch_memory"),
        BATCH_VCPUS: inputs.number("batch_vcpus"),
        JOB_ROLE_ARN: executionRoleArn,
        EXECUTION_ROLE_ARN: executionRoleArn,
        BUCKET_NAME: inputs.string("bucket_name"),
        MY_PASSWORD_SECRET_ARN: template.usesSecret ? secret?.secret.arn : undefined,
      };
      return new TemplatedJobDefinition(this, `job-definition-${template.name}`, {
        template,
        address: primary ? "job-definition" : `job-definition-${template.name}`,
        movedFrom: primary ? "module.batch-example.aws_batch_job_definition.job-definition" : undefined,
        name: `jdef-${env}-${app}-${name}`,
        variables,
        tags: inputs.tagsNamed(name),
        options: options.jobDefinitions?.[template.name],
        jobRole: { roleName: `role-${env}-${app}-${template.name}-job`, policyArn: this.roles.additionalPolicy.arn },
      });
    });

    if (options.s3Trigger) {
      const target = options.s3Trigger.jobDefinition ?? templates[0].name;
      const index = templateIndex(id, "s3Trigger.jobDefinition", target, templateNames);
      this.s3Trigger = new S3Trigger(this, "s3-trigger", {
        ...options.s3Trigger,
        namePrefix: `${env}-${app}`,
        jobQueueArn: this.jobQueue.arn,
        jobDefinitionArn: this.jobDefinitions[index].arn,
        jobName: `s3-${target}`,
        tags: inputs.commonTags,
      });
    }

    this.addOutputs();
  }

  private addOutputs(): void {
    const outputs: [string, string, string][] = [
      [
        "batch_security_group_id",
        this.network.securityGroup.id,
        "The Security Group Id in which each Batch is associated.",
      ],
      [
        "batch_instance_profile_arn",
        this.roles.instanceProfile.arn,
        "The Instance Profile ARN associated to each Batchs.",
      ],
      ["batch_service_role_arn", this.roles.serviceRole.role.arn, "The Batch Service Role ARN for execution Batchs."],
      [
        "batch_spot_iam_fleet_role_arn",
        this.spotFleet.fleetRole.role.arn,
        "The Dedicated Spot Role ARN use for interact with spot fleet.",
      ],
      [
        "batch_compute_environment_name",
        this.computeEnvironment.resource.name,
        "The Compute Environment name used to execute batchs.",
      ],
      [
        "batch_compute_environment_state",
        this.computeEnvironment.resource.state,
        "The Compute Environment state used to execute batchs",
      ],
      ["batch_job_queue_arn", this.jobQueue.arn, "The ARN of the job queue jobs are submitted to."],
      ["batch_job_definition_arn", this.jobDefinitions[0].arn, "The ARN of the job definition rendered from the primary template."],
    ];
    for (const [name, value, description] of outputs) {
      new TerraformOutput(this, name, { value, description }).overrideLogicalId(name);
    }
  }
}

function copyTfvars(stack: BatchStack, options: BatchStackOptions): void {
  const file = options.tfvarsFile ?? "terraform.tfvars";
  const sourcePath = path.resolve(options.projectDir, file);
  // Without a tfvars file the values come from elsewhere (a Terraform Cloud
  // workspace, -var flags), which is fine; a file asked for by name must exist.
  if (options.tfvarsFile !== undefined || fs.existsSync(sourcePath)) {
    new TfvarsFile(stack, "tfvars", { sourcePath });
  }
}

/** Where `name` is among the templates of job-definitions/; an option naming another one is refused. */
function templateIndex(stackId: string, option: string, name: string, templates: string[]): number {
  const index = templates.indexOf(name);
  if (index < 0) {
    throw new Error(
      `Stack '${stackId}': ${option} names "${name}", but job-definitions/ has no ${name}.json; ` +
        `use one of ${templates.map((template) => `"${template}"`).join(", ")}.`,
    );
  }
  return index;
}
