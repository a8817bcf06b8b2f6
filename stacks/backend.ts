import * as path from "path";
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
  if (!organization) {
    return { kind: "local", statePath: value(BACKEND_ENVIRONMENT.statePath) };
  }
  const tags = value(BACKEND_ENVIRONMENT.workspaceTags)
    ?.split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
  const hostname = value(BACKEND_ENVIRONMENT.hostname);
  if (tags && tags.length > 0) {
    return { kind: "cloud", organization, hostname, workspaceTags: environment ? [...tags, environment] : tags };
  }
  if (environment) {
    const prefix = env[BACKEND_ENVIRONMENT.workspacePrefix] ?? "batch-";
    return { kind: "cloud", organization, hostname, workspaceName: `${prefix}${environment}` };
  }
  const workspace = value(BACKEND_ENVIRONMENT.workspace);
  if (!workspace) {
    throw new Error(
      `${BACKEND_ENVIRONMENT.organization}=${organization} is set but no workspace is: ` +
        `set ${BACKEND_ENVIRONMENT.workspace} to a workspace name (e.g. batch-prod) ` +
        `or ${BACKEND_ENVIRONMENT.workspaceTags} to comma-separated workspace tags.`,
    );
  }
  return { kind: "cloud", organization, hostname, workspaceName: workspace };
}

/**
 * Sets the stack's backend. A local state path is written relative to the
 * stack folder, never absolute (cdktf's default), so the output holds no path
 * of the build machine.
 */
export function applyBackend(stack: TerraformStack, projectDir: string, options: BackendOptions): void {
  if (options.kind === "cloud") {
    if (!!options.workspaceName === !!options.workspaceTags?.length) {
      throw new Error(
        `Stack '${stack.node.id}': a cloud backend needs exactly one of workspaceName and workspaceTags ` +
          `(got ${options.workspaceName ? `workspaceName "${options.workspaceName}"` : "neither"}` +
          `${options.workspaceTags?.length ? ` and workspaceTags ${JSON.stringify(options.workspaceTags)}` : ""}).`,
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
  new LocalBackend(stack, { path: path.relative(path.resolve(projectDir, stackDir), statePath).split(path.sep).join("/") });
}
