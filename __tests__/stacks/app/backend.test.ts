import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { backendFromEnvironment } from "../../../stacks/app/backend";
import { planStacks } from "../../../stacks/app/environments";
import { cloneProject, listFiles, synthesizeProject } from "../../../dropin/check/project";
import { PROJECT_DIR, synthStack, tempDir, tempProject } from "../../support/stack";
import { describeWithTerraform } from "../../support/terraform";

describe("backend from the environment", () => {
  test("TF_CLOUD_ORGANIZATION and TF_WORKSPACE give the matching cloud block", () => {
    const backend = backendFromEnvironment({ TF_CLOUD_ORGANIZATION: "acme-corp", TF_WORKSPACE: "batch-prod" });
    const { tf } = synthStack({ backend });
    expect(tf.terraform.cloud).toEqual({ organization: "acme-corp", workspaces: { name: "batch-prod" } });
    expect(tf.terraform.backend).toBeUndefined();
  });

  test("TF_CLOUD_HOSTNAME selects a Terraform Enterprise host", () => {
    const backend = backendFromEnvironment({
      TF_CLOUD_ORGANIZATION: "acme-corp",
      TF_WORKSPACE: "batch-prod",
      TF_CLOUD_HOSTNAME: "tfe.acme.example",
    });
    expect(synthStack({ backend }).tf.terraform.cloud).toEqual({
      organization: "acme-corp",
      hostname: "tfe.acme.example",
      workspaces: { name: "batch-prod" },
    });
  });

  test("BATCH_WORKSPACE_TAGS gives tagged workspaces, TF_WORKSPACE then picks one at run time", () => {
    const backend = backendFromEnvironment({
      TF_CLOUD_ORGANIZATION: "acme-corp",
      BATCH_WORKSPACE_TAGS: "batch, aws",
      TF_WORKSPACE: "batch-prod",
    });
    expect(synthStack({ backend }).tf.terraform.cloud.workspaces).toEqual({ tags: ["batch", "aws"] });
  });

  test("an organization without a workspace is refused, naming both variables", () => {
    expect(() => backendFromEnvironment({ TF_CLOUD_ORGANIZATION: "acme-corp" })).toThrow(
      /^TF_CLOUD_ORGANIZATION=acme-corp: it is set but no workspace is\. Fix: set TF_WORKSPACE .* or BATCH_WORKSPACE_TAGS/,
    );
  });

  test("without an organization, local state relative to the stack folder, in the project root", () => {
    const { tf } = synthStack({ backend: backendFromEnvironment({}) });
    expect(tf.terraform.backend).toEqual({ local: { path: "../../../terraform.batch.tfstate" } });
    expect(tf.terraform.cloud).toBeUndefined();
  });

  test("BATCH_STATE_PATH reuses an existing state file, still as a relative path", () => {
    const projectDir = tempProject({ "legacy/terraform.tfstate": '{"version": 4, "serial": 1, "resources": []}' });
    const backend = backendFromEnvironment({ BATCH_STATE_PATH: "legacy/terraform.tfstate" });
    expect(synthStack({ projectDir, backend }).tf.terraform.backend).toEqual({ local: { path: "../../../legacy/terraform.tfstate" } });
  });

  test("BATCH_STATE_PATH naming a missing file is refused: the plan would create every resource again", () => {
    const backend = backendFromEnvironment({ BATCH_STATE_PATH: "legacy/terraform.tfstate" });
    expect(() => synthStack({ projectDir: tempProject(), backend })).toThrow(
      /^BATCH_STATE_PATH=legacy\/terraform\.tfstate: there is no state file at .*legacy\/terraform\.tfstate .*so the plan would create every resource again\. Fix: point it at the existing terraform\.tfstate, or unset it to start a new state in terraform\.batch\.tfstate$/,
    );
  });

  test.each([
    [{ TF_WORKSPACE: "batch-prod" }, /^TF_WORKSPACE=batch-prod: it is set but TF_CLOUD_ORGANIZATION is not, so the stack would get local state instead of Terraform Cloud\. Fix: set TF_CLOUD_ORGANIZATION/],
    [{ BATCH_WORKSPACE_TAGS: "batch" }, /^BATCH_WORKSPACE_TAGS=batch: it is set but TF_CLOUD_ORGANIZATION is not/],
    [{ TF_CLOUD_HOSTNAME: "tfe.example.com" }, /^TF_CLOUD_HOSTNAME=tfe\.example\.com: it is set but TF_CLOUD_ORGANIZATION is not/],
    [{ TF_CLOUD_ORGANIZATION: "acme", BATCH_WORKSPACE_TAGS: " , " }, /^BATCH_WORKSPACE_TAGS=" , ": it holds no workspace tag\. Fix: give comma-separated tags/],
  ])("a Terraform Cloud setting that cannot take effect is refused: %j", (env, message) => {
    expect(() => backendFromEnvironment(env)).toThrow(message);
  });

  test("per environment, the workspace is <prefix><environment>", () => {
    expect(backendFromEnvironment({ TF_CLOUD_ORGANIZATION: "acme-corp" }, "prod")).toMatchObject({
      workspaceName: "batch-prod",
    });
    expect(
      backendFromEnvironment({ TF_CLOUD_ORGANIZATION: "acme-corp", BATCH_WORKSPACE_PREFIX: "payments-" }, "dev"),
    ).toMatchObject({ workspaceName: "payments-dev" });
  });
});

describe("several environments", () => {
  test("no environments/ folder: the single batch stack", () => {
    expect(planStacks(tempProject())).toEqual([{ stackName: "batch" }]);
  });

  test("one batch-<env> stack per environments/<env>.tfvars, each carrying its file", () => {
    const dir = tempProject({ "environments/prod.tfvars": 'environment = "prod"\n', "environments/dev.tfvars": 'environment = "dev"\n' });
    expect(planStacks(dir)).toEqual([
      { stackName: "batch-dev", environment: "dev", tfvarsFile: "environments/dev.tfvars" },
      { stackName: "batch-prod", environment: "prod", tfvarsFile: "environments/prod.tfvars" },
    ]);
  });

  test("environments/<env>.tfvars.json is an environment too", () => {
    expect(planStacks(tempProject({ "environments/prod.tfvars.json": '{"environment": "prod"}' }))).toEqual([
      { stackName: "batch-prod", environment: "prod", tfvarsFile: "environments/prod.tfvars.json" },
    ]);
  });

  test.each([
    [{ "environments/prod.TFVARS": "" }, /^environments\/prod\.TFVARS: every file in environments\/ is one environment's variables, and this one is not a \.tfvars or \.tfvars\.json file\. Fix: name it/],
    [{ "environments/notes.txt": "" }, /^environments\/notes\.txt: every file in environments\//],
    [{ "environments/prod.tfvars": "", "environments/prod.tfvars.json": "{}" }, /^environments\/prod\.tfvars\.json: environments\/prod\.tfvars already gives environment "prod" its variables\. Fix: keep one of the two files$/],
    [{ "environments/Prod.tfvars": "" }, /^environments\/Prod\.tfvars: "Prod" cannot name a stack and its workspace\. Fix: rename the file with lowercase letters/],
  ])("every file of environments/ is a stack or a clear error: %j", (files, message) => {
    expect(() => planStacks(tempProject(files))).toThrow(message);
  });

  test("a file name that cannot name a stack is refused", () => {
    const dir = tempProject({ "environments/Prod EU.tfvars": "" });
    expect(() => planStacks(dir)).toThrow(/environments\/Prod EU\.tfvars: "Prod EU" cannot name a stack/);
  });
});

// The real app, run the way the cdktf CLI runs it, in copies of this
// repository at two different places.
// cdktf's own validation runs `terraform version` during the app's synth, as under `cdktf synth`.
describeWithTerraform("self-contained, reproducible output", () => {
  function synthesize(dir: string, env: NodeJS.ProcessEnv = {}): { [file: string]: Buffer } {
    const outdir = synthesizeProject(dir, env);
    const files: { [file: string]: Buffer } = {};
    for (const file of listFiles(outdir)) {
      files[path.relative(outdir, file)] = fs.readFileSync(file);
    }
    return files;
  }

  let first: string;
  let firstFiles: { [file: string]: Buffer };
  beforeAll(() => {
    first = cloneProject({}, tempDir("batch-clone-"));
    firstFiles = synthesize(first);
  });

  test("the stack folder holds everything Terraform reads: cdk.tf.json, the tfvars, the templates", () => {
    expect(Object.keys(firstFiles).sort()).toEqual([
      "manifest.json",
      expect.stringMatching(/^stacks\/batch\/assets\/[^/]+\/[0-9A-F]+\/functionaltest\.json$/),
      "stacks/batch/cdk.tf.json",
      "stacks/batch/terraform.tfvars",
    ]);
  });

  test("no path of the build machine anywhere under cdktf.out/", () => {
    for (const [file, content] of Object.entries(firstFiles)) {
      const text = content.toString("utf8");
      for (const machinePath of [first, os.tmpdir(), PROJECT_DIR, os.homedir()]) {
        expect({ file, leaks: text.includes(machinePath) }).toEqual({ file, leaks: false });
      }
    }
  });

  test("two clones in different folders synthesize identical bytes", () => {
    const secondFiles = synthesize(cloneProject({}, tempDir("batch-clone-")));
    expect(Object.keys(secondFiles).sort()).toEqual(Object.keys(firstFiles).sort());
    for (const file of Object.keys(firstFiles)) {
      expect({ file, same: secondFiles[file].equals(firstFiles[file]) }).toEqual({ file, same: true });
    }
  });

  test("with environments/, one stack per environment, each with its own tfvars and workspace", () => {
    const dir = cloneProject(
      { "environments/dev.tfvars": 'environment = "dev"\n', "environments/prod.tfvars": 'environment = "prod"\n', "terraform.tfvars": null },
      tempDir("batch-clone-"),
    );
    const files = synthesize(dir, { TF_CLOUD_ORGANIZATION: "acme-corp" });
    for (const env of ["dev", "prod"]) {
      expect(files[`stacks/batch-${env}/terraform.tfvars`].toString()).toBe(`environment = "${env}"\n`);
      const tf = JSON.parse(files[`stacks/batch-${env}/cdk.tf.json`].toString());
      expect(tf.terraform.cloud).toEqual({ organization: "acme-corp", workspaces: { name: `batch-${env}` } });
    }
    expect(Object.keys(files).some((file) => file.startsWith("stacks/batch/"))).toBe(false);
  });
});
