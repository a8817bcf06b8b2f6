import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "./errors";
import { BACKEND_ENVIRONMENT } from "./backend-environment";
import { refuseForgottenBackend, stateFileProblem } from "./state-checks";
import { App, CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TaggedCloudWorkspaces, TerraformStack } from "cdktf";

/** Where Terraform keeps the stack's state. */
export type BackendOptions =
  | {
      readonly kind: "cloud";
      /** Terraform Cloud / Enterprise organization. */
      readonly organization: string;
      /** Terraform Enterprise host. @default - app.terraform.io */
      readonly hostname?: string;
      /** One workspace by name (exclusive with workspaceTags). @default - workspaceTags */
      readonly workspaceName?: string;
      /** The workspaces carrying these tags; TF_WORKSPACE picks one at run time. @default - workspaceName */
      readonly workspaceTags?: string[];
    }
  | {
      readonly kind: "local";
      /**
       * State file, relative to the project root (where cdktf.json is). Point
       * it at the HCL module's terraform.tfstate to keep that state.
       * @default "terraform.<stack>.tfstate"
       */
      readonly statePath?: string;
    }
  | S3BackendOptions;

/**
 * Terraform's `s3` backend, for a team whose module keeps its state in S3:
 * the same bucket and key keep that state. Credentials and endpoints are
 * Terraform's own settings (the AWS_* environment, or `terraform init
 * -backend-config=FILE`), never written into the stack.
 */
export interface S3BackendOptions {
  readonly kind: "s3";
  readonly bucket: string;
  /** The state object's key, e.g. "batch/terraform.tfstate". */
  readonly key: string;
  readonly region: string;
  /** S3's own state locking (Terraform 1.10 and later). @default false */
  readonly useLockfile?: boolean;
  /** A DynamoDB table for state locking (Terraform's older way). @default - none */
  readonly dynamodbTable?: string;
  /** Server-side encryption of the state object. @default - Terraform's default (false) */
  readonly encrypt?: boolean;
}

export { BACKEND_ENVIRONMENT, DEFAULT_WORKSPACE_PREFIX, backendFromEnvironment } from "./backend-environment";

/**
 * Sets the stack's backend. A local state path is written relative to the
 * stack folder, never absolute (cdktf's default), so the output holds no path
 * of the build machine.
 */
export function applyBackend(stack: TerraformStack, projectDir: string, options: BackendOptions): void {
  if (options.kind === "cloud") {
    if (!!options.workspaceName === !!options.workspaceTags?.length) {
      throw new ConfigError(
        `Stack '${stack.node.id}': backend`,
        `a cloud backend needs exactly one of workspaceName and workspaceTags ` +
          `(got ${options.workspaceName ? `workspaceName "${options.workspaceName}"` : "neither"}` +
          `${options.workspaceTags?.length ? ` and workspaceTags ${JSON.stringify(options.workspaceTags)}` : ""})`,
        "give one of them",
      );
    }
    new CloudBackend(stack, {
      organization: options.organization,
      hostname: options.hostname,
      workspaces: options.workspaceName
        ? new NamedCloudWorkspace(options.workspaceName)
        : new TaggedCloudWorkspaces(options.workspaceTags ?? []),
    });
    return;
  }
  if (options.kind === "s3") {
    const backend = new S3Backend(stack, {
      bucket: options.bucket,
      key: options.key,
      region: options.region,
      dynamodbTable: options.dynamodbTable,
      encrypt: options.encrypt,
    });
    // cdktf 0.21's S3Backend predates use_lockfile (Terraform 1.10).
    if (options.useLockfile !== undefined) {
      backend.addOverride("use_lockfile", options.useLockfile);
    }
    return;
  }
  const stackDir = path.join(App.of(stack).outdir, "stacks", stack.node.id);
  const statePath = path.resolve(projectDir, options.statePath ?? `terraform.${stack.node.id}.tfstate`);
  // A state named on purpose is one to keep: pointing at a missing file would plan every resource as new.
  if (options.statePath !== undefined && !fs.existsSync(statePath)) {
    throw new ConfigError(
      `${BACKEND_ENVIRONMENT.statePath}=${options.statePath}`,
      `there is no state file at ${statePath} (relative paths are taken from the project root), so the plan would create every resource again`,
      `point it at the existing terraform.tfstate, or unset it to start a new state in terraform.${stack.node.id}.tfstate`,
    );
  }
  if (options.statePath !== undefined) {
    const problem = stateFileProblem(statePath);
    if (problem) {
      throw new ConfigError(
        `${BACKEND_ENVIRONMENT.statePath}=${options.statePath}`,
        `${statePath} ${problem}, so Terraform would refuse it as the stack's state`,
        "point it at the module's state file (`terraform state pull > current.tfstate` writes one)",
      );
    }
  }
  const relativePath = path.relative(path.resolve(projectDir, stackDir), statePath).split(path.sep).join("/");
  if (options.statePath === undefined) {
    refuseForgottenBackend(stack.node.id, projectDir, path.resolve(projectDir, stackDir), relativePath);
  }
  new LocalBackend(stack, { path: relativePath });
}
