import { App, DISABLE_STACK_TRACE_IN_METADATA } from "cdktf";
import { backendFromEnvironment } from "./stacks/backend";
import { BatchStack } from "./stacks/batch-stack";
import { planStacks } from "./stacks/environments";

// Structure is chosen here, in TypeScript; values stay Terraform variables
// (terraform.tfvars, or the Terraform Cloud workspace's variables).
// Stack traces in manifest.json would carry the build machine's paths.
const app = new App({ context: { [DISABLE_STACK_TRACE_IN_METADATA]: true } });
const projectDir = __dirname;

for (const plan of planStacks(projectDir)) {
  new BatchStack(app, plan.stackName, {
    projectDir,
    tfvarsFile: plan.tfvarsFile,
    backend: backendFromEnvironment(process.env, plan.environment),
    // Opt-in options (see the README, "Options"), for example:
    // jobDefinitions: { functionaltest: { moveJobLevelKeys: true } },
  });
}

app.synth();
