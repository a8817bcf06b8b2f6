// The drop-in check: apply an HCL module with the stand-in provider into a
// local state (or take the team's own state), synthesize this project with
// the module's variables and templates, and plan the synthesized stack
// against that state, as the real provider would plan it. The report:
// ./report.
import * as fs from "fs";
import * as path from "path";
import { bindingName, canPlan } from "../standin";
import { declaredResources, moduleBackend, moduleCalls, removeResources } from "./module-read";
import { Rewrite, rewriteToV6 } from "./module-rewrite";
import { PROJECT_DIR, bindingsUsedBy, cloneProject, synthesizeProject, tfFiles } from "./project";
import { OnlyInModule, PlanContext, PlanReport, moduleFindings, report } from "./report";
import { stateAdvice } from "./state-advice";
import { StateFinding, StateResource, instanceAddress, readStateFindings } from "./state-versions";
import { StandinOptions, StandinTerraform, TerraformRun, accountOf } from "./terraform";

export { exitStatus, formatReport } from "./report";
export type { PlanReport, ResourceChange } from "./report";


export const FIXTURE_MODULE = path.join(__dirname, "..", "fixture-module");

/** `aws_*` resource and data source types declared in a module's .tf files (child modules included). */
export function moduleBindings(modulePath: string): string[] {
  const names = new Set<string>();
  for (const file of tfFiles(modulePath)) {
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

/** This project synthesized with a tfvars file and its own templates (no module). */
export interface ProjectInputs {
  readonly tfvarsFile: string;
  /** @default this project */
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

  /** The stand-in for this project's resources and the plannable resource types of a state. */
  static forState(stateTypes: readonly string[], options: StandinOptions = {}): DropinCheck {
    const plannable = stateTypes.filter(canPlan).map((type) => bindingName("resource", type));
    return new DropinCheck(StandinTerraform.install([...bindingsUsedBy(path.join(PROJECT_DIR, "stacks")), ...plannable], options));
  }

  /** What the last `applyModule` rewrote in its copy of the module. */
  rewrites: readonly Rewrite[] = [];
  /** Stack folders this check's Terraform has initialized (variants of them share their .terraform). */
  private readonly initialized = new Set<string>();
  /** The state file each stack folder plans against. */
  private readonly states = new Map<string, string>();
  /** Stack folders synthesized so far, by what they were synthesized from. */
  private readonly synthesized = new Map<string, string>();
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
    this.terraform.mustRun(copy, ["apply", "-auto-approve", "-input=false", `-var-file=${tfvarsOf(options)}`], accountOf(statePath));
    return statePath;
  }

  /**
   * Synthesizes a copy of this project with the module's tfvars file and job
   * definition templates, its state at `statePath`; returns the stack folder.
   */
  synthesize(options: DropinCheckOptions | ProjectInputs, state: string | { readonly backendEnv: NodeJS.ProcessEnv }): string {
    // A state path: a local backend on it; otherwise the backend the environment names (S3, as a team's CI sets it).
    const statePath = typeof state === "string" ? state : undefined;
    const backendEnv = typeof state === "string" ? { BATCH_STATE_PATH: state } : state.backendEnv;
    const templatesFolder = "modulePath" in options ? templatesFolderOf(options.modulePath) : undefined;
    // A JSON variable file stays JSON: Terraform loads it as terraform.tfvars.json.
    const files: { [file: string]: string | null } = {
      [tfvarsOf(options).endsWith(".json") ? "terraform.tfvars.json" : "terraform.tfvars"]: fs.readFileSync(tfvarsOf(options), "utf8"),
    };
    if (tfvarsOf(options).endsWith(".json")) {
      files["terraform.tfvars"] = null;
    }
    // One tfvars file, one stack: per-environment files would make one stack each.
    files["environments"] = null;
    if (templatesFolder) {
      files["job-definitions"] = null;
      for (const template of fs.readdirSync(templatesFolder).filter((name) => name.endsWith(".json"))) {
        files[`job-definitions/${template}`] = fs.readFileSync(path.join(templatesFolder, template), "utf8");
      }
    }
    // The same project, variables and templates synthesize the same stack: a copy, pointed at this state, is enough.
    const key = JSON.stringify([options.projectDir ?? PROJECT_DIR, files, statePath === undefined ? backendEnv : "local"]);
    const synthesized = this.synthesized.get(key);
    if (synthesized && statePath !== undefined) {
      return this.onState(withLocalState(synthesized, path.join(this.workFolder("stack"), "batch"), statePath), statePath);
    }
    const project = cloneProject(files, path.join(this.workFolder("project"), "project"), options.projectDir);
    const stackDir = path.join(synthesizeProject(project, backendEnv), "stacks", "batch");
    this.synthesized.set(key, stackDir);
    return this.onState(stackDir, statePath);
  }

  /**
   * A copy of a synthesized stack folder beside it (so its relative state path
   * still holds), with its cdk.tf.json changed by `change`.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  variant(stackDir: string, change: (tf: any) => void): string {
    const copy = fs.mkdtempSync(`${stackDir}-variant-`);
    const tf = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
    const settings = JSON.stringify(tf.terraform);
    change(tf);
    // Beside the original, the same backend and providers: its initialized .terraform serves the copy too.
    const sameSettings = JSON.stringify(tf.terraform) === settings && this.initialized.has(stackDir);
    fs.cpSync(stackDir, copy, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (source) => sameSettings || !/(^|\/)(\.terraform|\.terraform\.lock\.hcl)$/.test(source),
    });
    fs.rmSync(path.join(copy, "dropin.tfplan"), { force: true });
    fs.writeFileSync(path.join(copy, "cdk.tf.json"), JSON.stringify(tf, null, 2));
    if (sameSettings) {
      this.initialized.add(copy);
    }
    return this.onState(copy, this.states.get(stackDir));
  }

  /**
   * Initializes a stack folder with `terraform init` and these arguments
   * (`-backend-config=FILE` for a partial backend block, `-migrate-state`),
   * for the plans that follow.
   */
  init(stackDir: string, args: readonly string[]): TerraformRun {
    const run = this.terraform.mustRun(stackDir, ["init", "-input=false", ...args]);
    this.initialized.add(stackDir);
    return run;
  }

  /** Plans a synthesized stack folder against the state its backend points at. */
  plan(stackDir: string, context: PlanContext = {}): PlanReport {
    if (!this.initialized.has(stackDir)) {
      // Initialized by another check's stand-in (another mirror, other checksums), or not at all.
      fs.rmSync(path.join(stackDir, ".terraform"), { recursive: true, force: true });
      fs.rmSync(path.join(stackDir, ".terraform.lock.hcl"), { force: true });
      this.terraform.init(stackDir);
      this.initialized.add(stackDir);
    }
    const account = this.accountOf(stackDir);
    const planned = this.terraform.mustRun(stackDir, ["plan", "-input=false", "-lock=false", "-out=dropin.tfplan"], account);
    const shown = this.terraform.mustRun(stackDir, ["show", "-json", "dropin.tfplan"], account);
    const base = report(planned.stdout, JSON.parse(shown.stdout), context.rewrites ?? [], context.stateFindings ?? []);
    const configuration = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
    return { ...base, ...moduleFindings(base.changes, configuration, context), extraTemplates: context.extraTemplates ?? [] };
  }

  /**
   * Applies the plan the last `plan` of this stack folder saved, as `terraform
   * apply` of a reviewed plan does; the run, failed or not, is returned.
   */
  apply(stackDir: string): TerraformRun {
    return this.terraform.run(stackDir, ["apply", "-input=false", "-lock=false", "dropin.tfplan"], this.accountOf(stackDir));
  }

  /** Where the stand-in keeps what AWS Batch holds for a stack folder's state. */
  private accountOf(stackDir: string): string | undefined {
    const statePath = this.states.get(stackDir);
    return statePath === undefined ? undefined : accountOf(statePath);
  }

  /** Records the state a stack folder plans against (its account). */
  private onState(stackDir: string, statePath: string | undefined): string {
    if (statePath !== undefined) {
      this.states.set(stackDir, statePath);
    }
    return stackDir;
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
      const report = check.plan(check.synthesize(options, statePath), { stateFindings: findings, extraTemplates, removed: check.removed });
      return { ...report, stateAdvice: stateAdvice(moduleBackend(options.modulePath)) };
    }
    const statePath = check.applyModule(options);
    const report = check.plan(check.synthesize(options, statePath), {
      rewrites: check.rewrites,
      extraTemplates,
      declared: declaredResources(options.modulePath),
      calls: moduleCalls(options.modulePath),
      removed: check.removed,
    });
    return { ...report, stateAdvice: stateAdvice(moduleBackend(options.modulePath)) };
  } finally {
    check.remove();
  }
}

/** A copy of a synthesized stack folder in `target`, its local backend on `statePath` (Terraform's own files left behind). */
function withLocalState(stackDir: string, target: string, statePath: string): string {
  fs.cpSync(stackDir, target, {
    recursive: true,
    filter: (source) => !/(^|\/)(\.terraform|\.terraform\.lock\.hcl|[^/]*\.tfplan)$/.test(source),
  });
  const file = path.join(target, "cdk.tf.json");
  const tf = JSON.parse(fs.readFileSync(file, "utf8"));
  tf.terraform.backend = { local: { path: path.relative(target, statePath).split(path.sep).join("/") } };
  fs.writeFileSync(file, JSON.stringify(tf, null, 2));
  return target;
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

function tfvarsOf(options: DropinCheckOptions | ProjectInputs): string {
  return path.resolve(options.tfvarsFile ?? path.join((options as DropinCheckOptions).modulePath, "terraform.tfvars"));
}

/** `aws_*` resource types (managed only) a module declares. */
function moduleResourceTypes(modulePath: string): string[] {
  const types = new Set<string>();
  for (const file of tfFiles(modulePath)) {
    for (const match of fs.readFileSync(file, "utf8").matchAll(/^\s*resource\s+"(aws_\w+)"/gm)) {
      types.add(match[1]);
    }
  }
  return [...types].sort();
}

