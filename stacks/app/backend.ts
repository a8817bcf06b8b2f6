import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "./errors";
import { App, CloudBackend, LocalBackend, NamedCloudWorkspace, TaggedCloudWorkspaces, TerraformStack } from "cdktf";

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
    };

/**
 * Environment variables read at synth time. The Terraform Cloud ones are
 * Terraform's own names, so one CI environment drives both tools.
 */
export const BACKEND_ENVIRONMENT = {
  organization: "TF_CLOUD_ORGANIZATION",
  hostname: "TF_CLOUD_HOSTNAME",
  workspace: "TF_WORKSPACE",
  workspaceTags: "BATCH_WORKSPACE_TAGS",
  workspacePrefix: "BATCH_WORKSPACE_PREFIX",
  statePath: "BATCH_STATE_PATH",
} as const;

/**
 * The backend the environment asks for. With `environment` (one stack per
 * environment), the workspace is `<BATCH_WORKSPACE_PREFIX><environment>`
 * (prefix default "batch-") and the local state file is per stack.
 */
export function backendFromEnvironment(env: NodeJS.ProcessEnv, environment?: string): BackendOptions {
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };
  const organization = value(BACKEND_ENVIRONMENT.organization);
  const rawTags = env[BACKEND_ENVIRONMENT.workspaceTags];
  const tags = rawTags
    ?.split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
  if (rawTags !== undefined && tags?.length === 0) {
    throw new ConfigError(
      `${BACKEND_ENVIRONMENT.workspaceTags}=${JSON.stringify(rawTags)}`,
      "it holds no workspace tag",
      `give comma-separated tags (e.g. ${BACKEND_ENVIRONMENT.workspaceTags}=batch,eu), or unset it to name one workspace with ${BACKEND_ENVIRONMENT.workspace}`,
    );
  }
  if (!organization) {
    // Without an organization the stack would silently get a local backend: a Terraform Cloud setting is a mistake then.
    for (const name of [BACKEND_ENVIRONMENT.workspace, BACKEND_ENVIRONMENT.workspaceTags, BACKEND_ENVIRONMENT.hostname]) {
      if (value(name)) {
        throw new ConfigError(
          `${name}=${value(name)}`,
          `it is set but ${BACKEND_ENVIRONMENT.organization} is not, so the stack would get local state instead of Terraform Cloud`,
          `set ${BACKEND_ENVIRONMENT.organization} to your Terraform Cloud organization, or unset ${name} for local state`,
        );
      }
    }
    return { kind: "local", statePath: value(BACKEND_ENVIRONMENT.statePath) };
  }
  const hostname = value(BACKEND_ENVIRONMENT.hostname);
  if (tags && tags.length > 0) {
    return { kind: "cloud", organization, hostname, workspaceTags: environment ? [...tags, environment] : tags };
  }
  if (environment) {
    const prefix = env[BACKEND_ENVIRONMENT.workspacePrefix] ?? DEFAULT_WORKSPACE_PREFIX;
    return { kind: "cloud", organization, hostname, workspaceName: `${prefix}${environment}` };
  }
  const workspace = value(BACKEND_ENVIRONMENT.workspace);
  if (!workspace) {
    throw new ConfigError(
      `${BACKEND_ENVIRONMENT.organization}=${organization}`,
      "it is set but no workspace is",
      `set ${BACKEND_ENVIRONMENT.workspace} to a workspace name (e.g. batch-prod) or ${BACKEND_ENVIRONMENT.workspaceTags} to comma-separated workspace tags`,
    );
  }
  return { kind: "cloud", organization, hostname, workspaceName: workspace };
}

/** Per-environment workspaces are `<prefix><environment>`. */
export const DEFAULT_WORKSPACE_PREFIX = "batch-";

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
  new LocalBackend(stack, { path: path.relative(path.resolve(projectDir, stackDir), statePath).split(path.sep).join("/") });
}

/** Why a file is not a Terraform state (JSON with a format `version` and `resources`), or undefined. */
function stateFileProblem(file: string): string | undefined {
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
