// npm run preview -- --state FILE [tfvars]: the command line of the preview.
import { commandLine, fileProblem, fromUser, refuse, runWithTerraform } from "../dropin/check/cli";
import { formatPreview, preview, previewExitStatus } from "../dropin/check/preview";

const USAGE = `usage: npm run preview -- --state FILE [tfvars]

Plans this project as it stands (main.ts options, templates, variables),
offline, as hashicorp/aws 6.25.0 would plan it, against a copy of your real
state (no AWS account, no network), and names the hazards of the plan with
their way out: a compute environment replaced while a queue lists it (the
apply would fail), one destroyed in the apply that takes it out of a queue,
one destroyed while ENABLED (its running jobs stop), a job queue replaced
(its jobs are lost), a job definition replaced (every revision
deregistered). An empty state is a new stack's: the plan creates everything.

  --state FILE    the stack's state: \`terraform state pull > current.tfstate\`
                  in its folder or workspace (never modified)
  [tfvars]        the variables (default: the project's terraform.tfvars;
                  with environments/, that environment's file)
  --help          this text

Relative paths are taken from the folder you ran the command in.
Needs a terraform binary (1.5 or later) on PATH.

Exit status: 0 no hazard (the changes are listed); 1 a hazard (each named,
with its way out); 2 the preview could not run (the reason is printed).
`;

function main(argv: string[]): number {
  const args = commandLine("preview", USAGE, argv, ({ statePath, positional }) =>
    statePath === undefined
      ? "--state is missing: the preview plans against your state (terraform state pull > current.tfstate)"
      : positional.length > 1
        ? `too many arguments: ${positional.slice(1).join(" ")}`
        : undefined,
  );
  if (typeof args === "number") {
    return args;
  }
  const statePath = fromUser(args.statePath!);
  const stateProblem = fileProblem(statePath);
  if (stateProblem) {
    return refuse(`preview: --state ${statePath} ${stateProblem}; write it with \`terraform state pull > current.tfstate\` in the stack's folder.`);
  }
  const tfvarsFile = args.positional[0] ? fromUser(args.positional[0]) : undefined;
  const tfvarsProblem = tfvarsFile && fileProblem(tfvarsFile);
  if (tfvarsProblem) {
    return refuse(`preview: the tfvars file ${tfvarsFile} ${tfvarsProblem}; pass the stack's variables file, or none for the project's terraform.tfvars.`);
  }
  return runWithTerraform("preview", () => {
    const report = preview({ statePath, tfvarsFile });
    process.stdout.write(`${formatPreview(report)}\n`);
    return previewExitStatus(report);
  });
}

process.exitCode = main(process.argv.slice(2));
