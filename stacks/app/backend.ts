import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "./errors";
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
  // The S3 ones are named after the backend's arguments; the region falls
  // back to AWS_REGION and AWS_DEFAULT_REGION, as AWS's own tools do.
  bucket: "BATCH_STATE_BUCKET",
  key: "BATCH_STATE_KEY",
  region: "BATCH_STATE_REGION",
  useLockfile: "BATCH_STATE_USE_LOCKFILE",
  dynamodbTable: "BATCH_STATE_DYNAMODB_TABLE",
  encrypt: "BATCH_STATE_ENCRYPT",
} as const;

const S3_ENVIRONMENT = (["bucket", "key", "region", "useLockfile", "dynamodbTable", "encrypt"] as const).map((name) => BACKEND_ENVIRONMENT[name]);

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
  const s3Settings = S3_ENVIRONMENT.filter((name) => value(name));
  const statePath = value(BACKEND_ENVIRONMENT.statePath);
  // Two backends asked for at once: the stack can keep its state in one place only.
  const asked = [
    organization ? `${BACKEND_ENVIRONMENT.organization}=${organization} (Terraform Cloud)` : undefined,
    s3Settings.length > 0 ? `${s3Settings[0]}=${value(s3Settings[0])} (S3)` : undefined,
    statePath ? `${BACKEND_ENVIRONMENT.statePath}=${statePath} (a local state file)` : undefined,
  ].filter((entry): entry is string => entry !== undefined);
  if (asked.length > 1) {
    throw new ConfigError(
      asked.join(" and "),
      "they ask for two backends, and the stack keeps its state in one",
      "unset the variables of the backend you are not using (to move the state from one to the other, see the README, \"Moving the state into a Terraform Cloud workspace\")",
    );
  }
  if (s3Settings.length > 0) {
    return s3FromEnvironment(value, environment);
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
    return { kind: "local", statePath };
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

/** The S3 backend of the BATCH_STATE_* variables; with `environment`, the key is `<environment>/<key>`. */
function s3FromEnvironment(value: (name: string) => string | undefined, environment: string | undefined): S3BackendOptions {
  const bucket = value(BACKEND_ENVIRONMENT.bucket);
  const key = value(BACKEND_ENVIRONMENT.key);
  const region = value(BACKEND_ENVIRONMENT.region) ?? value("AWS_REGION") ?? value("AWS_DEFAULT_REGION");
  const missing = [
    bucket ? undefined : `${BACKEND_ENVIRONMENT.bucket} (the state's bucket)`,
    key ? undefined : `${BACKEND_ENVIRONMENT.key} (the state object's key, as in the module's backend block)`,
    region ? undefined : `${BACKEND_ENVIRONMENT.region} (or AWS_REGION: the bucket's region)`,
  ].filter((entry): entry is string => entry !== undefined);
  if (missing.length > 0) {
    const given = S3_ENVIRONMENT.filter((name) => value(name)).map((name) => `${name}=${value(name)}`);
    throw new ConfigError(given.join(" "), `an S3 backend needs a bucket, a key and a region, and ${missing.join(", ")} is not set`, `set ${missing.map((entry) => entry.split(" ")[0]).join(" and ")}`);
  }
  const flag = (name: string): boolean | undefined => {
    const raw = value(name);
    if (raw === undefined) {
      return undefined;
    }
    if (raw !== "true" && raw !== "false") {
      throw new ConfigError(`${name}=${raw}`, "it is neither true nor false", `set ${name}=true or ${name}=false, or unset it`);
    }
    return raw === "true";
  };
  return {
    kind: "s3",
    bucket: bucket!,
    key: environment ? `${environment}/${key}` : key!,
    region: region!,
    useLockfile: flag(BACKEND_ENVIRONMENT.useLockfile),
    dynamodbTable: value(BACKEND_ENVIRONMENT.dynamodbTable),
    encrypt: flag(BACKEND_ENVIRONMENT.encrypt),
  };
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
