// The check's report: what the real plan does to each resource instance (in
// the words a reviewer reads in Terraform Cloud), what the team's module has
// that this project does not, and the report as a person reads it.
import { canonical } from "../standin";
import { Difference, SAME_JSON, UNKNOWN_AFTER_APPLY, differences, formatDifference } from "./json-diff";
import { DeclaredResource, ModuleCall } from "./module-read";
import { Rewrite } from "./module-rewrite";
import { StateFinding } from "./state-versions";

/** What the real plan does to a resource instance, in the words a reviewer reads in Terraform Cloud. */
export type ChangeKind = "create" | "update" | "replace" | "new revision" | "delete" | "no-op";

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  /** Set when a `moved` block brought the resource from another address. */
  readonly previousAddress?: string;
  /** Terraform's actions: ["no-op"], ["create"], ["update"], ["delete"], ["delete", "create"], ... */
  readonly actions: readonly string[];
  readonly kind: ChangeKind;
  /** Top-level arguments whose planned value differs from the state. */
  readonly changedAttributes: readonly string[];
  /** For a replacement: the attributes that force it (`compute_resources[0].instance_type`). */
  readonly forcedBy: readonly string[];
  /** Every difference at its attribute path, inside JSON documents too. */
  readonly differences: readonly Difference[];
}

export interface PlanReport {
  /** Terraform's own summary line ("Plan: …" or "No changes. …"). */
  readonly summaryLine: string;
  /** Every resource instance that would be created, updated, replaced or destroyed. */
  readonly changes: readonly ResourceChange[];
  /** Resource instances only moved (no-op at a new address). */
  readonly moved: readonly ResourceChange[];
  readonly unchanged: number;
  /** Outputs the stack adds or changes (not resource changes). */
  readonly outputChanges: readonly string[];
  /** `check` blocks and validations that failed (warnings: they do not stop the plan), with their messages. */
  readonly failedChecks: readonly string[];
  /** The module rewrites made to the temporary copy (aws 3.x-5.x names to v6). */
  readonly rewrites: readonly Rewrite[];
  /** What the state's schema versions mean for the plan (`--state` only). */
  readonly stateFindings: readonly StateFinding[];
  /**
   * Templates of this project's job-definitions/ the module does not have:
   * the check plans the module's templates only, but a synth of the project
   * as it stands would add a job definition for each.
   */
  readonly extraTemplates: readonly string[];
  /**
   * Resources of the team's module this project does not declare: the plan
   * destroys them. Those of a type the stand-in cannot plan were taken out of
   * the check's copy (or state) and are listed with `noFacts`.
   */
  readonly onlyInModule: readonly OnlyInModule[];
  /** The team's module block is not the one the `moved` blocks name. */
  readonly moduleBlock?: ModuleBlockFinding;
  /** How to point the stack at the state the module's backend keeps (the module's files read). */
  readonly stateAdvice?: string;
  readonly planText: string;
}

export interface OnlyInModule {
  readonly address: string;
  readonly type: string;
  /** Where the module declares it ("/"-separated, relative to the module root). @default - only in the state */
  readonly file?: string;
  readonly line?: number;
  /** The stand-in has no planning facts for its type: the check took it out instead of planning it. */
  readonly noFacts: boolean;
}

export interface ModuleBlockFinding {
  /** The module address the team's state keeps the job queue at (`module.batch`). */
  readonly found: string;
  /** The one the synthesized `moved` blocks name. */
  readonly expected: string;
  /** The module block, when the module's files were read. @default - read from the state */
  readonly call?: ModuleCall;
}

/** What the check knows beside the plan: the module's rewrites and declarations, the state's findings, the templates. */
export interface PlanContext {
  readonly rewrites?: readonly Rewrite[];
  readonly stateFindings?: readonly StateFinding[];
  readonly extraTemplates?: readonly string[];
  /** The module's own resources at their state addresses (none with --state: the state says). */
  readonly declared?: readonly DeclaredResource[];
  readonly calls?: readonly ModuleCall[];
  /** Taken out before planning: no planning facts. */
  readonly removed?: readonly OnlyInModule[];
}

/** The queue's address in the module, with the module path before it. */
const QUEUE_IN_MODULE = /^(module\..+)\.aws_batch_job_queue\.job_queue$/;

/**
 * What the plan's deletes say of the team's module: a module block of
 * another name than the `moved` blocks expect (its queue and job definition
 * would be destroyed and created), and resources this project does not
 * declare (the plan destroys them).
 */
export function moduleFindings(
  changes: readonly ResourceChange[],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  configuration: any,
  context: PlanContext,
): Pick<PlanReport, "onlyInModule" | "moduleBlock"> {
  const declaredHere = new Set(
    Object.entries(configuration.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName as object).map((name) => `${type}.${name}`)),
  );
  const expected = (configuration.moved ?? [])
    .map((move: { from: string }) => QUEUE_IN_MODULE.exec(move.from)?.[1])
    .find((address: string | undefined) => address !== undefined);
  const deletes = changes.filter((change) => change.kind === "delete");
  const found = deletes.map((change) => QUEUE_IN_MODULE.exec(change.address)?.[1]).find((address) => address !== undefined && address !== expected);
  const moduleBlock: ModuleBlockFinding | undefined =
    found && expected
      ? { found, expected, call: context.calls?.find((call) => `module.${call.name}` === found.replace(/\[[^\]]*\]$/, "")) }
      : undefined;
  const movedAway = (address: string) =>
    moduleBlock !== undefined &&
    [`${moduleBlock.found}.aws_batch_job_queue.job_queue`, `${moduleBlock.found}.aws_batch_job_definition.job-definition`].includes(address);
  const onlyInModule = deletes
    .filter((change) => !declaredHere.has(change.address) && !movedAway(change.address))
    .map((change) => {
      const declared = context.declared?.find((resource) => resource.address === change.address.replace(/\[[^\]]*\]$/, ""));
      return { address: change.address, type: change.type, file: declared?.file, line: declared?.line, noFacts: false };
    });
  return { onlyInModule: [...onlyInModule, ...(context.removed ?? [])], moduleBlock };
}


/** The report as a person reads it. */
export function formatReport(plan: PlanReport): string {
  const lines = [`Terraform: ${plan.summaryLine}`];
  if (plan.changes.length > 0) {
    lines.push(`  (differences read: ${plan.stateFindings.length > 0 ? "your state" : "your module"} -> this project)`);
  }
  for (const rewrite of plan.rewrites) {
    lines.push(`  ${"rewrote".padEnd(LABEL_WIDTH)} ${rewrite.file}:${rewrite.line}: ${rewrite.before}  ->  ${rewrite.after}`);
  }
  for (const finding of plan.stateFindings) {
    lines.push(`  ${"state".padEnd(LABEL_WIDTH)} ${finding.message}`);
  }
  for (const moved of plan.moved) {
    lines.push(`  ${"moved".padEnd(LABEL_WIDTH)} ${moved.previousAddress} -> ${moved.address}`);
  }
  lines.push(...changeLines(plan));
  if (plan.outputChanges.length > 0) {
    lines.push(`  outputs the stack adds or changes: ${plan.outputChanges.join(", ")}`);
  }
  for (const template of plan.extraTemplates) {
    lines.push(
      `  ${"extra".padEnd(LABEL_WIDTH)} job-definitions/${template} is in this project but not in your module: synthesized as the ` +
        `project stands, it adds a job definition. Remove it (migration step 1), or keep it on purpose.`,
    );
  }
  for (const failed of plan.failedChecks) {
    lines.push(`  ${"warning".padEnd(LABEL_WIDTH)} ${failed}`);
  }
  if (plan.moduleBlock) {
    const { found, expected, call } = plan.moduleBlock;
    lines.push(
      `Your module block: ${call ? `module "${call.name}" (${call.file}:${call.line})` : found} holds the job queue and job definition, ` +
        `and this project's moved blocks expect ${expected}, so the plan destroys and creates them. ` +
        `Set moduleAddress: ${JSON.stringify(found)} in the options of main.ts (BatchStackOptions), and they move instead.`,
    );
  }
  if (plan.onlyInModule.length > 0) {
    lines.push("Only in your module (this project does not declare them, so the plan destroys them):");
    for (const resource of plan.onlyInModule) {
      const where = resource.file ? ` (${resource.file}:${resource.line})` : "";
      const why = resource.noFacts
        ? `: the stand-in provider has no planning facts for ${resource.type}, so the check took it out of its copy`
        : "";
      lines.push(`  ${resource.address}${where}${why}`);
    }
    lines.push(
      "  Ways out, for each: keep it in a configuration and state of its own (`terraform state rm '<address>'` on the migrated state, " +
        "then `terraform import` it there); or `terraform state rm '<address>'` and leave it in AWS unmanaged; or declare it beside the " +
        "stack in main.ts at the same address, so the plan keeps it.",
    );
  }
  if (plan.stateAdvice) {
    lines.push(plan.stateAdvice);
  }
  lines.push(verdict(plan));
  return lines.join("\n");
}

/** The unchanged count, then each change, what forces it, and its differences at their paths. */
export function changeLines(plan: PlanReport): string[] {
  const lines = [`  ${"unchanged".padEnd(LABEL_WIDTH)} ${plan.unchanged} resource instance(s)`];
  for (const change of plan.changes) {
    const forced = change.forcedBy.length > 0 ? ` (forced by ${change.forcedBy.join(", ")})` : "";
    const moved = change.previousAddress ? ` (moved from ${change.previousAddress})` : "";
    lines.push(`  ${change.kind.padEnd(LABEL_WIDTH)} ${change.address}${moved}${forced}`);
    for (const difference of shownDifferences(change)) {
      lines.push(`${" ".repeat(LABEL_WIDTH + 5)}${formatDifference(difference)}`);
    }
  }
  return lines;
}

/** The command's exit status for a report: 0 drop-in, 1 something would change (2, could not run, is the caller's). */
export function exitStatus(plan: PlanReport): 0 | 1 {
  return plan.changes.length === 0 && plan.onlyInModule.length === 0 && plan.extraTemplates.length === 0 ? 0 : 1;
}

/** The last line: drop-in, or what the plan adds, updates, replaces and destroys. */
function verdict(plan: PlanReport): string {
  const count = (kind: ChangeKind) => plan.changes.filter((change) => change.kind === kind).length;
  const destroys = count("delete") + plan.onlyInModule.filter((resource) => resource.noFacts).length;
  if (plan.changes.length > 0 || destroys > 0) {
    const revisions = count("new revision");
    const updates = count("update") + revisions;
    return (
      `Drop-in: NOT a drop-in: ${count("create")} to add, ${updates} to update${revisions > 0 ? ` (${revisions} a new job definition revision)` : ""}, ` +
      `${count("replace")} to replace, ${destroys} to destroy.`
    );
  }
  return plan.extraTemplates.length > 0
    ? "Drop-in: with your module's templates only, no resource would change; remove the extra template(s) above first."
    : "Drop-in: no resource to add, change, replace or destroy.";
}


/** Wide enough for "new revision". */
const LABEL_WIDTH = 12;

/**
 * The differences a reviewer needs: none for a create or a delete (the whole
 * object is new or gone), only configured values for a replacement (a new
 * object recomputes every computed attribute), and never JSON that differs
 * only in its spelling (the provider compares such documents as equal).
 */
function shownDifferences(change: ResourceChange): readonly Difference[] {
  if (change.kind === "create" || change.kind === "delete") {
    return [];
  }
  return change.differences.filter(
    (difference) => difference.after !== SAME_JSON && !(change.kind === "replace" && difference.after === UNKNOWN_AFTER_APPLY),
  );
}


/** The parts of `terraform show -json <plan>` the report reads. */
export interface ShownPlan {
  readonly resource_changes?: readonly {
    readonly address: string;
    readonly type: string;
    readonly previous_address?: string;
    readonly mode: string;
    readonly change: ShownChange;
  }[];
  readonly output_changes?: { readonly [name: string]: { readonly actions: readonly string[] } };
  readonly checks?: readonly {
    readonly status: string;
    readonly address: { readonly to_display: string };
    readonly instances?: readonly { readonly problems?: readonly { readonly message: string }[] }[];
  }[];
}

interface ShownChange {
  readonly actions: readonly string[];
  readonly replace_paths?: readonly (readonly (string | number)[])[];
  readonly before: { readonly [name: string]: unknown } | null;
  readonly after: { readonly [name: string]: unknown } | null;
  readonly after_unknown?: { readonly [name: string]: unknown };
}

export function report(
  planText: string,
  shown: ShownPlan,
  rewrites: readonly Rewrite[],
  stateFindings: readonly StateFinding[],
): Omit<PlanReport, "extraTemplates" | "onlyInModule" | "moduleBlock"> {
  const changes: ResourceChange[] = [];
  const moved: ResourceChange[] = [];
  let unchanged = 0;
  for (const change of shown.resource_changes ?? []) {
    if (change.mode !== "managed") {
      continue;
    }
    const actions = change.change.actions;
    const entry: ResourceChange = {
      address: change.address,
      type: change.type,
      previousAddress: change.previous_address,
      actions,
      kind: changeKind(change.change),
      changedAttributes: changedAttributes(change.change),
      forcedBy: actions.includes("delete") && actions.includes("create") ? (change.change.replace_paths ?? []).map(formatPath) : [],
      differences: differences(change.change.before, change.change.after, change.change.after_unknown),
    };
    if (actions.length === 1 && actions[0] === "no-op") {
      if (change.previous_address) {
        moved.push(entry);
      } else {
        unchanged += 1;
      }
    } else {
      changes.push(entry);
    }
  }
  const outputChanges = Object.entries(shown.output_changes ?? {})
    .filter(([, change]) => !(change.actions.length === 1 && change.actions[0] === "no-op"))
    .map(([name]) => name);
  return {
    summaryLine: /^(Plan: .*|No changes\..*)$/m.exec(planText)?.[1] ?? "(no summary line)",
    changes,
    moved,
    unchanged,
    outputChanges,
    failedChecks: (shown.checks ?? [])
      .filter((check) => check.status === "fail")
      .flatMap((check) =>
        (check.instances ?? []).flatMap((instance) =>
          (instance.problems ?? []).map((problem) => `${check.address.to_display}: ${problem.message}`),
        ),
      ),
    rewrites,
    stateFindings,
    planText,
  };
}

/** Replace when Terraform deletes and creates; a new revision when an update gives the job definition a new ARN. */
function changeKind(change: ShownChange): ChangeKind {
  const actions = change.actions;
  if (actions.includes("delete") && actions.includes("create")) {
    return "replace";
  }
  if (actions.length === 1 && actions[0] === "update") {
    return change.after_unknown?.revision === true ? "new revision" : "update";
  }
  return actions[0] as ChangeKind;
}

/** Terraform's path steps as a reader writes them: `compute_resources[0].instance_type`. */
export function formatPath(steps: readonly (string | number)[]): string {
  return steps.map((step, index) => (typeof step === "number" ? `[${step}]` : index === 0 ? step : `.${step}`)).join("");
}


function changedAttributes(change: ShownChange): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const unknown = change.after_unknown ?? {};
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => unknown[name] === true || canonical(before[name]) !== canonical(after[name])).sort();
}
