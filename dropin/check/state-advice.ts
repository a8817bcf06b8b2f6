// The line check:dropin prints from the module's backend or cloud block: the
// variables that point this project's stack at the same state
// (stacks/app/backend.ts reads them).
import { BACKEND_ENVIRONMENT as ENV } from "../../stacks/app/backend-environment";
import { ModuleBackend } from "./module-read";

/** The S3 backend's arguments, and the variable this project's synth reads each from (stacks/app/backend-environment.ts). */
const S3_VARIABLES: readonly [string, string][] = [
  ["bucket", ENV.bucket],
  ["key", ENV.key],
  ["region", ENV.region],
  ["use_lockfile", ENV.useLockfile],
  ["dynamodb_table", ENV.dynamodbTable],
  ["encrypt", ENV.encrypt],
];

/** What to set so that the stack keeps the state the module's backend block keeps. */
export function stateAdvice(backend: ModuleBackend | undefined): string {
  const at = backend ? ` (${backend.file}:${backend.line})` : "";
  const settings = backend?.settings ?? {};
  const assignments = (pairs: readonly [string, string][], required: readonly string[]): string => {
    const set = pairs.filter(([name]) => settings[name] !== undefined).map(([name, variable]) => `${variable}=${settings[name]}`);
    const unset = pairs.filter(([name]) => required.includes(name) && settings[name] === undefined).map(([name, variable]) => `${variable}=<its ${name}>`);
    const partial = unset.length > 0 ? ` (${unset.map((entry) => entry.split("=")[0]).join(", ")}: not in the block, so given at init with -backend-config; set the same value)` : "";
    return `${[...set, ...unset].join(" ")} npm run synth${partial}`;
  };
  if (!backend || backend.type === "local") {
    const file = settings.path ?? "terraform.tfstate";
    return (
      `State: your module keeps it in a local file (${file} in the module folder${at}): synthesize with ${ENV.statePath}=<that file, ` +
      "relative to this project's root> npm run synth, and the stack plans on that same state."
    );
  }
  if (backend.type === "s3") {
    return `State: your module keeps it in S3${at}: synthesize with ${assignments(S3_VARIABLES, ["bucket", "key", "region"])}, and the stack plans on that same state.`;
  }
  if (backend.type === "cloud" || backend.type === "remote") {
    const workspace = settings["workspaces.name"]
      ? `${ENV.workspace}=${settings["workspaces.name"]}`
      : settings["workspaces.tags"]
        ? `${ENV.workspaceTags}=<its tags, comma-separated>`
        : `${ENV.workspace}=<the workspace's full name>`;
    const host = settings.hostname && settings.hostname !== "app.terraform.io" ? ` ${ENV.hostname}=${settings.hostname}` : "";
    return (
      `State: your module keeps it in Terraform Cloud${at}: synthesize with ${ENV.organization}=${settings.organization ?? "<its organization>"}${host} ` +
      `${workspace} npm run synth, and the stack plans on that same workspace.`
    );
  }
  return (
    `State: your module keeps it in a "${backend.type}" backend${at}, which this project does not emit (local, S3, Terraform Cloud): ` +
    `pull it (\`terraform state pull > current.tfstate\` in the module), synthesize with ${ENV.statePath}=current.tfstate, then move it ` +
    "where you want it (README, \"Moving the state into a Terraform Cloud workspace\")."
  );
}
