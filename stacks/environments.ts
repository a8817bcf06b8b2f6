import * as fs from "fs";
import * as path from "path";

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

/**
 * The stacks a project emits: one `batch-<env>` stack per file of
 * `environments/`, or else the single `batch` stack with terraform.tfvars.
 */
export function planStacks(projectDir: string): StackPlan[] {
  const folder = path.join(projectDir, ENVIRONMENTS_FOLDER);
  const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((file) => file.endsWith(".tfvars")).sort() : [];
  if (files.length === 0) {
    return [{ stackName: "batch" }];
  }
  return files.map((file) => {
    const environment = file.replace(/\.tfvars$/, "");
    if (!/^[a-z0-9][a-z0-9-]*$/.test(environment)) {
      throw new Error(
        `${ENVIRONMENTS_FOLDER}/${file}: "${environment}" cannot name a stack; ` +
          `rename the file with lowercase letters, digits and hyphens, e.g. prod.tfvars.`,
      );
    }
    return { stackName: `batch-${environment}`, environment, tfvarsFile: `${ENVIRONMENTS_FOLDER}/${file}` };
  });
}
