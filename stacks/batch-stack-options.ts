// The options of BatchStack: its public API, with BatchStack, for the
// main.ts of every team (re-exported from batch-stack.ts). The module's own
// settings are here; each opt-in feature's option is in its own file
// (stacks/features/), gathered by stacks/features/index.ts.
import { BackendOptions } from "./app/backend";
import { FLAG, LEAF, ShapeOf, mapOf } from "./app/options-check";
import { JOB_DEFINITION_OPTIONS, JobDefinitionOptions } from "./constructs/job-level-settings";
import { FEATURE_OPTION_SHAPES, FeatureOptions } from "./features";

/** What shapes the module's own resources. */
export interface ModuleOptions {
  /** Project folder holding `job-definitions/` and the tfvars file. */
  readonly projectDir: string;
  /** @default - local state in the project root (see BackendOptions) */
  readonly backend?: BackendOptions;
  /**
   * Variable file copied into the stack folder (as terraform.tfvars, or
   * terraform.tfvars.json), relative to projectDir.
   * @default - terraform.tfvars and terraform.tfvars.json, those that exist
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
   * The address of the module block your copy of the HCL module calls its
   * child module with: the job queue and job definition move from there
   * (`moved` blocks). `npm run check:dropin` says which value your module needs.
   * @default "module.batch-example"
   */
  readonly moduleAddress?: string;
}

export interface BatchStackOptions extends ModuleOptions, FeatureOptions {}

/** Every option of BatchStackOptions, at every level (the run-time misspelling check): a new option fails the type-check until it is here. */
export const BATCH_STACK_OPTIONS: ShapeOf<BatchStackOptions> = {
  projectDir: LEAF,
  // Built by backendFromEnvironment, which checks what it reads.
  backend: LEAF,
  tfvarsFile: LEAF,
  primaryTemplate: LEAF,
  jobDefinitions: mapOf(JOB_DEFINITION_OPTIONS),
  egressCidrBlocks: LEAF,
  scopedSpotFleetRoleName: FLAG,
  createSpotServiceLinkedRoles: FLAG,
  moduleAddress: LEAF,
  ...FEATURE_OPTION_SHAPES,
};
