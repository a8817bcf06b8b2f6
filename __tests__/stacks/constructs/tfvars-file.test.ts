import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { DEFAULT_TFVARS_FILE, TfvarsFile, TfvarsFileProps } from "../../../stacks/constructs/tfvars-file";
import { synthScope, TempFolders } from "../../support/constructs";

const folders = new TempFolders();
afterAll(() => folders.removeAll());

const TEAM_VALUES = 'environment = "test"\nbatch_vcpus = 8\n';

/** A real app synthesis into a temporary out folder: the folder of each stack. */
function synthApp(stacks: { [id: string]: TfvarsFileProps }): { [id: string]: string } {
  const outdir = folders.make();
  const app = new App({ outdir, skipValidation: true });
  for (const [id, props] of Object.entries(stacks)) {
    new TfvarsFile(new TerraformStack(app, id), "tfvars", props);
  }
  app.synth();
  return Object.fromEntries(Object.keys(stacks).map((id) => [id, path.join(outdir, "stacks", id)]));
}

test("copies terraform.tfvars of the project into the stack folder by default", () => {
  const projectDir = folders.make({ "terraform.tfvars": TEAM_VALUES });
  const { batch } = synthApp({ batch: { projectDir } });
  expect(fs.readFileSync(path.join(batch, "terraform.tfvars"), "utf8")).toBe(TEAM_VALUES);
});

test("copies the named file, relative to projectDir, as terraform.tfvars", () => {
  const projectDir = folders.make({ "envs/prod.tfvars": TEAM_VALUES, "terraform.tfvars": 'environment = "other"\n' });
  const { batch } = synthApp({ batch: { projectDir, file: "envs/prod.tfvars" } });
  expect(fs.readFileSync(path.join(batch, DEFAULT_TFVARS_FILE), "utf8")).toBe(TEAM_VALUES);
  expect(fs.existsSync(path.join(batch, "prod.tfvars"))).toBe(false);
});

test("copies into the folder of its own stack when an app has several", () => {
  const first = folders.make({ "terraform.tfvars": 'environment = "a"\n' });
  const second = folders.make({ "terraform.tfvars": 'environment = "b"\n' });
  const dirs = synthApp({ a: { projectDir: first }, b: { projectDir: second } });
  expect(fs.readFileSync(path.join(dirs.a, "terraform.tfvars"), "utf8")).toBe('environment = "a"\n');
  expect(fs.readFileSync(path.join(dirs.b, "terraform.tfvars"), "utf8")).toBe('environment = "b"\n');
});

test("copies at synthesis, not when constructed", () => {
  const projectDir = folders.make({ "terraform.tfvars": TEAM_VALUES });
  const outdir = folders.make();
  const app = new App({ outdir, skipValidation: true });
  new TfvarsFile(new TerraformStack(app, "batch"), "tfvars", { projectDir });
  expect(fs.existsSync(path.join(outdir, "stacks", "batch", "terraform.tfvars"))).toBe(false);
  app.synth();
  expect(fs.existsSync(path.join(outdir, "stacks", "batch", "terraform.tfvars"))).toBe(true);
});

test("skips a missing default terraform.tfvars: synthesis succeeds and writes none", () => {
  const projectDir = folders.make();
  const { batch } = synthApp({ batch: { projectDir } });
  expect(fs.existsSync(path.join(batch, "cdk.tf.json"))).toBe(true);
  expect(fs.existsSync(path.join(batch, "terraform.tfvars"))).toBe(false);
});

test("fails when the named file does not exist, naming it and the construct", () => {
  const projectDir = folders.make({ "terraform.tfvars": TEAM_VALUES });
  expect(() => synthScope((scope) => new TfvarsFile(scope, "tfvars", { projectDir, file: "prod.tfvars" }))).toThrow(
    /^TfvarsFile 'tfvars': prod\.tfvars: the file does not exist\. Fix: create it, or leave the option unset$/,
  );
});

test("fails when terraform.tfvars is named explicitly and does not exist", () => {
  const projectDir = folders.make();
  expect(() => synthScope((scope) => new TfvarsFile(scope, "tfvars", { projectDir, file: "terraform.tfvars" }))).toThrow(
    /TfvarsFile 'tfvars': terraform\.tfvars: the file does not exist/,
  );
});

test("adds nothing to the Terraform configuration", () => {
  const projectDir = folders.make({ "terraform.tfvars": TEAM_VALUES });
  const empty = synthScope(() => undefined);
  expect(synthScope((scope) => new TfvarsFile(scope, "tfvars", { projectDir }))).toBe(empty);
});

test("copies a JSON variable file as terraform.tfvars.json, the JSON name Terraform loads", () => {
  const projectDir = folders.make({ "environments/prod.tfvars.json": '{"environment": "prod"}' });
  const { batch } = synthApp({ batch: { projectDir, file: "environments/prod.tfvars.json" } });
  expect(fs.readFileSync(path.join(batch, "terraform.tfvars.json"), "utf8")).toBe('{"environment": "prod"}');
  expect(fs.existsSync(path.join(batch, "terraform.tfvars"))).toBe(false);
});

test("removes a copy an earlier synth left when the project no longer has a tfvars file", () => {
  const projectDir = folders.make({ "terraform.tfvars": TEAM_VALUES });
  const outdir = folders.make();
  const synthInto = () => {
    const app = new App({ outdir, skipValidation: true });
    new TfvarsFile(new TerraformStack(app, "batch"), "tfvars", { projectDir });
    app.synth();
  };
  synthInto();
  fs.rmSync(path.join(projectDir, "terraform.tfvars"));
  synthInto();
  expect(fs.existsSync(path.join(outdir, "stacks", "batch", "terraform.tfvars"))).toBe(false);
});

test("copies terraform.tfvars.json of the project when it is the only variable file: Terraform would load it", () => {
  const projectDir = folders.make({ "terraform.tfvars.json": '{"environment": "test"}' });
  const { batch } = synthApp({ batch: { projectDir } });
  expect(fs.readFileSync(path.join(batch, "terraform.tfvars.json"), "utf8")).toBe('{"environment": "test"}');
  expect(fs.existsSync(path.join(batch, "terraform.tfvars"))).toBe(false);
});

test("copies both terraform.tfvars and terraform.tfvars.json when both exist, as Terraform loads both", () => {
  const projectDir = folders.make({ "terraform.tfvars": TEAM_VALUES, "terraform.tfvars.json": '{"batch_vcpus": 2}' });
  const outdir = folders.make();
  const app = new App({ outdir, skipValidation: true });
  const file = new TfvarsFile(new TerraformStack(app, "batch"), "tfvars", { projectDir });
  app.synth();
  expect(file.sourcePaths.map((source) => path.basename(source))).toEqual(["terraform.tfvars", "terraform.tfvars.json"]);
  expect(fs.readFileSync(path.join(outdir, "stacks", "batch", "terraform.tfvars"), "utf8")).toBe(TEAM_VALUES);
  expect(fs.readFileSync(path.join(outdir, "stacks", "batch", "terraform.tfvars.json"), "utf8")).toBe('{"batch_vcpus": 2}');
});
