// The options of BatchStack: its public API, with BatchStack, for the
// main.ts of every team (re-exported from batch-stack.ts).
import { BackendOptions } from "./backend";
import { JobDefinitionOptions } from "./constructs/job-definition";
import { JobQueueOptions, PrimaryJobQueueOptions } from "./constructs/job-queues";
import { S3TriggerOptions } from "./constructs/s3-trigger";

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
  /**
   * Job queues beside the module's, on the same compute environments, each
   * with its priority (`aws_batch_job_queue.job_queue-<name>`).
   * @default - the module's queue only
   */
  readonly jobQueues?: readonly JobQueueOptions[];
  /** What the module's own queue adds without being replaced. @default - as upstream */
  readonly primaryJobQueue?: PrimaryJobQueueOptions;
  /**
   * The address of the module block your copy of the HCL module calls its
   * child module with: the job queue and job definition move from there
   * (`moved` blocks). `npm run check:dropin` says which value your module needs.
   * @default "module.batch-example"
   */
  readonly moduleAddress?: string;
}

