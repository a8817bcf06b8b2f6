import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { applyBackend } from "./app/backend";
import { checkOptionKeys } from "./app/options-check";
import { BATCH_STACK_OPTIONS, BatchStackOptions } from "./batch-stack-options";
import { DEFAULT_MODULE_ADDRESS, MODULE_ADDRESSES, MODULE_OUTPUTS, checkedModuleAddress, movedFrom } from "./module-contract";
import { PRIMARY_TEMPLATE } from "./templates/contract";
import { discoverTemplates } from "./templates/folder";
import { JobTemplate } from "./templates/loader";
import { BatchInputs } from "./constructs/inputs";
import { BatchSecurityGroup } from "./constructs/network";
import { BatchIamRoles } from "./constructs/iam-roles";
import { SpotFleetIam } from "./constructs/spot-fleet-iam";
import { ManagedComputeEnvironment, ManagedComputeEnvironmentProps } from "./constructs/compute-environment";
import { JobQueue } from "./constructs/job-queue";
import { JobDefinitions } from "./constructs/job-definitions";
import { TfvarsFile } from "./constructs/tfvars-file";
import { PlanChecks } from "./constructs/plan-checks";
import { FEATURES } from "./features";
import { JobQueues, QueueComputeEnvironment } from "./features/job-queues";
import { OnDemandFallback } from "./features/on-demand-fallback";
import { DEFAULT_SHARE_IDENTIFIER, S3Trigger } from "./features/s3-trigger";
import { stuckJobCancellation } from "./features/stuck-jobs";
import { TemplateSecret } from "./features/template-secret";
import { checkSwap, swapOrder, updatableEnvironment } from "./features/updatable-compute-environment";
import { hostSettings } from "./features/hosts";
import { checkEgressRules } from "./features/egress-rules";
import { leastPrivilegeOf } from "./features/least-privilege";
import { jobLogsOf } from "./features/job-logs";
import { BatchAlerts, alertsOf } from "./features/alerts";

export type { BatchStackOptions } from "./batch-stack-options";

/** The article's AWS Batch on EC2 Spot, at the HCL module's Terraform addresses. */
export class BatchStack extends TerraformStack {
  public readonly inputs: BatchInputs;
  public readonly tfvars: TfvarsFile;
  public readonly network: BatchSecurityGroup;
  public readonly roles: BatchIamRoles;
  public readonly spotFleet: SpotFleetIam;
  /** The Spot environment jobs go to first: the updatable one with updatableComputeEnvironment, else the module's. */
  public readonly computeEnvironment: ManagedComputeEnvironment;
  /** The module's environment (`aws_batch_compute_environment.compute-environment`), unless the stack is updatable and not swapping. */
  public readonly moduleComputeEnvironment?: ManagedComputeEnvironment;
  /** The module's queue (`aws_batch_job_queue.job_queue`). */
  public readonly jobQueue: JobQueue;
  public readonly jobQueues: JobQueues;
  public readonly jobDefinitions: JobDefinitions;
  public readonly onDemandFallback?: OnDemandFallback;
  public readonly s3Trigger?: S3Trigger;
  public readonly alerts?: BatchAlerts;

  constructor(scope: Construct, id: string, options: BatchStackOptions) {
    super(scope, id);
    checkOptionKeys(`Stack '${id}'`, options, BATCH_STACK_OPTIONS);
    const templates = discoverTemplates(options.projectDir, options.primaryTemplate ?? PRIMARY_TEMPLATE);
    const moduleState = movedFrom(checkedModuleAddress(id, options.moduleAddress ?? DEFAULT_MODULE_ADDRESS));

    applyBackend(this, options.projectDir, options.backend ?? { kind: "local" });
    this.addOverride("terraform.required_version", ">= 1.5.0");

    const inputs = new BatchInputs(this, "inputs", {
      optInVariables: FEATURES.filter((feature) => feature.declares(options, templates)).flatMap((feature) =>
        Object.entries(feature.variables).map(([name, variable]) => [name, variable.spec] as const),
      ),
    });
    this.inputs = inputs;
    new AwsProvider(this, "aws", { region: inputs.string("region") });
    this.tfvars = new TfvarsFile(this, "tfvars", { projectDir: options.projectDir, file: options.tfvarsFile });
    new PlanChecks(this, "plan-checks");

    const env = inputs.string("environment");
    const app = inputs.string("application");
    const namePrefix = `${env}-${app}`;
    const batchName = inputs.string("batch_name");

    const region = new DataAwsRegion(this, MODULE_ADDRESSES.region);
    region.overrideLogicalId(MODULE_ADDRESSES.region);

    this.network = new BatchSecurityGroup(this, "network", {
      name: `sgr-${namePrefix}-batch`,
      vpcId: inputs.string("vpc_id"),
      egressCidrBlocks: options.egressCidrBlocks,
      egressRules: checkEgressRules(options.egressRules, options.egressCidrBlocks),
    });
    const least = options.leastPrivilege ? leastPrivilegeOf(this, options, templates, inputs) : undefined;
    this.roles = new BatchIamRoles(this, "iam", { namePrefix, bucketName: inputs.string("bucket_name"), tags: inputs.commonTags, leastPrivilege: least });
    this.spotFleet = new SpotFleetIam(this, "spot-fleet-iam", {
      roleName: options.scopedSpotFleetRoleName ? `role-${namePrefix}-batch-spot-fleet` : undefined,
      createServiceLinkedRoles: options.createSpotServiceLinkedRoles,
    });

    const swap = checkSwap(options);
    const updatable = options.updatableComputeEnvironment
      ? {
          jobExecutionTimeoutMinutes: inputs.number("update_policy_job_execution_timeout_minutes"),
          terminateJobsOnUpdate: inputs.variable("update_policy_terminate_jobs_on_update").booleanValue,
        }
      : undefined;
    // The module's environments stay while the swap moves off them; the drain phase disables them.
    const moduleEnvironments = updatable === undefined || swap !== undefined;
    const shared = {
      serviceRoleArn: this.roles.serviceRole.arn,
      instanceProfileArn: this.roles.instanceProfile.arn,
      securityGroupIds: [this.network.id],
      subnetIds: inputs.list("subnet_ids"),
      instanceTypes: inputs.list("instance_type"),
      dependsOn: this.roles.serviceRole.attachments,
      state: swap === "drain" ? ("DISABLED" as const) : undefined,
      hosts: hostSettings(this, options, inputs, namePrefix),
    };
    const spot: ManagedComputeEnvironmentProps = {
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
    };
    // During the swap the module's environment keeps the module's hosts: a host option on it would replace it.
    this.moduleComputeEnvironment = moduleEnvironments ? new ManagedComputeEnvironment(this, "compute-environment", { ...spot, hosts: updatable ? undefined : spot.hosts }) : undefined;
    const updatableSpot = updatable && updatableEnvironment(this, "compute-environment-updatable", spot, updatable);
    this.computeEnvironment = (updatableSpot || this.moduleComputeEnvironment)!;
    if (options.onDemandFallback) {
      const name = `${inputs.computeEnvironmentName}-ondemand`;
      this.onDemandFallback = new OnDemandFallback(this, "on-demand-fallback", {
        ...shared,
        maxVcpus: inputs.number("on_demand_max_vcpus"),
        minVcpus: inputs.number("on_demand_min_vcpus"),
        name,
        tags: inputs.tagsNamed(name),
        moduleEnvironment: moduleEnvironments,
        updatable,
      });
    }

    const stuckJobSeconds = inputs.declares("job_state_time_limit_seconds") ? inputs.number("job_state_time_limit_seconds") : undefined;
    const current = { spot: this.computeEnvironment.arn, "on-demand": this.onDemandFallback?.arn };
    const old = { spot: this.moduleComputeEnvironment?.arn, "on-demand": this.onDemandFallback?.moduleArn };
    const environmentArns = (names: readonly QueueComputeEnvironment[]): string[] =>
      updatable && swap
        ? swapOrder(names.map((name) => current[name]!), names.flatMap((name) => old[name] ?? []), swap)
        : names.map((name) => current[name]!);
    this.jobQueue = new JobQueue(this, "job-queue", {
      name: `queue-${namePrefix}-${batchName}`,
      priority: inputs.number("batch_job_queue_priority"),
      computeEnvironmentArns: environmentArns(this.onDemandFallback ? ["spot", "on-demand"] : ["spot"]),
      tags: inputs.tagsNamed(batchName),
      cancelStuckJobs: stuckJobCancellation("primaryJobQueue.cancelStuckJobs", options.primaryJobQueue?.cancelStuckJobs, stuckJobSeconds),
      movedFrom: moduleState.jobQueue,
    });
    this.jobQueues = new JobQueues(this, "job-queues", {
      namePrefix,
      primary: this.jobQueue,
      primaryTagName: batchName,
      extra: options.jobQueues,
      onDemand: this.onDemandFallback !== undefined,
      environmentArns,
      stuckJobSeconds,
      fairShareWeights: inputs.declares("fair_share_weights") ? inputs.variable("fair_share_weights") : undefined,
      tagsNamed: (name) => inputs.tagsNamed(name),
    });

    const secret = inputs.declares("rds_password_secret_name")
      ? new TemplateSecret(this, "template-secret", {
          executionRoleName: this.roles.taskExecutionRole.name,
          secretName: inputs.string("rds_password_secret_name"),
        })
      : undefined;
    const logs = options.jobLogs ? jobLogsOf(this, `${namePrefix}-${batchName}`) : undefined;
    this.jobDefinitions = new JobDefinitions(this, "job-definitions", {
      templates,
      options: options.jobDefinitions,
      namePrefix,
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
      logGroupName: logs?.name,
      sourceAccount: least?.sourceAccount,
      tagsNamed: (name) => inputs.tagsNamed(name),
    });

    if (options.s3Trigger) {
      this.s3Trigger = this.addS3Trigger(options, templates, namePrefix, least?.sourceAccount);
    }
    this.alerts = options.alerts ? alertsOf(this, `${namePrefix}-${batchName}`) : undefined;
    this.addOutputs();
  }

  private addS3Trigger(options: BatchStackOptions, templates: readonly JobTemplate[], namePrefix: string, sourceAccount?: string): S3Trigger {
    const { jobDefinition, jobQueue, ...trigger } = options.s3Trigger!;
    const target = jobDefinition ?? templates[0].name;
    return new S3Trigger(this, "s3-trigger", {
      ...trigger,
      inputs: {
        bucketName: this.inputs.string("trigger_bucket_name"),
        keyPrefix: this.inputs.string("trigger_key_prefix"),
        keySuffix: this.inputs.string("trigger_key_suffix"),
      },
      namePrefix,
      jobQueueArn: this.jobQueues.byName(jobQueue, "s3Trigger.jobQueue").arn,
      shareIdentifier: this.jobQueues.isFairShare(jobQueue) ? (trigger.shareIdentifier ?? DEFAULT_SHARE_IDENTIFIER) : undefined,
      jobDefinitionArn: this.jobDefinitions.byTemplate(target, "s3Trigger.jobDefinition").arn,
      jobName: `s3-${target}`,
      tags: this.inputs.commonTags,
      sourceAccount,
    });
  }

  /** The module's outputs, with its names and descriptions, and the ones this project adds. */
  private addOutputs(): void {
    const values: { readonly [name in keyof typeof MODULE_OUTPUTS]: string } = {
      batch_security_group_id: this.network.id,
      batch_instance_profile_arn: this.roles.instanceProfile.arn,
      batch_service_role_arn: this.roles.serviceRole.arn,
      batch_spot_iam_fleet_role_arn: this.spotFleet.fleetRole.arn,
      batch_compute_environment_name: this.computeEnvironment.name,
      batch_compute_environment_state: this.computeEnvironment.state,
      batch_job_queue_arn: this.jobQueue.arn,
      batch_job_definition_arn: this.jobDefinitions.primary.arn,
    };
    for (const [name, description] of Object.entries(MODULE_OUTPUTS)) {
      new TerraformOutput(this, name, { value: values[name as keyof typeof MODULE_OUTPUTS], description }).overrideLogicalId(name);
    }
    if (this.jobQueues.extra.size > 0) {
      new TerraformOutput(this, "batch_job_queue_arns", {
        value: Object.fromEntries([...this.jobQueues.extra].map(([name, queue]) => [name, queue.arn])),
        description: "The ARN of each queue of jobQueues, by its name.",
      }).overrideLogicalId("batch_job_queue_arns");
    }
  }
}
