// The app's synthesis: one BatchStack per planned stack, every tfvars file
// checked against the variables its stack declares, then the output.
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { BatchStack, BatchStackOptions } from "./batch-stack";
import { StackPlan, planStacks } from "./environments";
import { checkDeclared, tfvarsNames } from "./tfvars-check";

/** What main.ts chooses per stack: everything but where the project and its tfvars file are. */
export type StackOptions = Omit<BatchStackOptions, "projectDir" | "tfvarsFile">;

export async function synthesizeStacks(app: App, projectDir: string, options: (plan: StackPlan) => StackOptions): Promise<BatchStack[]> {
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
  return stacks;
}
