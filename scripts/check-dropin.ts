// npm run check:dropin -- <module> [tfvars] [--state FILE]: the command line of the drop-in check.
import * as fs from "fs";
import * as path from "path";
import { DropinCheckError, checkDropin, exitStatus, formatReport } from "../dropin/check/check";
import { SynthError } from "../dropin/check/project";
import { StateFileError } from "../dropin/check/state-versions";
import { terraformAvailable } from "../dropin/check/terraform";

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

interface Arguments {
  readonly modulePath?: string;
  readonly tfvarsFile?: string;
  readonly statePath?: string;
  readonly help: boolean;
  readonly error?: string;
}

function parse(argv: readonly string[]): Arguments {
  const positional: string[] = [];
  let statePath: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === "--help" || argument === "-h") {
      return { help: true };
    }
    if (argument === "--state" || argument.startsWith("--state=")) {
      const value = argument === "--state" ? argv[++index] : argument.slice("--state=".length);
      if (!value || value.startsWith("-")) {
        return { help: false, error: "--state needs a state file: --state terraform.tfstate" };
      }
      if (statePath !== undefined) {
        return { help: false, error: `--state is given twice (${statePath}, ${value}); give one state file` };
      }
      statePath = value;
    } else if (argument.startsWith("-")) {
      return { help: false, error: `unknown option ${argument}` };
    } else {
      positional.push(argument);
    }
  }
  if (positional.length === 0 || positional.length > 2) {
    return { help: false, error: positional.length === 0 ? "the module folder is missing" : `too many arguments: ${positional.slice(2).join(" ")}` };
  }
  return { help: false, modulePath: positional[0], tfvarsFile: positional[1], statePath };
}

function main(argv: string[]): number {
  const args = parse(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.error || !args.modulePath) {
    process.stderr.write(`check:dropin: ${args.error}\n\n${USAGE}`);
    return 2;
  }
  // npm runs scripts from the project root; paths are meant from where the user typed them.
  const from = process.env.INIT_CWD ?? process.cwd();
  const module = path.resolve(from, args.modulePath);
  if (!fs.existsSync(module)) {
    process.stderr.write(`check:dropin: the module folder ${module} does not exist; pass the folder that holds the module's .tf files.\n`);
    return 2;
  }
  if (!fs.statSync(module).isDirectory() || !fs.readdirSync(module).some((name) => name.endsWith(".tf"))) {
    process.stderr.write(`check:dropin: ${module} is not a Terraform module folder (no .tf file in it).\n`);
    return 2;
  }
  const tfvars = args.tfvarsFile ? path.resolve(from, args.tfvarsFile) : path.join(module, "terraform.tfvars");
  const tfvarsProblem = fileProblem(tfvars);
  if (tfvarsProblem) {
    process.stderr.write(`check:dropin: the tfvars file ${tfvars} ${tfvarsProblem}; pass the module's tfvars file as the second argument.\n`);
    return 2;
  }
  const statePath = args.statePath ? path.resolve(from, args.statePath) : undefined;
  const stateProblem = statePath && fileProblem(statePath);
  if (stateProblem) {
    process.stderr.write(`check:dropin: the state file ${statePath} ${stateProblem}; write one with \`terraform state pull > terraform.tfstate\`.\n`);
    return 2;
  }
  if (!terraformAvailable()) {
    process.stderr.write("check:dropin runs Terraform itself: put a terraform binary (1.5 or later) on PATH.\n");
    return 2;
  }
  try {
    const report = checkDropin({ modulePath: module, tfvarsFile: tfvars, statePath });
    process.stdout.write(`${formatReport(report)}\n`);
    return exitStatus(report);
  } catch (error) {
    const known = error instanceof DropinCheckError || error instanceof StateFileError || error instanceof SynthError;
    process.stderr.write(`check:dropin could not run: ${known ? "" : "\n"}${(error as Error).message}\n`);
    return 2;
  }
}

/** Why `file` cannot be read as a file, or undefined. */
function fileProblem(file: string): string | undefined {
  if (!fs.existsSync(file)) {
    return "does not exist";
  }
  return fs.statSync(file).isFile() ? undefined : "is not a file";
}

process.exitCode = main(process.argv.slice(2));
