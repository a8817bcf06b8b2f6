// The example CI workflows (examples/ci/) and what Terraform Cloud receives
// from them: each workflow file valid for GitHub (action-validator, GitHub's
// workflow schema), the API-driven one planning every pull request, and the
// steps that can run here run: the synthesis, the stack list, and the upload
// of each stack folder as go-slug packs it (__tests__/support/terraformignore.ts).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { DropinCheck } from "../../../dropin/check/check";
import { PROJECT_DIR, cloneProject, listFiles } from "../../../dropin/check/project";
import { pathWithoutTerraform, tempDir } from "../../support/stack";
import { describeWithTerraform } from "../../support/terraform";
import { uploadedFiles } from "../../support/terraformignore";

jest.setTimeout(120_000);

const CI = path.join(PROJECT_DIR, "examples", "ci");
const WORKFLOWS = fs.readdirSync(CI).filter((name) => name.endsWith(".yml"));
const API_DRIVEN = path.join(CI, "github-actions-terraform-cloud.yml");
const VALIDATOR = path.join(PROJECT_DIR, "node_modules", ".bin", "action-validator");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Step = { uses?: string; run?: string; with?: { [name: string]: any }; if?: string; id?: string };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const workflow: { on: any; env: { [name: string]: string }; jobs: { [name: string]: { if?: string; needs?: string; strategy?: any; steps: Step[] } } } = parse(
  fs.readFileSync(API_DRIVEN, "utf8"),
);
const steps = (job: string): Step[] => workflow.jobs[job].steps;
/** What every HashiCorp action is given: the token, and the stack's Terraform Enterprise host ("" for HCP Terraform). */
const TFC = { token: "${{ secrets.TF_API_TOKEN }}", hostname: "${{ matrix.hostname }}" };
const action = (job: string, name: string): Step | undefined => steps(job).find((step) => step.uses?.startsWith(`hashicorp/tfc-workflows-github/actions/${name}@`));

describe("the workflow files", () => {
  test.each(WORKFLOWS)("%s is a valid GitHub Actions workflow", (file) => {
    const result = spawnSync(VALIDATOR, [path.join(CI, file)], { encoding: "utf8" });
    expect({ status: result.status, output: `${result.stdout}${result.stderr}` }).toEqual({ status: 0, output: "" });
  });

  test("the validator refuses a workflow GitHub would refuse (a misspelled key)", () => {
    const broken = path.join(tempDir("workflow-"), "broken.yml");
    fs.writeFileSync(broken, fs.readFileSync(API_DRIVEN, "utf8").replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest"));
    expect(spawnSync(VALIDATOR, [broken], { encoding: "utf8" }).status).not.toBe(0);
  });

  test.each(WORKFLOWS)("%s pins every action to a released version (vX.Y.Z)", (file) => {
    const uses = [...fs.readFileSync(path.join(CI, file), "utf8").matchAll(/uses: (\S+)/g)].map((match) => match[1]);
    expect(uses.length).toBeGreaterThan(0);
    for (const reference of uses) {
      expect(reference).toMatch(/@v\d+\.\d+\.\d+$/);
    }
  });
});

describe("the API-driven workflow: a plan on every pull request, a run that applies on main", () => {
  test("runs on pull requests to main and on pushes to main", () => {
    expect(workflow.on).toEqual({ pull_request: { branches: ["main"] }, push: { branches: ["main"] } });
  });

  test("a pull request: each stack uploaded as a speculative configuration, a plan-only run, its summary commented", () => {
    expect(workflow.jobs.plan.if).toBe("github.event_name == 'pull_request'");
    expect(action("plan", "upload-configuration")?.with).toEqual({ ...TFC, workspace: "${{ matrix.workspace }}", directory: "${{ matrix.directory }}", speculative: true });
    expect(action("plan", "create-run")?.with).toMatchObject({ configuration_version: "${{ steps.upload.outputs.configuration_version_id }}", plan_only: true });
    expect(action("plan", "plan-output")?.with).toEqual({ ...TFC, plan: "${{ steps.run.outputs.plan_id }}" });
    const comment = steps("plan").find((step) => step.uses?.startsWith("actions/github-script@"));
    expect(comment?.with?.script).toMatch(/createComment[\s\S]*updateComment|updateComment[\s\S]*createComment/);
    // plan-output gives zeros for an errored plan: the comment goes by the run's status, over every page of comments.
    expect(comment?.with?.script).toContain('process.env.RUN_STATUS === "planned_and_finished"');
    expect(comment?.with?.script).toContain("github.paginate(github.rest.issues.listComments");
    // A plan that fails still comments, then fails the job.
    expect(steps("plan").at(-1)).toMatchObject({ if: "steps.run.outputs.run_status != 'planned_and_finished'" });
  });

  test("a push to main: uploaded (not speculative) and a run the workspace applies (not plan-only)", () => {
    expect(workflow.jobs.apply.if).toBe("github.event_name == 'push'");
    expect(action("apply", "upload-configuration")?.with).toEqual({ ...TFC, workspace: "${{ matrix.workspace }}", directory: "${{ matrix.directory }}" });
    expect(action("apply", "create-run")?.with?.plan_only).toBeUndefined();
  });

  test("the API token goes to HashiCorp's actions only, never to npm ci or the synth; forks and Dependabot (no secrets) are skipped", () => {
    expect(workflow.env).not.toHaveProperty("TF_API_TOKEN");
    const withToken = Object.values(workflow.jobs).flatMap((job) => job.steps).filter((step) => JSON.stringify(step).includes("TF_API_TOKEN"));
    expect(withToken.length).toBe(5);
    expect(withToken.every((step) => step.uses?.startsWith("hashicorp/tfc-workflows-github/actions/"))).toBe(true);
    expect(workflow.jobs.stacks.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
  });

  test("one job per stack, from the stack list the synthesis writes", () => {
    for (const job of ["plan", "apply"]) {
      expect(workflow.jobs[job].needs).toBe("stacks");
      expect(workflow.jobs[job].strategy.matrix).toBe("${{ fromJSON(needs.stacks.outputs.matrix) }}");
    }
    expect(steps("stacks").flatMap((step) => (step.run ? [step.run] : []))).toEqual(["npm ci", "npm run synth", "node scripts/cloud-stacks.js"]);
    expect(workflow.env).toMatchObject({ TF_CLOUD_ORGANIZATION: "${{ vars.TF_CLOUD_ORGANIZATION }}", TF_WORKSPACE: "${{ vars.TF_WORKSPACE }}" });
  });
});

describeWithTerraform("the workflow's steps, run here: what each job uploads", () => {
  let check: DropinCheck;
  beforeAll(() => {
    check = DropinCheck.forState([]);
  });
  afterAll(() => check?.remove());

  /** A step's command in `project`, with the workflow's environment (the repository's variables' values). */
  function step(project: string, command: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
    return spawnSync("/bin/bash", ["-e", "-c", command], {
      cwd: project,
      encoding: "utf8",
      env: { PATH: pathWithoutTerraform(), HOME: process.env.HOME, CHECKPOINT_DISABLE: "1", TF_CLOUD_ORGANIZATION: "acme", TF_WORKSPACE: "batch-prod", ...env },
    });
  }

  function stackList(project: string, env: NodeJS.ProcessEnv = {}): { include: { stack: string; directory: string; workspace: string; hostname: string }[] } {
    expect(step(project, "npm run synth", env).stderr).toBe("");
    const output = path.join(tempDir("github-output-"), "output");
    const listed = step(project, "node scripts/cloud-stacks.js", { GITHUB_OUTPUT: output });
    expect(listed.status).toBe(0);
    expect(fs.readFileSync(output, "utf8")).toBe(`matrix=${listed.stdout}`);
    return JSON.parse(listed.stdout);
  }

  test("the upload holds what Terraform reads (it validates alone) and nothing terraform init wrote", () => {
    const project = cloneProject({}, path.join(tempDir("workflow-project-"), "project"));
    const matrix = stackList(project);
    expect(matrix).toEqual({ include: [{ stack: "batch", directory: "cdktf.out/stacks/batch", workspace: "batch-prod", hostname: "" }] });
    const stackDir = path.join(project, matrix.include[0].directory);
    const synthesized = listFiles(stackDir).map((file) => path.relative(stackDir, file).split(path.sep).join("/")).sort();
    // A developer's plan through the stand-in in the same folder: its lock file and .terraform/ stay behind.
    check.terraform.mustRun(stackDir, ["init", "-input=false", "-backend=false"]);
    fs.writeFileSync(path.join(stackDir, "current.tfstate"), "{}");
    // And files a team left there by hand, which a remote plan would read (override.tf, *.auto.tfvars).
    for (const stray of ["crash.log", "override.tf", "extra.auto.tfvars"]) {
      fs.writeFileSync(path.join(stackDir, stray), "");
    }
    expect(fs.existsSync(path.join(stackDir, ".terraform.lock.hcl"))).toBe(true);

    const uploaded = uploadedFiles(stackDir);
    expect(uploaded).toEqual(synthesized.filter((file) => file !== ".terraformignore"));
    expect(uploaded).toEqual([
      expect.stringMatching(/^assets\/[^/]+\/[0-9A-F]+\/functionaltest\.json$/),
      "cdk.tf.json",
      "terraform.tfvars",
    ]);
    const alone = tempDir("uploaded-");
    for (const file of uploaded) {
      fs.mkdirSync(path.dirname(path.join(alone, file)), { recursive: true });
      fs.copyFileSync(path.join(stackDir, file), path.join(alone, file));
    }
    check.terraform.mustRun(alone, ["init", "-input=false", "-backend=false"]);
    expect(check.terraform.run(alone, ["validate"]).output).toMatch(/Success! The configuration is valid/);
  });

  test("from the repository root (a CLI-driven workspace with a working directory): the stack folders only", () => {
    const project = cloneProject({ ".terraformignore": fs.readFileSync(path.join(PROJECT_DIR, ".terraformignore"), "utf8") }, path.join(tempDir("workflow-root-"), "project"));
    stackList(project);
    check.terraform.mustRun(path.join(project, "cdktf.out", "stacks", "batch"), ["init", "-input=false", "-backend=false"]);
    const uploaded = uploadedFiles(project);
    expect(uploaded.length).toBeGreaterThan(0);
    expect(uploaded.filter((file) => !file.startsWith("cdktf.out/stacks/batch/"))).toEqual([]);
    expect(uploaded).toContain("cdktf.out/stacks/batch/cdk.tf.json");
    expect(uploaded).not.toContain("cdktf.out/stacks/batch/.terraform.lock.hcl");
    // Without the file, Terraform would upload the whole repository.
    fs.rmSync(path.join(project, ".terraformignore"));
    expect(uploadedFiles(project)).toEqual(expect.arrayContaining(["main.ts", "package.json", "terraform.tfvars"]));
  });

  test("with environments/: one job per environment, each to its own workspace", () => {
    const tfvars = fs.readFileSync(path.join(PROJECT_DIR, "terraform.tfvars"), "utf8");
    const project = cloneProject(
      { "environments/dev.tfvars": tfvars, "environments/prod.tfvars": tfvars, "terraform.tfvars": null },
      path.join(tempDir("workflow-envs-"), "project"),
    );
    // The repository variable TF_WORKSPACE is left unset with environments/ (each stack has its workspace).
    expect(stackList(project, { TF_WORKSPACE: "" }).include).toEqual([
      { stack: "batch-dev", directory: "cdktf.out/stacks/batch-dev", workspace: "batch-dev", hostname: "" },
      { stack: "batch-prod", directory: "cdktf.out/stacks/batch-prod", workspace: "batch-prod", hostname: "" },
    ]);
  });

  test("a synthesis without Terraform Cloud: the stack list refuses in one line", () => {
    const project = cloneProject({}, path.join(tempDir("workflow-local-"), "project"));
    expect(step(project, "npm run synth", { TF_CLOUD_ORGANIZATION: "", TF_WORKSPACE: "" }).status).toBe(0);
    const listed = step(project, "node scripts/cloud-stacks.js");
    expect({ status: listed.status, stderr: listed.stderr }).toEqual({
      status: 2,
      stderr: "cloud-stacks: stack batch has no cloud block: it was synthesized without TF_CLOUD_ORGANIZATION; synthesize again with TF_CLOUD_ORGANIZATION and TF_WORKSPACE set\n",
    });
  });
});
