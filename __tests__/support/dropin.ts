// What the drop-in test files share: the fixture's expected moves, state
// edits that reproduce what older provider versions wrote, and readable
// summaries of a plan report.
import * as fs from "fs";
import * as path from "path";
import { DropinCheck, FIXTURE_MODULE, PlanReport } from "../../dropin/check/check";
import { cloneProject } from "../../dropin/check/project";
import { mainWithOptions } from "./stack";


/** The fixture module as teams run it on aws 3.x-5.x: the names aws 6 renamed. */
export function toAws5Names(module: string): void {
  const edit = (file: string, from: string, to: string) => {
    const full = path.join(module, file);
    const text = fs.readFileSync(full, "utf8");
    if (!text.includes(from)) {
      throw new Error(`${file} no longer holds ${from}`);
    }
    fs.writeFileSync(full, text.replace(from, to));
  };
  edit("compute_environment.tf", "  name         = local.ce_name", "  compute_environment_name = local.ce_name");
  edit("batch-functional-test.tf", "data.aws_region.current.region", "data.aws_region.current.name");
  edit(
    "batch-deployment/main.tf",
    "  compute_environment_order {\n    order               = 0\n    compute_environment = var.compute_environment_arn\n  }",
    "  compute_environments = [var.compute_environment_arn]",
  );
  edit("batch-deployment/main.tf", '  name = "ce-${var.environment}', '  compute_environment_name = "ce-${var.environment}');
}

export const MOVED = [
  ["module.batch-example.aws_batch_job_definition.job-definition", "aws_batch_job_definition.job-definition"],
  ["module.batch-example.aws_batch_job_queue.job_queue", "aws_batch_job_queue.job_queue"],
];

/** Every managed resource instance in a state file. */
export function managedInstances(statePath: string): number {
  const state = JSON.parse(fs.readFileSync(statePath, "utf8"));
  return state.resources
    .filter((resource: { mode: string }) => resource.mode === "managed")
    .reduce((sum: number, resource: { instances: unknown[] }) => sum + resource.instances.length, 0);
}

export function describeChanges(plan: PlanReport): string[] {
  return plan.changes.map((change) => `${change.actions.join("+")} ${change.address} (${change.changedAttributes.join(", ")})`);
}

/** What the real plan does to each changed instance, and what forces each replacement. */
export function describeKinds(plan: PlanReport): string[] {
  return plan.changes
    .map((change) => `${change.kind} ${change.address}${change.forcedBy.length > 0 ? ` (forced by ${change.forcedBy.join(", ")})` : ""}`)
    .sort();
}

/** The state file with `change` applied to the first instance of the resource at `address` (root or module). */
export function editedState(statePath: string, target: string, address: string, change: (instance: any) => void): string {
  const state = JSON.parse(fs.readFileSync(statePath, "utf8"));
  const resource = state.resources.find(
    (candidate: { module?: string; type: string; name: string }) =>
      `${candidate.module ? `${candidate.module}.` : ""}${candidate.type}.${candidate.name}` === address,
  );
  change(resource.instances[0]);
  fs.writeFileSync(target, JSON.stringify({ ...state, serial: state.serial + 1 }, null, 2));
  return target;
}

/** A state at the aws 5.14-5.x shape of the job queue (schema version 1, the `compute_environments` list). */
export function queueAtVersion1(instance: any): void {
  const { compute_environment_order, ...rest } = instance.attributes;
  instance.schema_version = 1;
  instance.attributes = { ...rest, compute_environments: compute_environment_order.map((entry: any) => entry.compute_environment) };
}

/** Applies the fixture module with upstream's tfvars and synthesizes the stack against its state. */
export function upstreamFixture(check: DropinCheck): { statePath: string; stackDir: string } {
  const options = { modulePath: FIXTURE_MODULE };
  const statePath = check.applyModule(options);
  return { statePath, stackDir: check.synthesize(options, statePath) };
}

export interface UpstreamFixture {
  readonly check: DropinCheck;
  readonly statePath: string;
  readonly stackDir: string;
}

/**
 * For a describe block: a check prepared on the fixture module, the module
 * applied with upstream's tfvars and the stack synthesized against its
 * state before the first test, removed after the last.
 */
export function useUpstreamFixture(): UpstreamFixture {
  const prepared = usePreparedCheck();
  let upstream: { statePath: string; stackDir: string } | undefined;
  beforeAll(() => {
    upstream = upstreamFixture(prepared.check);
  });
  return {
    get check() {
      return prepared.check;
    },
    get statePath() {
      return upstream!.statePath;
    },
    get stackDir() {
      return upstream!.stackDir;
    },
  };
}

/**
 * The state as an aws 5.14-5.x provider left it: no per-resource `region`
 * (added in 6.0), the compute environment at schema version 0
 * (`compute_environment_name`), the job queue at version 1.
 */
export function aws5State(statePath: string, target: string): string {
  const state = JSON.parse(fs.readFileSync(statePath, "utf8"));
  for (const resource of state.resources) {
    for (const instance of resource.instances) {
      delete instance.attributes.region;
      if (resource.type === "aws_batch_compute_environment") {
        const { name, name_prefix, ...rest } = instance.attributes;
        instance.schema_version = 0;
        instance.attributes = { ...rest, compute_environment_name: name, compute_environment_name_prefix: name_prefix };
      }
      if (resource.type === "aws_batch_job_queue") {
        queueAtVersion1(instance);
      }
    }
  }
  fs.writeFileSync(target, JSON.stringify({ ...state, serial: state.serial + 1 }, null, 2));
  return target;
}

/** A copy of this project whose main.ts passes `options` (TypeScript source of object members). */
export function projectWith(check: DropinCheck, options: string): string {
  const project = cloneProject({}, path.join(check.workFolder("project"), "project"));
  wireOptions(project, options);
  return project;
}

/** Writes `options` (TypeScript source of object members) into the main.ts of `project`. */
export function wireOptions(project: string, options: string): void {
  const main = path.join(project, "main.ts");
  fs.writeFileSync(main, mainWithOptions(fs.readFileSync(main, "utf8"), options));
}

/**
 * For a describe block: a check prepared on the fixture module before the
 * first test (its stand-in installed), removed after the last.
 */
export function usePreparedCheck(): { readonly check: DropinCheck } {
  let check: DropinCheck | undefined;
  beforeAll(() => {
    check = DropinCheck.prepare(FIXTURE_MODULE);
  });
  afterAll(() => check?.remove());
  return {
    get check() {
      return check!;
    },
  };
}

/** A state file with no resource: a new stack's first apply. */
export function emptyState(check: DropinCheck): string {
  const file = path.join(check.workFolder("new-stack"), "terraform.tfstate");
  fs.writeFileSync(file, JSON.stringify({ version: 4, terraform_version: "1.11.0", serial: 0, lineage: "new-stack", outputs: {}, resources: [] }));
  return file;
}
