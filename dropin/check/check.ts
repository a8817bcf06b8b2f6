// The drop-in check: apply an HCL module with the stand-in provider into a
// local state (or take the team's own state), synthesize this project with
// the module's variables and templates, and plan the synthesized stack
// against that state, as the real provider would plan it.
import * as fs from "fs";
import * as path from "path";
import { bindingName, canPlan, canonical } from "../standin";
import { Difference, SAME_JSON, UNKNOWN_AFTER_APPLY, differences, formatDifference } from "./json-diff";
import { DeclaredResource, ModuleCall, declaredResources, moduleCalls, removeResources } from "./module-read";
import { Rewrite, rewriteToV6 } from "./module-rewrite";
import { PROJECT_DIR, bindingsUsedBy, cloneProject, listFiles, synthesizeProject } from "./project";
import { StateFinding, StateResource, instanceAddress, readStateFindings } from "./state-versions";
import { StandinOptions, StandinTerraform } from "./terraform";

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
interface PlanContext {
  readonly rewrites?: readonly Rewrite[];
  readonly stateFindings?: readonly StateFinding[];
  readonly extraTemplates?: readonly string[];
  /** The module's own resources at their state addresses (none with --state: the state says). */
  readonly declared?: readonly DeclaredResource[];
  readonly calls?: readonly ModuleCall[];
  /** Taken out before planning: no planning facts. */
  readonly removed?: readonly OnlyInModule[];
}

export const FIXTURE_MODULE = path.join(__dirname, "..", "fixture-module");

/** `aws_*` resource and data source types declared in a module's .tf files (child modules included). */
export function moduleBindings(modulePath: string): string[] {
  const names = new Set<string>();
  for (const file of listFiles(modulePath, (name) => name.endsWith(".tf"))) {
    for (const match of fs.readFileSync(file, "utf8").matchAll(/^\s*(resource|data)\s+"(aws_\w+)"/gm)) {
      names.add(bindingName(match[1] === "data" ? "data" : "resource", match[2]));
    }
  }
  return [...names].sort();
}

export interface DropinCheckOptions {
  /** The HCL module's root folder. */
  readonly modulePath: string;
  /** @default "<modulePath>/terraform.tfvars" */
  readonly tfvarsFile?: string;
  /**
   * The team's real state (`terraform state pull`), planned against instead
   * of a state applied from the module.
   * @default - the module is applied into a throw-away state
   */
  readonly statePath?: string;
  /**
   * The project whose main.ts, stacks and templates are checked.
   * @default this project
   */
  readonly projectDir?: string;
}

/** The check cannot give an answer (exit 2), for a reason the user can act on. */
export class DropinCheckError extends Error {}

export class DropinCheck {
  /**
   * Installs the stand-in provider for this project's resources and the
   * module's; resource types it has no planning facts for are left out (the
   * check takes them out of its copy and lists them).
   */
  static prepare(modulePath: string, options: StandinOptions = {}): DropinCheck {
    const plannable = moduleBindings(modulePath).filter(
      (binding) => binding.startsWith("data-aws-") || moduleResourceTypes(modulePath).some((type) => bindingName("resource", type) === binding && canPlan(type)),
    );
    const bindings = [...bindingsUsedBy(path.join(PROJECT_DIR, "stacks")), ...plannable];
    return new DropinCheck(StandinTerraform.install(bindings, options));
  }

  /** What the last `applyModule` rewrote in its copy of the module. */
  rewrites: readonly Rewrite[] = [];
  /** What the last `applyModule` (or `copyState`) took out: resources without planning facts. */
  removed: readonly OnlyInModule[] = [];

  private constructor(public readonly terraform: StandinTerraform) {}

  /** A new folder under the stand-in's temporary root. */
  workFolder(prefix: string): string {
    return fs.mkdtempSync(path.join(this.terraform.root, `${prefix}-`));
  }

  /** Applies a copy of the module with the tfvars file into a new local state; returns the state's path. */
  applyModule(options: DropinCheckOptions): string {
    const work = this.workFolder("module");
    const copy = path.join(work, "module");
    fs.cpSync(options.modulePath, copy, {
      recursive: true,
      filter: (source) => !/(^|\/)(\.terraform|\.terraform\.lock\.hcl|[^/]*\.tfstate[^/]*)$/.test(source),
    });
    // Modules written for aws 3.x-5.x use names aws 6 no longer has; the copy gets the v6 forms.
    this.rewrites = rewriteToV6(copy);
    this.removed = removeResources(copy, (type) => type.startsWith("aws_") && !canPlan(type)).map((resource) => ({
      address: resource.address,
      type: resource.type,
      file: resource.file,
      line: resource.line,
      noFacts: true,
    }));
    const statePath = path.join(work, "module.tfstate");
    // An override file replaces whatever backend the module declares (S3, Terraform Cloud, ...).
    fs.writeFileSync(
      path.join(copy, "zz_dropin_check_override.tf"),
      `terraform {\n  backend "local" {\n    path = ${JSON.stringify(statePath)}\n  }\n}\n`,
    );
    this.terraform.init(copy);
    this.terraform.mustRun(copy, ["apply", "-auto-approve", "-input=false", `-var-file=${tfvarsOf(options)}`]);
    return statePath;
  }

  /**
   * Synthesizes a copy of this project with the module's tfvars file and job
   * definition templates, its state at `statePath`; returns the stack folder.
   */
  synthesize(options: DropinCheckOptions, statePath: string): string {
    const templatesFolder = templatesFolderOf(options.modulePath);
    // A JSON variable file stays JSON: Terraform loads it as terraform.tfvars.json.
    const files: { [file: string]: string | null } = {
      [tfvarsOf(options).endsWith(".json") ? "terraform.tfvars.json" : "terraform.tfvars"]: fs.readFileSync(tfvarsOf(options), "utf8"),
    };
    if (tfvarsOf(options).endsWith(".json")) {
      files["terraform.tfvars"] = null;
    }
    if (templatesFolder) {
      files["job-definitions"] = null;
      for (const template of fs.readdirSync(templatesFolder).filter((name) => name.endsWith(".json"))) {
        files[`job-definitions/${template}`] = fs.readFileSync(path.join(templatesFolder, template), "utf8");
      }
    }
    const project = cloneProject(files, path.join(this.workFolder("project"), "project"), options.projectDir);
    const outdir = synthesizeProject(project, { BATCH_STATE_PATH: statePath });
    return path.join(outdir, "stacks", "batch");
  }

  /**
   * A copy of a synthesized stack folder beside it (so its relative state path
   * still holds), with its cdk.tf.json changed by `change`.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  variant(stackDir: string, change: (tf: any) => void): string {
    const copy = fs.mkdtempSync(`${stackDir}-variant-`);
    fs.cpSync(stackDir, copy, { recursive: true, filter: (source) => !source.includes(`${path.sep}.terraform`) });
    const file = path.join(copy, "cdk.tf.json");
    const tf = JSON.parse(fs.readFileSync(file, "utf8"));
    change(tf);
    fs.writeFileSync(file, JSON.stringify(tf, null, 2));
    return copy;
  }

  /** Plans a synthesized stack folder against the state its backend points at. */
  plan(stackDir: string, context: PlanContext = {}): PlanReport {
    this.terraform.init(stackDir);
    const planned = this.terraform.mustRun(stackDir, ["plan", "-input=false", "-lock=false", "-out=dropin.tfplan"]);
    const shown = this.terraform.mustRun(stackDir, ["show", "-json", "dropin.tfplan"]);
    const base = report(planned.stdout, JSON.parse(shown.stdout), context.rewrites ?? [], context.stateFindings ?? []);
    const configuration = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
    return { ...base, ...moduleFindings(base.changes, configuration, context), extraTemplates: context.extraTemplates ?? [] };
  }

  /**
   * A copy of the team's state to plan against, after reading each
   * instance's schema version: state the real provider cannot upgrade stops
   * the check with both ways out.
   */
  copyState(statePath: string): { statePath: string; findings: StateFinding[] } {
    const text = fs.readFileSync(statePath, "utf8");
    const findings = readStateFindings(text, statePath);
    const blocking = findings.filter((finding) => finding.blocksPlan);
    if (blocking.length > 0) {
      throw new DropinCheckError(blocking.map((finding) => finding.message).join("\n"));
    }
    const copy = path.join(this.workFolder("state"), "terraform.tfstate");
    const { text: plannable, removed } = withoutUnplannable(text);
    this.removed = removed;
    fs.writeFileSync(copy, plannable);
    return { statePath: copy, findings };
  }

  remove(): void {
    this.terraform.remove();
  }
}

/** Runs the whole check on a module: apply it, synthesize, plan. */
export function checkDropin(options: DropinCheckOptions): PlanReport {
  const autoVariables = fs.readdirSync(options.modulePath).filter((name) => /\.auto\.tfvars(\.json)?$/.test(name));
  if (autoVariables.length > 0) {
    // Terraform loads them for the module but this project reads one tfvars file: the check would compare other values.
    throw new DropinCheckError(
      `the module has ${autoVariables.join(", ")}, which Terraform loads for the module but this project does not read. ` +
        `Merge their values into the tfvars file you pass (the project copies only that one), then run the check again.`,
    );
  }
  const check = DropinCheck.prepare(options.modulePath);
  try {
    const extraTemplates = projectTemplatesMissingFrom(options.modulePath, options.projectDir);
    if (options.statePath) {
      const { statePath, findings } = check.copyState(options.statePath);
      return check.plan(check.synthesize(options, statePath), { stateFindings: findings, extraTemplates, removed: check.removed });
    }
    const statePath = check.applyModule(options);
    return check.plan(check.synthesize(options, statePath), {
      rewrites: check.rewrites,
      extraTemplates,
      declared: declaredResources(options.modulePath),
      calls: moduleCalls(options.modulePath),
      removed: check.removed,
    });
  } finally {
    check.remove();
  }
}

/** A state's text without the instances of resource types the stand-in cannot plan, and those instances. */
function withoutUnplannable(text: string): { text: string; removed: OnlyInModule[] } {
  const state = JSON.parse(text);
  const removed: OnlyInModule[] = [];
  const kept = (state.resources ?? []).filter((resource: StateResource) => {
    const plannable = resource.mode !== "managed" || !resource.type.startsWith("aws_") || canPlan(resource.type);
    if (!plannable) {
      for (const instance of resource.instances ?? []) {
        removed.push({ address: instanceAddress(resource, instance.index_key), type: resource.type, noFacts: true });
      }
    }
    return plannable;
  });
  return removed.length === 0 ? { text, removed } : { text: JSON.stringify({ ...state, resources: kept }, null, 2), removed };
}

/** The queue's address in the module, with the module path before it. */
const QUEUE_IN_MODULE = /^(module\..+)\.aws_batch_job_queue\.job_queue$/;

/**
 * What the plan's deletes say of the team's module: a module block of
 * another name than the `moved` blocks expect (its queue and job definition
 * would be destroyed and created), and resources this project does not
 * declare (the plan destroys them).
 */
function moduleFindings(
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
  lines.push(`  ${"unchanged".padEnd(LABEL_WIDTH)} ${plan.unchanged} resource instance(s)`);
  for (const change of plan.changes) {
    const forced = change.forcedBy.length > 0 ? ` (forced by ${change.forcedBy.join(", ")})` : "";
    const moved = change.previousAddress ? ` (moved from ${change.previousAddress})` : "";
    lines.push(`  ${change.kind.padEnd(LABEL_WIDTH)} ${change.address}${moved}${forced}`);
    for (const difference of shownDifferences(change)) {
      lines.push(`${" ".repeat(LABEL_WIDTH + 5)}${formatDifference(difference)}`);
    }
  }
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
  lines.push(verdict(plan));
  return lines.join("\n");
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

/** The module's templates folder (upstream misspells it), when it has one. */
function templatesFolderOf(modulePath: string): string | undefined {
  return ["job-definitions", "job-defintions"].map((name) => path.join(modulePath, name)).find((folder) => fs.existsSync(folder));
}

/** This project's templates a module does not have, by file name. */
export function projectTemplatesMissingFrom(modulePath: string, projectDir: string = PROJECT_DIR): string[] {
  const folder = templatesFolderOf(modulePath);
  const moduleTemplates = new Set(folder ? fs.readdirSync(folder).filter((name) => name.endsWith(".json")) : []);
  return fs
    .readdirSync(path.join(projectDir, "job-definitions"))
    .filter((name) => name.endsWith(".json") && !moduleTemplates.has(name))
    .sort();
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

function tfvarsOf(options: DropinCheckOptions): string {
  return path.resolve(options.tfvarsFile ?? path.join(options.modulePath, "terraform.tfvars"));
}

/** The parts of `terraform show -json <plan>` the report reads. */
interface ShownPlan {
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

function report(
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

/** `aws_*` resource types (managed only) a module declares. */
function moduleResourceTypes(modulePath: string): string[] {
  const types = new Set<string>();
  for (const file of listFiles(modulePath, (name) => name.endsWith(".tf"))) {
    for (const match of fs.readFileSync(file, "utf8").matchAll(/^\s*resource\s+"(aws_\w+)"/gm)) {
      types.add(match[1]);
    }
  }
  return [...types].sort();
}

function changedAttributes(change: ShownChange): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const unknown = change.after_unknown ?? {};
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => unknown[name] === true || canonical(before[name]) !== canonical(after[name])).sort();
}
