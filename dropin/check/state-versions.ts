// What a team's state file says before any plan: each resource instance
// records the schema version of the provider that last wrote it, and that
// decides whether hashicorp/aws 6.x can upgrade it (the upgraders are rows of
// the stand-in's facts: dropin/standin/facts/batch.ts).
import { PROVIDER_VERSION, canPlan, schemaVersionOf } from "../standin";

export interface StateFinding {
  /** The instance's address in the state (`module.batch-example.aws_batch_job_queue.job_queue`). */
  readonly address: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** The real provider's plan would fail on it: the check stops and says what to do. */
  readonly blocksPlan: boolean;
  readonly message: string;
}

/** What the upgrade does, for the instances it applies to (types and versions the Batch facts upgrade). */
const UPGRADE_NOTES: { readonly [type: string]: { readonly [version: number]: string } } = {
  aws_batch_compute_environment: { 0: "compute_environment_name becomes name (upgraded in place)" },
  aws_batch_job_queue: { 1: "compute_environments becomes compute_environment_order, order = list position (upgraded in place)" },
};

/** A resource of a state file, as far as the drop-in tools read it. */
export interface StateResource {
  readonly module?: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly instances?: readonly { readonly schema_version?: number; readonly index_key?: string | number; readonly attributes?: { [name: string]: unknown } }[];
}

interface StateFile {
  readonly version?: number;
  readonly resources?: readonly StateResource[];
}

/** Parses a state file's text and reads every managed instance's schema version. */
export function readStateFindings(text: string, file: string): StateFinding[] {
  let state: StateFile;
  try {
    state = JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0];
    throw new StateFileError(`${file} is not a Terraform state file (not JSON: ${reason}); pass the output of \`terraform state pull\`.`);
  }
  if (state.version !== 4 || !Array.isArray(state.resources)) {
    throw new StateFileError(`${file} is not a Terraform state file of format version 4 (Terraform 0.12 or later); pass the output of \`terraform state pull\`.`);
  }
  const findings: StateFinding[] = [];
  for (const resource of state.resources) {
    if (resource.mode !== "managed" || !resource.type.startsWith("aws_")) {
      continue;
    }
    for (const instance of resource.instances ?? []) {
      const finding = findingFor(instanceAddress(resource, instance.index_key), resource.type, instance.schema_version ?? 0);
      if (finding) {
        findings.push(finding);
      }
    }
  }
  return findings;
}

function findingFor(address: string, type: string, schemaVersion: number): StateFinding | undefined {
  const base = { address, type, schemaVersion };
  if (!canPlan(type)) {
    // Taken out of the state copy and listed as only in the module (check.ts): this project declares no such resource.
    return undefined;
  }
  if (schemaVersion > schemaVersionOf(type)) {
    return {
      ...base,
      blocksPlan: true,
      message: `${address} was written by a provider newer than hashicorp/aws ${PROVIDER_VERSION} (schema version ${schemaVersion} > ${schemaVersionOf(type)}); Terraform refuses to plan it with ${PROVIDER_VERSION}.`,
    };
  }
  if (type === "aws_batch_job_queue" && schemaVersion === 0) {
    return {
      ...base,
      blocksPlan: true,
      message:
        `${address} was last written by hashicorp/aws older than 5.14 (job queue schema version 0). hashicorp/aws 6.x cannot upgrade it: ` +
        `the plan fails with "Value Conversion Error ... Struct defines fields not found in object: compute_environments" (provider issues #48004, #49360). ` +
        `Two ways out, before moving to 6.x: (1) with the module as it is, pin an aws 5.x provider of 5.14 or later (e.g. version = "~> 5.14") and run ` +
        `\`terraform apply -refresh-only\` once, which rewrites the queue's state at schema version 1; or (2) \`terraform state rm '${address}'\`, then, ` +
        `in the synthesized stack folder, \`terraform import ${rootAddress(address)} <the queue's ARN>\`.`,
    };
  }
  const note = UPGRADE_NOTES[type]?.[schemaVersion];
  if (schemaVersion < schemaVersionOf(type) && note) {
    return { ...base, blocksPlan: false, message: `${address} (schema version ${schemaVersion}): ${note}` };
  }
  return undefined;
}

/** Where this project keeps a module's resource: at the root (the `moved` blocks' target). */
function rootAddress(address: string): string {
  return address.replace(/^(module\.[^.]+(\[[^\]]*\])?\.)+/, "");
}

/** An instance's address as Terraform prints it: `module.batch-example.aws_batch_job_queue.job_queue`, `aws_x.y["k"]`. */
export function instanceAddress(resource: { module?: string; type: string; name: string }, indexKey: string | number | undefined): string {
  const key = indexKey === undefined ? "" : typeof indexKey === "number" ? `[${indexKey}]` : `["${indexKey}"]`;
  return `${resource.module ? `${resource.module}.` : ""}${resource.type}.${resource.name}${key}`;
}

/** The file given as state is not one. */
export class StateFileError extends Error {}
