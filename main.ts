import { App, DISABLE_STACK_TRACE_IN_METADATA } from "cdktf";
import { StackOptions, synthesizeStacks } from "./stacks/app/app";
import { backendFromEnvironment } from "./stacks/app/backend";
import { runApp } from "./stacks/app/errors";

// Structure is chosen here, in TypeScript; values stay Terraform variables
// (terraform.tfvars, or the Terraform Cloud workspace's variables). A mistake
// in either ends synth with one message (runApp).
runApp(async () => {
  // Stack traces in manifest.json would carry the build machine's paths.
  const app = new App({ context: { [DISABLE_STACK_TRACE_IN_METADATA]: true } });
  // The return type makes tsc (and editors) refuse a misspelled option too.
  await synthesizeStacks(app, __dirname, (plan): StackOptions => ({
    backend: backendFromEnvironment(process.env, plan.environment),
    // Opt-in options (see the README, "Options"), for example:
    // jobDefinitions: { functionaltest: { moveJobLevelKeys: true } },
  }));
});
