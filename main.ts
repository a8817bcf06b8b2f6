import { App, DISABLE_STACK_TRACE_IN_METADATA } from "cdktf";
import { StackOptions, synthesizeStacks } from "./stacks/app/app";
import { backendFromEnvironment } from "./stacks/app/backend";
import { runApp } from "./stacks/app/errors";

// Structure is chosen here, in TypeScript; values stay Terraform variables
// (terraform.tfvars, or the Terraform Cloud workspace's variables). A mistake
// in either ends synth with one message (runApp).
runApp(async () => {
  // Stack traces in manifest.json would carry the build machine's paths.
  // skipValidation: cdktf's validations run `terraform version` on the
  // machine that synthesizes (for the moved blocks and the cloud block), which
  // is not the Terraform that plans, and need a terraform binary to synth at
  // all; the stack's required_version has the planning Terraform refuse a
  // version older than 1.5 itself. Its other check, that every resource's
  // provider is declared, the tests make by validating every option
  // combination with Terraform.
  const app = new App({ skipValidation: true, context: { [DISABLE_STACK_TRACE_IN_METADATA]: true } });
  // The return type makes tsc (and editors) refuse a misspelled option too.
  await synthesizeStacks(app, __dirname, (plan): StackOptions => ({
    backend: backendFromEnvironment(process.env, plan.environment),
    // Opt-in options (see the README, "Options"), for example:
    // jobDefinitions: { functionaltest: { moveJobLevelKeys: true } },
  }));
});
