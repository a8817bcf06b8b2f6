// The backend the environment asks for at synth time, with Terraform's own
// variable names for Terraform Cloud and the S3 backend's argument names; a
// setting that cannot take effect as written is refused in one line.
import { ConfigError } from "./errors";
import type { BackendOptions, S3BackendOptions } from "./backend";

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
  // Empty is unset, as for every variable here (GitHub gives "" for an unset repository variable).
  const rawTags = value(BACKEND_ENVIRONMENT.workspaceTags);
  const tags = rawTags
    ?.split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
  if (rawTags !== undefined && tags?.length === 0) {
    throw new ConfigError(
      `${BACKEND_ENVIRONMENT.workspaceTags}=${JSON.stringify(env[BACKEND_ENVIRONMENT.workspaceTags])}`,
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
  if (!organization) {
    // Without an organization a Terraform Cloud setting is a mistake: with S3, TF_WORKSPACE would even pick
    // another state (Terraform keeps a CLI workspace's S3 state under env:/<workspace>/<key>).
    for (const name of [BACKEND_ENVIRONMENT.workspace, BACKEND_ENVIRONMENT.workspaceTags, BACKEND_ENVIRONMENT.hostname]) {
      if (value(name)) {
        throw new ConfigError(
          `${name}=${value(name)}`,
          s3Settings.length > 0
            ? `it is set but ${BACKEND_ENVIRONMENT.organization} is not: with the S3 backend${name === BACKEND_ENVIRONMENT.workspace ? `, Terraform would read it as a CLI workspace and plan on another, empty state (env:/${value(name)}/<key>)` : " it has no effect"}`
            : `it is set but ${BACKEND_ENVIRONMENT.organization} is not, so the stack would get local state instead of Terraform Cloud`,
          s3Settings.length > 0
            ? `unset ${name} (it names a Terraform Cloud workspace only with ${BACKEND_ENVIRONMENT.organization})`
            : `set ${BACKEND_ENVIRONMENT.organization} to your Terraform Cloud organization, or unset ${name} for local state`,
        );
      }
    }
    return s3Settings.length > 0 ? s3FromEnvironment(value, environment) : { kind: "local", statePath };
  }
  const hostname = value(BACKEND_ENVIRONMENT.hostname);
  if (tags && tags.length > 0) {
    return { kind: "cloud", organization, hostname, workspaceTags: environment ? [...tags, environment] : tags };
  }
  if (environment) {
    if (value(BACKEND_ENVIRONMENT.workspace)) {
      throw new ConfigError(
        `${BACKEND_ENVIRONMENT.workspace}=${value(BACKEND_ENVIRONMENT.workspace)}`,
        `with environments/ each stack has its own workspace, ${BACKEND_ENVIRONMENT.workspacePrefix} followed by the environment, so this one would not be used`,
        `unset ${BACKEND_ENVIRONMENT.workspace}; name the workspaces with ${BACKEND_ENVIRONMENT.workspacePrefix} (default "${DEFAULT_WORKSPACE_PREFIX}")`,
      );
    }
    const prefix = value(BACKEND_ENVIRONMENT.workspacePrefix) ?? DEFAULT_WORKSPACE_PREFIX;
    if (!/^[A-Za-z0-9_-]+$/.test(prefix)) {
      throw new ConfigError(
        `${BACKEND_ENVIRONMENT.workspacePrefix}=${JSON.stringify(prefix)}`,
        "a Terraform Cloud workspace name holds letters, digits, - and _ only",
        `use such a prefix (e.g. ${BACKEND_ENVIRONMENT.workspacePrefix}=payments-), or unset it for "${DEFAULT_WORKSPACE_PREFIX}"`,
      );
    }
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
  // What Terraform's S3 backend refuses at init, refused here with the variable's name.
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket!)) {
    throw new ConfigError(`${BACKEND_ENVIRONMENT.bucket}=${bucket}`, "it is not an S3 bucket name", "give the bucket's name only, as the module's backend block has it (no s3:// and no key)");
  }
  if (key!.startsWith("/") || key!.endsWith("/") || key!.includes("//")) {
    throw new ConfigError(
      `${BACKEND_ENVIRONMENT.key}=${key}`,
      'Terraform\'s S3 backend refuses a key that starts or ends with "/" or holds "//"',
      "give the key as the module's backend block has it (e.g. batch/terraform.tfstate)",
    );
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

