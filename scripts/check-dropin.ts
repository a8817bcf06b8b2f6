// npm run check:dropin -- <module> [tfvars] [--state FILE]: the command line of the drop-in check.
import * as fs from "fs";
import * as path from "path";
import { checkDropin, exitStatus, formatReport } from "../dropin/check/check";
import { commandLine, fileProblem, fromUser, refuse, runWithTerraform } from "../dropin/check/cli";

const USAGE = `usage: npm run check:dropin -- <module> [tfvars] [--state FILE]

Plans this project, offline, as hashicorp/aws 6.25.0 would plan it, against
your HCL module (applied into a throw-away state through a stand-in provider;
no AWS account, no network) or against your real state.

  <module>        the HCL module's root folder (its job-defintions/ or
                  job-definitions/ templates are used); never modified: a
                  module written for aws 3.x-5.x is rewritten to the v6 names
                  in a temporary copy, and each rewrite is listed
  [tfvars]        the variables file (default: <module>/terraform.tfvars)
  --state FILE    plan against a copy of this state (e.g. the output of
                  \`terraform state pull\`) instead of applying the module;
                  each instance's schema version is read first

The same tfvars file feeds the module and this project, so a variable's value
is never a difference; to preview a change of values, pass the new tfvars
with --state and the state the old values made. The options set in this
project's main.ts are used, so the check also previews what they change.
Differences read "<your module or state> -> <this project>".
  --help          this text

Relative paths are taken from the folder you ran the command in.
Needs a terraform binary (1.5 or later) on PATH.

A module block of another name than batch-example is named with the
moduleAddress option that fixes it; resources only in your module (or of a
type the stand-in cannot plan, taken out of the copy) are listed with the
ways out.

Exit status: 0 nothing to add, change, replace or destroy; 1 something would
change (each change listed: update, replace with the forcing attribute, or
new revision, with every difference at its attribute path); 2 the check could
not run (the reason is printed).
`;

function main(argv: string[]): number {
  const args = commandLine("check:dropin", USAGE, argv, ({ positional }) =>
    positional.length === 0 ? "the module folder is missing" : positional.length > 2 ? `too many arguments: ${positional.slice(2).join(" ")}` : undefined,
  );
  if (typeof args === "number") {
    return args;
  }
  const module = fromUser(args.positional[0]);
  if (!fs.existsSync(module)) {
    return refuse(`check:dropin: the module folder ${module} does not exist; pass the folder that holds the module's .tf files.`);
  }
  if (!fs.statSync(module).isDirectory() || !fs.readdirSync(module).some((name) => name.endsWith(".tf"))) {
    return refuse(`check:dropin: ${module} is not a Terraform module folder (no .tf file in it).`);
  }
  const tfvars = args.positional[1] ? fromUser(args.positional[1]) : path.join(module, "terraform.tfvars");
  const tfvarsProblem = fileProblem(tfvars);
  if (tfvarsProblem) {
    return refuse(`check:dropin: the tfvars file ${tfvars} ${tfvarsProblem}; pass the module's tfvars file as the second argument.`);
  }
  const statePath = args.statePath ? fromUser(args.statePath) : undefined;
  const stateProblem = statePath && fileProblem(statePath);
  if (stateProblem) {
    return refuse(`check:dropin: the state file ${statePath} ${stateProblem}; write one with \`terraform state pull > terraform.tfstate\`.`);
  }
  return runWithTerraform("check:dropin", () => {
    const report = checkDropin({ modulePath: module, tfvarsFile: tfvars, statePath });
    process.stdout.write(`${formatReport(report)}\n`);
    return exitStatus(report);
  });
}

process.exitCode = main(process.argv.slice(2));
