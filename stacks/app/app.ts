// The app's synthesis: one BatchStack per planned stack, every tfvars file
// checked against the variables its stack declares, then the output.
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { BatchStack, BatchStackOptions } from "../batch-stack";
import { StackPlan, planStacks } from "./environments";
import { BackendOptions } from "./backend";
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
  const planned = planStacks(projectDir).map((plan) => ({ plan, options: options(plan) }));
  refuseSharedState(planned.map(({ plan, options: chosen }) => ({ stackName: plan.stackName, backend: chosen.backend })));
  const stacks = planned.map(({ plan, options: chosen }) => new BatchStack(app, plan.stackName, { ...chosen, projectDir, tfvarsFile: plan.tfvarsFile }));
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
 * What Terraform Cloud receives when it uploads a stack folder (a CLI-driven
 * run from it, or the API-driven workflow's upload): what synth writes there,
 * and nothing else. Not what `terraform init`, `plan` and `apply` wrote (a
 * lock file written through the drop-in stand-in holds checksums the real
 * provider does not have, and Terraform Cloud's own init would fail on them;
 * it installs the exact version the stack pins), nor a stray `override.tf`
 * or `*.auto.tfvars`, which the remote plan would read. An allow-list, in
 * go-slug's rules (internal/ignorefiles/terraformignore.go readRules): every
 * path excluded, then the synthesis's own files included again.
 */
export const STACK_TERRAFORMIGNORE = [
  "# Written by the synthesis: Terraform Cloud uploads only what it wrote here.",
  "*",
  "!cdk.tf.json",
  "!terraform.tfvars",
  "!terraform.tfvars.json",
  "!assets/",
  ".terraform/",
  "",
].join("\n");

/**
 * Two stacks on one state would each destroy the other's resources: with
 * environments/, BATCH_STATE_PATH (or a backend option main.ts gives every
 * stack) names the same state for all of them.
 */
function refuseSharedState(stacks: readonly { stackName: string; backend?: BackendOptions }[]): void {
  const seen = new Map<string, string>();
  for (const { stackName, backend } of stacks) {
    const where =
      backend?.kind === "local" && backend.statePath !== undefined
        ? `the local state ${backend.statePath} (BATCH_STATE_PATH)`
        : backend?.kind === "s3"
          ? `the S3 state s3://${backend.bucket}/${backend.key}`
          : backend?.kind === "cloud" && backend.workspaceName
            ? `the Terraform Cloud workspace ${backend.workspaceName}`
            : undefined;
    const first = where && seen.get(where);
    if (where && first) {
      throw new ConfigError(
        `stacks ${first} and ${stackName}`,
        `both would keep their state in ${where}, and each plan would destroy the other stack's resources`,
        "give each environment its own state: unset BATCH_STATE_PATH (each stack then keeps terraform.<stack>.tfstate), or use S3 (the key gets the environment) or Terraform Cloud (a workspace per environment)",
      );
    }
    if (where) {
      seen.set(where, stackName);
    }
  }
}

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
