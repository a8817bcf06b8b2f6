// npm run check:dropin -- <path to the HCL module> [tfvars file]
//
// Applies the module with the stand-in AWS provider (offline, no AWS account)
// into a throw-away state, synthesizes this project with the module's
// variables and job-definition templates, and plans it against that state.
// Exits 0 when no resource would be added, changed, replaced or destroyed,
// 1 when some would, 2 when the check itself cannot run.
import * as fs from "fs";
import * as path from "path";
import { checkDropin, formatReport } from "../test-support/dropin/check";
import { terraformAvailable } from "../test-support/dropin/standin-terraform";

function main(argv: string[]): number {
  const [modulePath, tfvarsFile, ...rest] = argv;
  if (!modulePath || rest.length > 0) {
    process.stderr.write("usage: npm run check:dropin -- <path to the HCL module> [tfvars file, default <module>/terraform.tfvars]\n");
    return 2;
  }
  // npm runs scripts from the project root; paths are meant from where the user typed them.
  const from = process.env.INIT_CWD ?? process.cwd();
  const module = path.resolve(from, modulePath);
  if (!fs.existsSync(module) || !fs.readdirSync(module).some((name) => name.endsWith(".tf"))) {
    process.stderr.write(`check:dropin: ${module} is not a Terraform module folder (no .tf file in it).\n`);
    return 2;
  }
  const tfvars = tfvarsFile ? path.resolve(from, tfvarsFile) : path.join(module, "terraform.tfvars");
  if (!fs.existsSync(tfvars)) {
    process.stderr.write(`check:dropin: the tfvars file ${tfvars} does not exist; pass the module's tfvars file as the second argument.\n`);
    return 2;
  }
  if (!terraformAvailable()) {
    process.stderr.write("check:dropin runs Terraform itself: put a terraform binary (1.5 or later) on PATH.\n");
    return 2;
  }
  try {
    const report = checkDropin({ modulePath: module, tfvarsFile: tfvars });
    process.stdout.write(`${formatReport(report)}\n`);
    return report.changes.length === 0 ? 0 : 1;
  } catch (error) {
    process.stderr.write(`check:dropin could not run: ${(error as Error).message}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
