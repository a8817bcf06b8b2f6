import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "./errors";

/** Folder of per-environment variable files: `environments/<name>.tfvars`. */
export const ENVIRONMENTS_FOLDER = "environments";

/** One stack to emit: its name and the variable file it carries. */
export interface StackPlan {
  /** Stack name, and folder under cdktf.out/stacks/. */
  readonly stackName: string;
  /** Environment name, for one-stack-per-environment projects. @default - the single stack */
  readonly environment?: string;
  /** Variable file relative to the project root. @default - terraform.tfvars when it exists */
  readonly tfvarsFile?: string;
}

/** The variable files Terraform reads: HCL and JSON. */
const VARIABLE_FILE = /^(.*)\.tfvars(\.json)?$/;

/** Environment names become stack names, workspace names and state file names. */
const ENVIRONMENT_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * The stacks a project emits: one `batch-<env>` stack per variable file of
 * `environments/` (`<env>.tfvars` or `<env>.tfvars.json`), or else the single
 * `batch` stack with terraform.tfvars. Any other file there is a mistake.
 */
export function planStacks(projectDir: string): StackPlan[] {
  const folder = path.join(projectDir, ENVIRONMENTS_FOLDER);
  const files = fs.existsSync(folder) ? fs.readdirSync(folder).sort() : [];
  if (files.length === 0) {
    return [{ stackName: "batch" }];
  }
  const byEnvironment = new Map<string, string>();
  return files.map((file) => {
    const where = `${ENVIRONMENTS_FOLDER}/${file}`;
    const match = VARIABLE_FILE.exec(file);
    if (!match) {
      throw new ConfigError(
        where,
        "every file in environments/ is one environment's variables, and this one is not a .tfvars or .tfvars.json file",
        `name it <environment>.tfvars (or .tfvars.json), e.g. prod.tfvars, or move it out of ${ENVIRONMENTS_FOLDER}/`,
      );
    }
    const environment = match[1];
    if (!ENVIRONMENT_NAME.test(environment)) {
      throw new ConfigError(
        where,
        `"${environment}" cannot name a stack and its workspace`,
        "rename the file with lowercase letters, digits and hyphens, e.g. prod.tfvars",
      );
    }
    const other = byEnvironment.get(environment);
    if (other) {
      throw new ConfigError(
        where,
        `${ENVIRONMENTS_FOLDER}/${other} already gives environment "${environment}" its variables`,
        "keep one of the two files",
      );
    }
    byEnvironment.set(environment, file);
    return { stackName: `batch-${environment}`, environment, tfvarsFile: where };
  });
}
