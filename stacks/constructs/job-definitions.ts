import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { LOG_GROUP_VARIABLE, TemplateVariable } from "../templates/contract";
import { ConfigError } from "../app/errors";
import { JobTemplate } from "../templates/loader";
import { MODULE_ADDRESSES } from "../module-contract";
import { JobDefinitionOptions, TemplatedJobDefinition } from "./job-definition";

/** aws_batch_job_definition of a template other than the primary one. */
export function extraJobDefinitionAddress(template: string): string {
  return `${MODULE_ADDRESSES.jobDefinition}-${template}`;
}

/** The template variables that are the same for every job definition. */
export type SharedTemplateVariables = Omit<
  Record<TemplateVariable, string | number>,
  "BATCH_NAME" | "JOB_ROLE_ARN" | "EXECUTION_ROLE_ARN" | "MY_PASSWORD_SECRET_ARN" | "LOG_GROUP"
>;

export interface JobDefinitionsProps {
  /** The checked templates of `job-definitions/`, the primary one first. */
  readonly templates: readonly JobTemplate[];
  /** Job-level settings per template name. @default - none */
  readonly options?: { readonly [template: string]: JobDefinitionOptions };
  /** `<env>-<app>`: the part every job definition and job role name shares. */
  readonly namePrefix: string;
  /** `var.batch_name`: names the primary template's job definition, as upstream. */
  readonly batchName: string;
  /** Where the module's state has the primary job definition (a `moved` block's source). */
  readonly movedFrom: string;
  readonly variables: SharedTemplateVariables;
  /** The task execution role: EXECUTION_ROLE_ARN, and JOB_ROLE_ARN unless a template has a role of its own. */
  readonly executionRoleArn: string;
  /** The policy a job role of its own gets (upstream's additional policy). */
  readonly jobRolePolicyArn: string;
  /** leastPrivilege: the job roles trust ecs-tasks for this account only. @default - no condition */
  readonly sourceAccount?: string;
  /** MY_PASSWORD_SECRET_ARN, for the templates that use it. @default - no template uses it */
  readonly secretArn?: string;
  /** LOG_GROUP, the job log group's name (jobLogs), for the templates that use it. @default - jobLogs off */
  readonly logGroupName?: string;
  /** `merge({Name = name}, local.common_tags)`. */
  readonly tagsNamed: (name: string) => { [key: string]: string };
}

/**
 * One container job definition per template. The primary template is the
 * module's own job definition (its address, its `moved` block, named after
 * `var.batch_name`); every other template is a job definition of its own,
 * named after its file.
 *
 * The job definitions are created in this construct's scope (the stack),
 * where they have always been: their construct paths name each template's
 * asset folder and the metadata of the synthesized stack, so a deployed stack
 * folder stays byte-identical.
 */
export class JobDefinitions extends Construct {
  public readonly all: readonly TemplatedJobDefinition[];

  constructor(scope: Construct, id: string, props: JobDefinitionsProps) {
    super(scope, id);
    const names = props.templates.map((template) => template.name);
    for (const name of Object.keys(props.options ?? {})) {
      templateIndex(this, `option jobDefinitions["${name}"]`, name, names);
    }
    const scopeOfDefinitions = this.node.scope ?? this;
    // Names built from the same variables: only the longest extra one can be too long.
    const longest = props.templates.slice(1).reduce<JobTemplate | undefined>(
      (found, template) => (!found || template.name.length > found.name.length ? template : found),
      undefined,
    );
    const needsSecret = props.templates.find((template) => template.usesSecret);
    if (needsSecret && props.secretArn === undefined) {
      throw new ConfigError(
        `JobDefinitions '${id}': job-definitions/${needsSecret.fileName}`,
        "the template uses MY_PASSWORD_SECRET_ARN but no secretArn was given, so templatefile would fail at plan",
        "pass the secret's ARN as secretArn (BatchStack creates a TemplateSecret for it)",
      );
    }
    const needsLogGroup = props.templates.find((template) => template.variables.includes(LOG_GROUP_VARIABLE));
    if (needsLogGroup && props.logGroupName === undefined) {
      throw new ConfigError(
        `job-definitions/${needsLogGroup.fileName}`,
        `the template uses \${${LOG_GROUP_VARIABLE}}, the job log group the stack creates with the jobLogs option, which is off`,
        "set jobLogs: true in the options of main.ts (BatchStackOptions), or take LOG_GROUP out of the template",
      );
    }
    this.all = props.templates.map((template, index) => {
      const primary = index === 0;
      const name = primary ? props.batchName : template.name;
      const options = props.options?.[template.name] ?? {};
      const address = primary ? MODULE_ADDRESSES.jobDefinition : extraJobDefinitionAddress(template.name);
      return new TemplatedJobDefinition(scopeOfDefinitions, extraJobDefinitionAddress(template.name), {
        template,
        address,
        movedFrom: primary ? props.movedFrom : undefined,
        name: `jdef-${props.namePrefix}-${name}`,
        variables: {
          ...props.variables,
          BATCH_NAME: name,
          JOB_ROLE_ARN: props.executionRoleArn,
          EXECUTION_ROLE_ARN: props.executionRoleArn,
          MY_PASSWORD_SECRET_ARN: template.usesSecret ? props.secretArn : undefined,
          LOG_GROUP: template.variables.includes(LOG_GROUP_VARIABLE) ? props.logGroupName : undefined,
        },
        tags: props.tagsNamed(name),
        options,
        checkNameLength: primary || template === longest,
        jobRole: options.separateJobRole
          ? { roleName: `role-${props.namePrefix}-${template.name}-job`, policyArn: props.jobRolePolicyArn, sourceAccount: props.sourceAccount }
          : undefined,
      });
    });
  }

  /** The module's own job definition. */
  public get primary(): TemplatedJobDefinition {
    return this.all[0];
  }

  /**
   * The job definition of a template, for an option that names one (`option`
   * is how the message names the option); an unknown name fails synth.
   */
  public byTemplate(name: string, option: string): TemplatedJobDefinition {
    return this.all[templateIndex(this, `${option} = "${name}"`, name, this.all.map((definition) => definition.template.name))];
  }
}

/** Where `name` is among the templates; an option (`what`) naming another one is refused, with the ones there are. */
function templateIndex(scope: Construct, what: string, name: string, templates: readonly string[]): number {
  const index = templates.indexOf(name);
  if (index < 0) {
    throw new ConfigError(
      `Stack '${TerraformStack.of(scope).node.id}': ${what}`,
      `job-definitions/ has no ${name}.json`,
      `use one of ${templates.map((template) => `"${template}"`).join(", ")}`,
    );
  }
  return index;
}
