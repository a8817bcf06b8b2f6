// The app's synthesis: one BatchStack per planned stack, every tfvars file
// checked against the variables its stack declares, then the output.
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { BatchStack, BatchStackOptions } from "../batch-stack";
import { StackPlan, planStacks } from "./environments";
import { ConfigError } from "./errors";
import { checkDeclared, tfvarsNames } from "./tfvars-check";

/** What main.ts chooses per stack: everything but where the project and its tfvars file are. */
export type StackOptions = Omit<BatchStackOptions, "projectDir" | "tfvarsFile">;

export async function synthesizeStacks(
  app: App,
  projectDir: string,
  options: (plan: StackPlan) => StackOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<BatchStack[]> {
  refuseHclOutput(env);
  const stacks = planStacks(projectDir).map(
    (plan) => new BatchStack(app, plan.stackName, { ...options(plan), projectDir, tfvarsFile: plan.tfvarsFile }),
  );
  for (const stack of stacks) {
    for (const file of stack.tfvars.sourcePaths) {
      const displayName = path.relative(projectDir, file).split(path.sep).join("/");
      checkDeclared(displayName, await tfvarsNames(file, displayName), stack.inputs.declaredVariables, fs.readFileSync(file, "utf8"));
    }
  }
  app.synth();
  for (const stack of stacks) {
    // An HCL file an older version left beside cdk.tf.json would declare everything twice for `terraform init`.
    fs.rmSync(path.join(app.outdir, "stacks", stack.node.id, "cdk.tf"), { force: true });
    fs.writeFileSync(path.join(app.outdir, "stacks", stack.node.id, ".terraformignore"), STACK_TERRAFORMIGNORE);
  }
  return stacks;
}

/**
 * What Terraform Cloud must not receive when it uploads a stack folder (a
 * CLI-driven run from it, or the API-driven workflow's upload): what
 * `terraform init`, `plan` and `apply` wrote there. A lock file written
 * through the drop-in stand-in holds checksums the real provider does not
 * have, and Terraform Cloud's own init would fail on them; it installs the
 * exact version the stack pins instead. A .terraformignore replaces
 * Terraform's default exclusions, so .terraform/ is listed too.
 */
export const STACK_TERRAFORMIGNORE = [
  "# Written by the synthesis: what Terraform Cloud does not upload from this folder.",
  ".terraform/",
  ".terraform.lock.hcl",
  "*.tfstate",
  "*.tfstate.*",
  "terraform.tfstate.d/",
  "*.tfplan",
  "",
].join("\n");

/**
 * `cdktf synth --hcl` (SYNTH_HCL_OUTPUT, which the CLI sets for the app) is
 * refused: cdktf 0.21 renders HCL with a renderer of its own, not from the
 * JSON, and it drops this stack's `check` blocks (stack overrides), mangles
 * `terraform.required_version` and leaves quotes unescaped in strings with an
 * interpolation (node_modules/cdktf/lib/hcl/render.js), so Terraform would
 * refuse or misread cdk.tf. cdk.tf.json is the stack's Terraform.
 */
export function refuseHclOutput(env: NodeJS.ProcessEnv): void {
  if (env.SYNTH_HCL_OUTPUT === "true" || env.SYNTH_HCL_OUTPUT === "1") {
    throw new ConfigError(
      "cdktf synth --hcl",
      "this stack is synthesized as JSON only: cdktf 0.21's HCL renderer drops its check blocks and required_version and breaks its quoted strings, so Terraform would refuse or misread cdk.tf",
      "synthesize without --hcl (npm run synth); cdk.tf.json is plain Terraform in JSON syntax, which terraform and Terraform Cloud read like .tf files",
    );
  }
}
