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
  checkRootVariableFiles(projectDir, files.length > 0);
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

/** Files Terraform would load by itself from the folder it runs in: `*.auto.tfvars` and `*.auto.tfvars.json`. */
const AUTO_VARIABLE_FILE = /\.auto\.tfvars(\.json)?$/;

/**
 * Variable files of the project root that no stack would read are refused,
 * never ignored: an `*.auto.tfvars` (Terraform loads it only from the folder
 * it runs in, the stack folder, and synth copies the tfvars file alone), and
 * the root terraform.tfvars once environments/ gives each stack its own.
 */
function checkRootVariableFiles(projectDir: string, perEnvironment: boolean): void {
  const names = fs.readdirSync(projectDir).sort();
  const auto = names.find((name) => AUTO_VARIABLE_FILE.test(name));
  if (auto) {
    throw new ConfigError(
      auto,
      "Terraform loads *.auto.tfvars files only from the folder it runs in, the stack folder, and synth copies terraform.tfvars there, not this file, so its values would be ignored",
      perEnvironment
        ? `move its values into each ${ENVIRONMENTS_FOLDER}/<environment>.tfvars, then remove it`
        : "move its values into terraform.tfvars, then remove it",
    );
  }
  if (perEnvironment) {
    const root = names.find((name) => name === "terraform.tfvars" || name === "terraform.tfvars.json");
    if (root) {
      throw new ConfigError(
        root,
        `${ENVIRONMENTS_FOLDER}/ has files, so each stack takes its variables from its ${ENVIRONMENTS_FOLDER}/<environment>.tfvars and this file would be ignored`,
        `move its values into the files of ${ENVIRONMENTS_FOLDER}/ (shared values in each), then remove it`,
      );
    }
  }
}
