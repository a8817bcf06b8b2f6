// npm run preview: the drop-in check's machinery for everyday changes. This
// project (its main.ts options, templates and the given tfvars) is planned,
// offline, against a copy of a real state (`terraform state pull`), and the
// plan's hazards are named in words, each with its way out: a compute
// environment replaced while a queue lists it (the apply fails), one
// destroyed in the same apply that takes it out of a queue (AWS may refuse;
// running jobs stop), a queue replaced (its jobs are lost), a job definition
// replaced (every revision deregistered).
import * as fs from "fs";
import * as path from "path";
import { canPlan } from "../standin";
import { MODULE_ADDRESSES } from "../../stacks/module-contract";
import { DropinCheck, DropinCheckError } from "./check";
import { PROJECT_DIR } from "./project";
import { PlanReport, ResourceChange, changeLines } from "./report";
import { StateFinding, StateResource, instanceAddress } from "./state-versions";

export interface PreviewOptions {
  /** The real state, as `terraform state pull` writes it. */
  readonly statePath: string;
  /** @default the project's terraform.tfvars */
  readonly tfvarsFile?: string;
  /** @default this project */
  readonly projectDir?: string;
}

export type HazardKind = "environment replaced while queued" | "environment destroyed with its queue change" | "environment destroyed while enabled" | "queue replaced" | "job definition replaced";

export interface Hazard {
  readonly kind: HazardKind;
  readonly address: string;
  /** What the apply does, in words. */
  readonly what: string;
  readonly wayOut: string;
}

export interface PreviewReport {
  readonly plan: PlanReport;
  readonly hazards: readonly Hazard[];
  readonly statePath: string;
  readonly tfvarsFile: string;
}

/** The preview cannot run (exit 2): the message names the input and the fix. */
export class PreviewError extends DropinCheckError {}

/** What the state says of the objects the hazards are about. */
interface StateFacts {
  /** Managed resource instances by address, with their attributes. */
  readonly instances: Map<string, { readonly type: string; readonly attributes: { [name: string]: unknown } }>;
}

export function preview(options: PreviewOptions): PreviewReport {
  const projectDir = options.projectDir ?? PROJECT_DIR;
  const tfvarsFile = options.tfvarsFile ?? defaultTfvars(projectDir);
  const resources = stateResources(options.statePath);
  const check = DropinCheck.forState(resources.map((resource) => resource.type));
  try {
    const { statePath, findings } = check.copyState(options.statePath);
    const stackDir = check.synthesize({ tfvarsFile, projectDir }, statePath);
    return previewPlan(check, stackDir, { statePath: options.statePath, tfvarsFile, findings });
  } finally {
    check.remove();
  }
}

/**
 * The preview of a synthesized stack folder (its backend on a copy of the
 * state): the plan, and its hazards from what the state holds.
 */
export function previewPlan(
  check: DropinCheck,
  stackDir: string,
  context: { readonly statePath: string; readonly tfvarsFile: string; readonly findings?: readonly StateFinding[] },
): PreviewReport {
  const plan = check.plan(stackDir, { stateFindings: context.findings ?? [] });
  return { plan, hazards: hazards(plan, factsOf(stateResources(context.statePath))), statePath: context.statePath, tfvarsFile: context.tfvarsFile };
}

/** The managed resources of a state file, refused (one line, the fix) unless it is a state of this stack the preview can plan. */
export function stateResources(statePath: string): StateResource[] {
  const state = readState(statePath);
  const resources: StateResource[] = state.resources.filter((resource: StateResource) => resource.mode === "managed");
  // Every state of this stack holds the module's own resources (the security group, the roles, ...).
  const known = new Set<string>(Object.values(MODULE_ADDRESSES));
  if (resources.length > 0 && !resources.some((resource) => known.has(resource.name))) {
    const some = resources.slice(0, 3).map((resource) => instanceAddress(resource, undefined));
    throw new PreviewError(
      `--state ${statePath}: none of its resources (${some.join(", ")}${resources.length > 3 ? ", ..." : ""}) is one of this stack's, so it is another stack's state. ` +
        "Pull the state of this stack's own folder or workspace (`terraform state pull > current.tfstate` there).",
    );
  }
  const unplannable = [...new Set(resources.filter((resource) => !canPlan(resource.type)).map((resource) => resource.type))];
  if (unplannable.length > 0) {
    const addresses = resources.filter((resource) => unplannable.includes(resource.type)).map((resource) => instanceAddress(resource, undefined));
    throw new PreviewError(
      `--state ${statePath}: it holds ${addresses.join(", ")}, of a type the preview cannot plan (${unplannable.join(", ")}: not one of this stack's). ` +
        "Preview the state of this stack's own folder or workspace; for resources kept beside the stack, preview a copy without them " +
        `(\`terraform state rm -state=COPY '${addresses[0]}'\`).`,
    );
  }
  return resources;
}

function defaultTfvars(projectDir: string): string {
  if (fs.existsSync(path.join(projectDir, "environments"))) {
    throw new PreviewError(
      "the project keeps one tfvars file per environment (environments/): pass the one of the state's environment, e.g. npm run preview -- --state current.tfstate environments/prod.tfvars",
    );
  }
  return path.join(projectDir, fs.existsSync(path.join(projectDir, "terraform.tfvars.json")) ? "terraform.tfvars.json" : "terraform.tfvars");
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function readState(statePath: string): any {
  let state;
  try {
    state = JSON.parse(fs.readFileSync(statePath, "utf8"));
  } catch (error) {
    throw new PreviewError(
      `--state ${statePath}: it is not JSON (${(error as Error).message.replace(/\s+/g, " ")}), so it is no Terraform state. Write it again with \`terraform state pull > current.tfstate\`.`,
    );
  }
  if (typeof state !== "object" || state === null || typeof state.version !== "number") {
    throw new PreviewError(
      `--state ${statePath}: it is JSON but not a Terraform state (no format version). Write it with \`terraform state pull > current.tfstate\`.`,
    );
  }
  if (state.version !== 4 || !Array.isArray(state.resources)) {
    throw new PreviewError(
      `--state ${statePath}: it is a state of format version ${state.version}, and Terraform 0.12 and later write version 4. ` +
        "Pull it with the Terraform that runs the stack (`terraform state pull > current.tfstate`), which upgrades it.",
    );
  }
  return state;
}

function factsOf(resources: readonly StateResource[]): StateFacts {
  const instances = new Map<string, { type: string; attributes: { [name: string]: unknown } }>();
  for (const resource of resources) {
    for (const instance of resource.instances ?? []) {
      instances.set(instanceAddress(resource, instance.index_key), { type: resource.type, attributes: instance.attributes ?? {} });
    }
  }
  return { instances };
}

/** The environment ARNs a queue's state lists (v2 blocks, or the aws 5.x list). */
function listedBy(attributes: { [name: string]: unknown }): string[] {
  const order = attributes.compute_environment_order as { compute_environment: string }[] | undefined;
  return order ? order.map((entry) => entry.compute_environment) : ((attributes.compute_environments as string[] | undefined) ?? []);
}

/** compute_environment.go isUpdatableComputeEnvironment, on the state's values. */
function updatableInState(attributes: { [name: string]: unknown }): boolean {
  const role = String(attributes.service_role ?? "");
  const strategy = String((attributes.compute_resources as { allocation_strategy?: string }[] | undefined)?.[0]?.allocation_strategy ?? "");
  return (
    (role === "" || /arn:[^:]+:iam::\d{12}:role\/aws-service-role\/batch\.amazonaws\.com\//.test(role)) &&
    ["BEST_FIT_PROGRESSIVE", "SPOT_CAPACITY_OPTIMIZED", "SPOT_PRICE_CAPACITY_OPTIMIZED"].includes(strategy.toUpperCase())
  );
}

const SWAP =
  'move the stack onto updatable environments, where such a change is an update: updatableComputeEnvironment: true with computeEnvironmentSwap: "add", ' +
  'apply; then "drain", apply, and wait until no job runs in the old environment; then remove computeEnvironmentSwap, apply (README, "Changing the compute environment")';

export function hazards(plan: PlanReport, state: StateFacts): Hazard[] {
  const queues = [...state.instances].filter(([, instance]) => instance.type === "aws_batch_job_queue");
  const changeAt = (address: string) => plan.changes.find((change) => change.address === address || change.previousAddress === address);
  const found: Hazard[] = [];
  for (const change of plan.changes) {
    const prior = state.instances.get(change.previousAddress ?? change.address);
    if (change.type === "aws_batch_compute_environment" && prior) {
      const arn = prior.attributes.arn as string;
      const listing = queues.filter(([, queue]) => listedBy(queue.attributes).includes(arn)).map(([address]) => address);
      if (change.kind === "replace" && listing.length > 0) {
        found.push({
          kind: "environment replaced while queued",
          address: change.address,
          what:
            `is replaced (forced by ${change.forcedBy.join(", ")}) while ${listing.join(", ")} lists it: Terraform deletes it first, and AWS refuses ` +
            '("Cannot delete, found existing JobQueue relationship") after the provider has disabled it. The apply fails, and the queue is left with a disabled environment.',
          wayOut: updatableInState(prior.attributes)
            ? `the provider replaces even an updatable environment for this change (${change.forcedBy.join(", ")} is ForceNew in the provider's schema): keep the current value, or make the change on a new deployment (another environment or batch_name).`
            : `keep the current value, or ${SWAP}.`,
        });
      }
      const updated = listing.filter((address) => changeAt(address)?.kind === "update");
      if (change.kind === "delete" && updated.length > 0) {
        found.push({
          kind: "environment destroyed with its queue change",
          address: change.address,
          what:
            `is destroyed in the same apply that takes it out of ${updated.join(", ")}: AWS Batch may still see the queue relationship and refuse the delete ` +
            "(eventual consistency, provider issue #46925), and jobs running in it are stopped.",
          wayOut:
            'take it out of the queues, disabled, in an apply of its own (computeEnvironmentSwap: "drain" for the module\'s environments), wait until no job runs in it, then destroy it.',
        });
      } else if (change.kind === "delete" && listing.length === 0 && prior.attributes.state === "ENABLED") {
        found.push({
          kind: "environment destroyed while enabled",
          address: change.address,
          what: "is destroyed while ENABLED: jobs still running in it are stopped.",
          wayOut: 'disable it first (computeEnvironmentSwap: "drain" for the module\'s environments), apply, wait until no job runs in it, then destroy it.',
        });
      }
    }
    if (change.type === "aws_batch_job_queue" && change.kind === "replace") {
      found.push({
        kind: "queue replaced",
        address: change.address,
        what: `is replaced (forced by ${change.forcedBy.join(", ")}): the jobs waiting in it are lost with it, and submissions to it fail until the new one is VALID.`,
        wayOut: "keep its name (environment, application and batch_name build it), or let the queue empty first: disable it (state DISABLED), apply, wait for its jobs.",
      });
    }
    if (change.type === "aws_batch_job_definition" && change.kind === "replace") {
      found.push({
        kind: "job definition replaced",
        address: change.address,
        what:
          `is replaced (forced by ${change.forcedBy.join(", ")}): the provider deregisters every active revision of it (job_definition.go resourceJobDefinitionDelete), ` +
          "so anything submitting by a revision's ARN fails until it uses the new one.",
        wayOut: "keep its name and its retry_strategy.evaluate_on_exit rules as they are (any other change is a new revision, which keeps the old ones until deregistered).",
      });
    }
  }
  return found;
}

/** The preview as a person reads it. */
export function formatPreview(report: PreviewReport): string {
  const lines = [`Preview of this project against ${report.statePath} (variables from ${report.tfvarsFile}), offline, as hashicorp/aws 6.25.0 plans it:`];
  lines.push(`Terraform: ${report.plan.summaryLine}`);
  lines.push(...changeLines(report.plan));
  for (const moved of report.plan.moved) {
    lines.push(`  moved        ${moved.previousAddress} -> ${moved.address}`);
  }
  for (const finding of report.plan.stateFindings) {
    lines.push(`  state        ${finding.message}`);
  }
  for (const failed of report.plan.failedChecks) {
    lines.push(`  warning      ${failed}`);
  }
  if (report.hazards.length > 0) {
    lines.push("Hazards:");
    report.hazards.forEach((hazard, index) => {
      lines.push(`  ${index + 1}. ${hazard.address} ${hazard.what}`);
      lines.push(`     Way out: ${hazard.wayOut}`);
    });
  }
  lines.push(verdict(report));
  return lines.join("\n");
}

function verdict(report: PreviewReport): string {
  const count = (kind: ResourceChange["kind"]) => report.plan.changes.filter((change) => change.kind === kind).length;
  const counts =
    `${count("create")} to add, ${count("update") + count("new revision")} to update` +
    `${count("new revision") > 0 ? ` (${count("new revision")} a new job definition revision)` : ""}, ${count("replace")} to replace, ${count("delete")} to destroy`;
  return report.hazards.length > 0
    ? `Preview: ${report.hazards.length} hazard${report.hazards.length > 1 ? "s" : ""} (above): ${counts}.`
    : `Preview: no hazard: ${counts}.`;
}

/** 0: no hazard; 1: a hazard (2, could not run, is the caller's). */
export function previewExitStatus(report: PreviewReport): 0 | 1 {
  return report.hazards.length > 0 ? 1 : 0;
}
