import { Construct } from "constructs";
import { Annotations, AssetType, Fn, TerraformAsset } from "cdktf";
import { BatchJobDefinition } from "@cdktf/provider-aws/lib/batch-job-definition";
import { JobTemplate, TEMPLATE_VARIABLE_NAMES, TemplateVariable } from "../templates/contract";
import { NAME_LIMITS, requireNameLength } from "./name-limits";
import { JobDefinitionOptions, jobLevelSettings, validateOptions } from "./job-level-settings";
import { ServiceRole } from "./service-role";

export { MIN_TIMEOUT_SECONDS, RETRY_ATTEMPTS_RANGE } from "./job-level-settings";
export type { JobDefinitionOptions, RetryStrategyOptions } from "./job-level-settings";

/** aws_iam_role of a job definition's own job role (separateJobRole), and its policy attachment. */
export function jobRoleAddresses(jobDefinitionAddress: string): { readonly role: string; readonly attachment: string } {
  return { role: `${jobDefinitionAddress}-job-role`, attachment: `${jobDefinitionAddress}-job-role-additional-policy` };
}

/** A job role of the job definition's own: its name and the policy it gets. */
export interface JobRoleSettings {
  readonly roleName: string;
  readonly policyArn: string;
  /** The trust conditioned on this account (leastPrivilege). @default - none */
  readonly sourceAccount?: string;
}

export interface TemplatedJobDefinitionProps {
  readonly template: JobTemplate;
  /** Terraform name of the `aws_batch_job_definition`. */
  readonly address: string;
  /** Address in the HCL module's state, for a `moved` block. @default - none */
  readonly movedFrom?: string;
  readonly name: string;
  /** Values of the template variables the stack provides; undefined ones are left out. */
  readonly variables: Record<TemplateVariable, string | number | undefined>;
  readonly tags: { [key: string]: string };
  /** @default - no job-level settings */
  readonly options?: JobDefinitionOptions;
  /**
   * A job role of its own, which becomes the template's JOB_ROLE_ARN.
   * @default - JOB_ROLE_ARN stays as given in `variables`
   */
  readonly jobRole?: JobRoleSettings;
  /**
   * Give the name a length precondition. A set of templates needs it on its
   * longest name only: every shorter one fits when that one does.
   * @default true
   */
  readonly checkNameLength?: boolean;
}

/**
 * A container job definition whose container properties are a template of
 * `job-definitions/`, copied into the stack folder and rendered by
 * Terraform's `templatefile`, as upstream renders it.
 */
export class TemplatedJobDefinition extends Construct {
  public readonly resource: BatchJobDefinition;
  public readonly asset: TerraformAsset;
  public readonly template: JobTemplate;
  public readonly jobRole?: ServiceRole;

  constructor(scope: Construct, id: string, props: TemplatedJobDefinitionProps) {
    super(scope, id);
    const { template } = props;
    this.template = template;
    const options = props.options ?? {};
    validateOptions(`TemplatedJobDefinition '${template.name}'`, options);

    this.asset = new TerraformAsset(this, "template", { path: template.sourcePath, type: AssetType.FILE });

    // In the contract's order: the rendered call is part of the synthesized output.
    const variables: { [name: string]: string | number } = {};
    for (const name of TEMPLATE_VARIABLE_NAMES) {
      const value = props.variables[name];
      if (value !== undefined) {
        variables[name] = value;
      }
    }
    if (props.jobRole) {
      const addresses = jobRoleAddresses(props.address);
      this.jobRole = new ServiceRole(this, "job-role", {
        address: addresses.role,
        roleName: props.jobRole.roleName,
        sourceAccount: props.jobRole.sourceAccount,
        trustedServices: ["ecs-tasks.amazonaws.com"],
        attachments: [{ address: addresses.attachment, policyArn: props.jobRole.policyArn }],
      });
      variables.JOB_ROLE_ARN = this.jobRole.role.arn;
    }

    const jobLevel = jobLevelSettings(template, options);
    if (template.jobLevelKeys.length > 0 && !options.moveJobLevelKeys) {
      const movable = template.jobLevelKeys.filter((key) => key !== "tags");
      warnOnce(
        this,
        `job-definitions/${template.fileName} puts ${template.jobLevelKeys.join(", ")} among container properties, ` +
          `where AWS Batch ignores them.` +
          (movable.length > 0
            ? ` Set jobDefinitions["${template.name}"].moveJobLevelKeys = true in main.ts to apply ${movable.join(", ")} ` +
              `as the job definition's own settings (a new revision of the job definition).`
            : "") +
          (template.jobLevelKeys.includes("tags") ? ` The job definition's tags are the stack's: remove "tags" from the template.` : ""),
      );
    }

    for (const warning of template.warnings) {
      warnOnce(this, warning);
    }

    this.resource = new BatchJobDefinition(this, props.address, {
      name: props.name,
      type: "container",
      // Relative to the stack folder, where Terraform runs (locally or in
      // Terraform Cloud), like upstream's relative template path.
      containerProperties: Fn.templatefile(this.asset.path, variables),
      tags: props.tags,
      ...jobLevel,
    });
    this.resource.overrideLogicalId(props.address);
    if (props.checkNameLength ?? true) {
      requireNameLength(this.resource, props.name, NAME_LIMITS.batch, "job definition");
    }
    if (props.movedFrom) {
      this.resource.moveFromId(props.movedFrom);
    }
  }

  public get arn(): string {
    return this.resource.arn;
  }

  public get name(): string {
    return this.resource.name;
  }
}

/** Warnings already given, per app: one synth shows each once, however many stacks share the template. */
const warned = new WeakMap<object, Set<string>>();

function warnOnce(scope: Construct, message: string): void {
  const root = scope.node.root;
  const given = warned.get(root) ?? new Set<string>();
  warned.set(root, given);
  if (!given.has(message)) {
    given.add(message);
    Annotations.of(scope).addWarning(message);
  }
}
