import { Construct } from "constructs";
import { Fn, TerraformLocal, TerraformVariable } from "cdktf";
import { MODULE_ADDRESSES, MODULE_VARIABLES, VariableName } from "../module-contract";
import { VariableSpec } from "./variable-rules";

export interface BatchInputsProps {
  /** The variables of the features that are on, declared after the module's, in this order. @default - none */
  readonly optInVariables?: readonly (readonly [string, VariableSpec])[];
}

/**
 * The stack's Terraform inputs: every root variable (the module's, and the
 * opt-in features' that are on) and the module's locals.
 *
 * Values stay Terraform variables (not TypeScript options) so that
 * terraform.tfvars and Terraform Cloud workspace variables keep working.
 */
export class BatchInputs extends Construct {
  private readonly variables = new Map<string, TerraformVariable>();

  /** `{environment, application, owner}`: upstream's `local.common_tags`. */
  public readonly commonTags: { [key: string]: string };
  /** `ce-<env>-<app>-batchs`: upstream's `local.ce_name`. */
  public readonly computeEnvironmentName: string;
  /** Every variable this stack declares, by name: what a tfvars file may set. */
  public readonly declaredVariables: string[] = [];

  constructor(scope: Construct, id: string, props: BatchInputsProps = {}) {
    super(scope, id);
    for (const [name, spec] of Object.entries(MODULE_VARIABLES)) {
      this.declare(name, spec);
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

    for (const [name, spec] of props.optInVariables ?? []) {
      this.declare(name, spec);
    }
  }

  /** `var.<name>` as a string token. */
  public string(name: VariableName | string): string {
    return this.variable(name).stringValue;
  }

  /** `var.<name>` as a number token. */
  public number(name: VariableName | string): number {
    return this.variable(name).numberValue;
  }

  /** `var.<name>` as a list token. */
  public list(name: VariableName | string): string[] {
    return this.variable(name).listValue;
  }

  /** The declared variable `name`; one the stack did not declare is a bug of the stack. */
  public variable(name: string): TerraformVariable {
    const variable = this.variables.get(name);
    if (!variable) {
      throw new Error(`BatchInputs: variable ${name} is not declared (its feature is off)`);
    }
    return variable;
  }

  /** Whether the stack declares `name` (the module's variables, and those of the features that are on). */
  public declares(name: string): boolean {
    return this.variables.has(name);
  }

  /** `merge({Name = name}, local.common_tags)`: upstream's tag shape for Batch resources. */
  public tagsNamed(name: string): { [key: string]: string } {
    return Fn.merge([{ Name: name }, this.commonTags]) as unknown as { [key: string]: string };
  }

  /** A variable at the root address `var.<name>`: tfvars files and workspace variables name it so. */
  private declare(name: string, spec: VariableSpec): void {
    const variable = new TerraformVariable(this, name, {
      type: spec.type,
      description: spec.description,
      default: spec.default,
      validation: spec.validation,
      nullable: spec.nullable,
    });
    variable.overrideLogicalId(name);
    this.variables.set(name, variable);
    this.declaredVariables.push(name);
  }
}
