// `npm run preview`, as a user runs it: exit 1 naming the compute
// environment's replacement on a state the default stack made, exit 0 with
// an update on a state the updatable stack made, exit 2 with one line for
// each input it cannot use. The hazards themselves: __tests__/dropin/check/preview.test.ts.
import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import { DropinCheck, FIXTURE_MODULE } from "../../dropin/check/check";
import { PROJECT_DIR, cloneProject } from "../../dropin/check/project";
import { upstreamFixture, wireOptions } from "../support/dropin";
import { tempDir } from "../support/stack";
import { describeWithTerraform } from "../support/terraform";

jest.setTimeout(120_000);

const TFVARS = fs.readFileSync(path.join(FIXTURE_MODULE, "terraform.tfvars"), "utf8");

/** `npm run preview -- <args>` in `project` (a copy of this repository, or the repository itself), from `cwd`. */
function runPreview(project: string, args: readonly string[], cwd = project) {
  return spawnSync(process.execPath, ["--require", path.join(project, "scripts", "register-ts.js"), path.join(project, "scripts", "preview.ts"), ...args], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CHECKPOINT_DISABLE: "1" },
  });
}

describe("npm run preview: what it refuses before planning", () => {
  test("--help: the usage, and exit 0", () => {
    const result = runPreview(PROJECT_DIR, ["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run preview -- --state FILE \[tfvars\]\n/);
  });

  test("no --state: exit 2, saying where a state comes from", () => {
    const result = runPreview(PROJECT_DIR, []);
    expect(result.status).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe("preview: --state is missing: the preview plans against your state (terraform state pull > current.tfstate)");
  });

  test("a state file that does not exist, taken from the folder the command runs in: exit 2, naming it", () => {
    const cwd = tempDir("preview-cwd-");
    const result = runPreview(PROJECT_DIR, ["--state", "current.tfstate"], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `preview: --state ${path.join(cwd, "current.tfstate")} does not exist; write it with \`terraform state pull > current.tfstate\` in the stack's folder.\n`,
    );
  });

  test("a state that is not JSON: exit 2, one line, no stack trace", () => {
    const file = path.join(tempDir("preview-json-"), "current.tfstate");
    fs.writeFileSync(file, "<html>");
    const result = runPreview(PROJECT_DIR, ["--state", file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^preview could not run: --state ${file}: it is not JSON \\(.*\\), so it is no Terraform state\\. .*\n$`));
  });
});

describeWithTerraform("npm run preview: the plan and its hazards", () => {
  let check: DropinCheck;
  let moduleState: string;
  let updatableState: string;
  let updatableProject: string;
  let changed: string;

  beforeAll(() => {
    check = DropinCheck.prepare(FIXTURE_MODULE);
    const folder = tempDir("preview-cli-");
    moduleState = path.join(folder, "module.tfstate");
    fs.copyFileSync(upstreamFixture(check).statePath, moduleState);
    // A copy of the repository whose main.ts makes the stack updatable, and a state that stack made.
    updatableProject = cloneProject({}, path.join(folder, "updatable-project"));
    fs.cpSync(path.join(PROJECT_DIR, "dropin"), path.join(updatableProject, "dropin"), { recursive: true });
    wireOptions(updatableProject, "updatableComputeEnvironment: true,");
    const empty = path.join(folder, "empty.tfstate");
    fs.writeFileSync(empty, JSON.stringify({ version: 4, terraform_version: "1.11.0", serial: 0, lineage: "preview-cli", outputs: {}, resources: [] }));
    const stackDir = check.synthesize({ modulePath: FIXTURE_MODULE, projectDir: updatableProject }, empty);
    check.plan(stackDir);
    expect(check.apply(stackDir).status).toBe(0);
    updatableState = path.join(folder, "updatable.tfstate");
    fs.copyFileSync(empty, updatableState);
    changed = path.join(folder, "changed.tfvars");
    fs.writeFileSync(changed, `${TFVARS}\ninstance_type = ["c6i.large"]\n`);
    fs.copyFileSync(path.join(FIXTURE_MODULE, "terraform.tfvars"), path.join(updatableProject, "terraform.tfvars"));
  });
  afterAll(() => check?.remove());

  test("on the module's state, an instance_type change: the replacement named as a hazard with its way out, and exit 1", () => {
    const before = fs.readFileSync(moduleState, "utf8");
    const result = runPreview(PROJECT_DIR, ["--state", moduleState, changed]);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 1, stderr: "" });
    expect(result.stdout).toContain("  replace      aws_batch_compute_environment.compute-environment (forced by compute_resources[0].instance_type)");
    expect(result.stdout).toContain("Hazards:\n  1. aws_batch_compute_environment.compute-environment is replaced (forced by compute_resources[0].instance_type) while");
    expect(result.stdout).toContain('Way out: keep the current value, or move the stack onto updatable environments');
    expect(result.stdout.trim().split("\n").pop()).toBe("Preview: 1 hazard (above): 0 to add, 1 to update, 1 to replace, 0 to destroy.");
    expect(fs.readFileSync(moduleState, "utf8")).toBe(before);
  });

  test("on the updatable stack's state, the same change: an update in place, no hazard, and exit 0", () => {
    const result = runPreview(updatableProject, ["--state", updatableState, changed]);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
    expect(result.stdout).toContain("  update       aws_batch_compute_environment.compute-environment-updatable");
    expect(result.stdout).toContain('compute_resources[0].instance_type[0]: "m4" -> "c6i.large"');
    expect(result.stdout.trim().split("\n").pop()).toBe("Preview: no hazard: 0 to add, 1 to update, 0 to replace, 0 to destroy.");
  });

  test("without a tfvars argument, the project's terraform.tfvars: no change, exit 0", () => {
    const result = runPreview(updatableProject, ["--state", updatableState]);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
    expect(result.stdout).toContain("Terraform: No changes.");
  });

  test("an empty state (a new stack's): every resource planned as created, no hazard, and exit 0", () => {
    const empty = path.join(tempDir("preview-empty-"), "current.tfstate");
    fs.writeFileSync(empty, JSON.stringify({ version: 4, terraform_version: "1.11.0", serial: 0, lineage: "new", outputs: {}, resources: [] }));
    const result = runPreview(PROJECT_DIR, ["--state", empty]);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
    expect(result.stdout.trim().split("\n").pop()).toMatch(/^Preview: no hazard: \d+ to add, 0 to update, 0 to replace, 0 to destroy\.$/);
  });
});
