import { Construct } from "constructs";
import { Fn, TerraformLocal, TerraformVariable } from "cdktf";
import { MODULE_ADDRESSES } from "./addresses";
import { FAIR_SHARE_VARIABLES, ON_DEMAND_VARIABLES, SECRET_VARIABLES, STUCK_JOB_VARIABLES, TRIGGER_VARIABLES } from "./opt-in-variables";
import { MODULE_VARIABLES, VariableName, VariableSpec } from "./variables";

export interface BatchInputsProps {
  /** Declare on_demand_max_vcpus and on_demand_min_vcpus. @default false */
  readonly onDemandFallback?: boolean;
  /** Declare trigger_bucket_name, trigger_key_prefix and trigger_key_suffix. @default false */
  readonly s3Trigger?: boolean;
  /** Declare rds_password_secret_name (a template uses MY_PASSWORD_SECRET_ARN). @default false */
  readonly templateSecret?: boolean;
  /** Declare job_state_time_limit_seconds (a queue cancels stuck jobs). @default false */
  readonly stuckJobs?: boolean;
  /** Declare fair_share_weights (a queue uses fair-share scheduling). @default false */
  readonly fairShare?: boolean;
}

/** The On-Demand fallback's vCPU limits, as variable tokens. */
export interface OnDemandInputs {
  readonly maxVcpus: number;
  readonly minVcpus: number;
}

/** The S3 trigger's bucket and key filter, as variable tokens. */
export interface TriggerInputs {
  readonly bucketName: string;
  readonly keyPrefix: string;
  readonly keySuffix: string;
}

/**
 * The stack's Terraform inputs: every root variable (the module's, and the
 * opt-in features' only when they are on) and the module's locals.
 *
 * Values stay Terraform variables (not TypeScript options) so that
 * terraform.tfvars and Terraform Cloud workspace variables keep working.
 */
export class BatchInputs extends Construct {
  private readonly variables = {} as Record<VariableName, TerraformVariable>;

  /** `{environment, application, owner}`: upstream's `local.common_tags`. */
  public readonly commonTags: { [key: string]: string };
  /** `ce-<env>-<app>-batchs`: upstream's `local.ce_name`. */
  public readonly computeEnvironmentName: string;
  /** @default - undefined unless onDemandFallback */
  public readonly onDemand?: OnDemandInputs;
  /** @default - undefined unless s3Trigger */
  public readonly trigger?: TriggerInputs;
  /** `var.rds_password_secret_name`. @default - undefined unless templateSecret */
  public readonly secretName?: string;
  /** `var.job_state_time_limit_seconds`. @default - undefined unless stuckJobs */
  public readonly stuckJobSeconds?: number;
  /** `var.fair_share_weights`. @default - undefined unless fairShare */
  public readonly fairShareWeights?: TerraformVariable;
  /** Every variable this stack declares, by name: what a tfvars file may set. */
  public readonly declaredVariables: string[] = [];

  constructor(scope: Construct, id: string, props: BatchInputsProps = {}) {
    super(scope, id);
    for (const name of Object.keys(MODULE_VARIABLES) as VariableName[]) {
      this.variables[name] = this.declare(name, MODULE_VARIABLES[name]);
    }

    const commonTags = new TerraformLocal(this, MODULE_ADDRESSES.commonTags, {
      environment: this.string("environment"),
      application: this.string("application"),
      owner: this.string("owner"),
    });
    commonTags.overrideLogicalId(MODULE_ADDRESSES.commonTags);
    this.commonTags = commonTags.asStringMap;

    const ceName = new TerraformLocal(
      this,
      MODULE_ADDRESSES.computeEnvironmentName,
      `ce-${this.string("environment")}-${this.string("application")}-batchs`,
    );
    ceName.overrideLogicalId(MODULE_ADDRESSES.computeEnvironmentName);
    this.computeEnvironmentName = ceName.asString;

    if (props.onDemandFallback) {
      this.onDemand = {
        maxVcpus: this.declare("on_demand_max_vcpus", ON_DEMAND_VARIABLES.on_demand_max_vcpus).numberValue,
        minVcpus: this.declare("on_demand_min_vcpus", ON_DEMAND_VARIABLES.on_demand_min_vcpus).numberValue,
      };
    }
    if (props.s3Trigger) {
      this.trigger = {
        bucketName: this.declare("trigger_bucket_name", TRIGGER_VARIABLES.trigger_bucket_name).stringValue,
        keyPrefix: this.declare("trigger_key_prefix", TRIGGER_VARIABLES.trigger_key_prefix).stringValue,
        keySuffix: this.declare("trigger_key_suffix", TRIGGER_VARIABLES.trigger_key_suffix).stringValue,
      };
    }
    if (props.stuckJobs) {
      this.stuckJobSeconds = this.declare("job_state_time_limit_seconds", STUCK_JOB_VARIABLES.job_state_time_limit_seconds).numberValue;
    }
    if (props.fairShare) {
      this.fairShareWeights = this.declare("fair_share_weights", FAIR_SHARE_VARIABLES.fair_share_weights);
    }
    if (props.templateSecret) {
      this.secretName = this.declare("rds_password_secret_name", SECRET_VARIABLES.rds_password_secret_name).stringValue;
    }
  }

  /** `var.<name>` as a string token. */
  public string(name: VariableName): string {
    return this.variables[name].stringValue;
  }

  /** `var.<name>` as a number token. */
  public number(name: VariableName): number {
    return this.variables[name].numberValue;
  }

  /** `var.<name>` as a list token. */
  public list(name: VariableName): string[] {
    return this.variables[name].listValue;
  }

  /** `merge({Name = name}, local.common_tags)`: upstream's tag shape for Batch resources. */
  public tagsNamed(name: string): { [key: string]: string } {
    return Fn.merge([{ Name: name }, this.commonTags]) as unknown as { [key: string]: string };
  }

  /** A variable at the root address `var.<name>`: tfvars files and workspace variables name it so. */
  private declare(name: string, spec: VariableSpec): TerraformVariable {
    const variable = new TerraformVariable(this, name, {
      type: spec.type,
      description: spec.description,
      default: spec.default,
      validation: spec.validation,
    });
    variable.overrideLogicalId(name);
    this.declaredVariables.push(name);
    return variable;
  }
}
