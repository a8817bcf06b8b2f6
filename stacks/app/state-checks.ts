// The checks of the state a local backend names: the file is a Terraform
// state, and a synth that falls back to the default state while the stack
// folder was set up with another one is refused.
import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "./errors";
import { BACKEND_ENVIRONMENT } from "./backend-environment";

/**
 * The default local state is a new, empty one: if `terraform init` set up
 * another backend in the stack folder, the variables that chose it were
 * forgotten on this synth, and the next plan would create every resource
 * again (or Terraform asks to migrate the state into the empty file).
 * Terraform records the backend it set up in .terraform/terraform.tfstate.
 */
export function refuseForgottenBackend(stackName: string, projectDir: string, stackDir: string, defaultPath: string): void {
  const recorded = path.join(stackDir, ".terraform", "terraform.tfstate");
  if (!fs.existsSync(recorded)) {
    return;
  }
  let backend: { type?: string; config?: { [name: string]: unknown } } | undefined;
  try {
    backend = JSON.parse(fs.readFileSync(recorded, "utf8")).backend;
  } catch {
    return; // Not Terraform's file: nothing to compare with.
  }
  if (!backend?.type || (backend.type === "local" && (backend.config?.path ?? "terraform.tfstate") === defaultPath)) {
    return;
  }
  const config = backend.config ?? {};
  const where =
    backend.type === "local"
      ? `the local state ${path.relative(projectDir, path.resolve(stackDir, String(config.path ?? "terraform.tfstate")))} (${BACKEND_ENVIRONMENT.statePath})`
      : backend.type === "s3"
        ? `the S3 state s3://${config.bucket}/${config.key} (${BACKEND_ENVIRONMENT.bucket}, ${BACKEND_ENVIRONMENT.key}, ${BACKEND_ENVIRONMENT.region})`
        : `the ${backend.type === "cloud" ? "Terraform Cloud" : backend.type} backend (${BACKEND_ENVIRONMENT.organization}, ${BACKEND_ENVIRONMENT.workspace})`;
  throw new ConfigError(
    `Stack '${stackName}': backend`,
    `terraform init set up the stack folder with ${where}, and this synth, with none of those variables, points it at another state, the default local one (${defaultPath.split("/").pop()})`,
    `set the variables in parentheses as on the earlier synth; to start a new state on purpose, delete ${path.join(stackDir, ".terraform")} first`,
  );
}

/** Why a file is not a Terraform state (JSON with a format `version` and `resources`), or undefined. */
export function stateFileProblem(file: string): string | undefined {
  if (!fs.statSync(file).isFile()) {
    return "is a folder, not a state file";
  }
  let state: unknown;
  try {
    state = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    return `is not a Terraform state file (not JSON: ${(error as Error).message.split("\n")[0]})`;
  }
  const fields = state as { version?: unknown; resources?: unknown } | null;
  if (fields === null || typeof fields !== "object" || typeof fields.version !== "number" || !Array.isArray(fields.resources ?? [])) {
    return "is not a Terraform state file (no format version)";
  }
  return undefined;
}
