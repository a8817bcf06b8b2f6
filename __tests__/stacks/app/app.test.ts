// The app's synthesis (synthesizeStacks): each mistake of a user's first
// hour caught with one message that names what was written, the problem and
// the fix; every template and variable file used or refused; warnings once;
// and output that holds no path of the build machine.
import * as fs from "fs";
import * as path from "path";
import * as os from "os";
import { spawnSync } from "child_process";
import { App } from "cdktf";
import { cloneProject, listFiles, synthesizeProject } from "../../../dropin/check/project";
import { synthesizeStacks } from "../../../stacks/app/app";
import { backendFromEnvironment } from "../../../stacks/app/backend";
import { ConfigError } from "../../../stacks/app/errors";
import { PROJECT_DIR, SECRET_TEMPLATE, UPSTREAM_TEMPLATE, synthStack, tempDir, tempProject } from "../../support/stack";

jest.setTimeout(60_000);

const TFVARS = fs.readFileSync(path.join(PROJECT_DIR, "terraform.tfvars"), "utf8");

describe("synthesizeStacks (the app's synthesis, in-process): each mistake, its one message", () => {
  const project = (files: { [file: string]: string | null }) => cloneProject(files, tempDir("first-hour-in-"));
  const synth = (dir: string, env: NodeJS.ProcessEnv = {}) =>
    synthesizeStacks(new App({ outdir: path.join(dir, "cdktf.out"), skipValidation: true }), dir, (plan) => ({
      backend: backendFromEnvironment(env, plan.environment),
    }), env);

  test.each([
    [
      "a misspelled template option, at its path",
      { "main.ts": null },
      {},
      /^Stack 'batch': option jobDefinitions\["functionaltest"\]\.timeoutSecs: .* Fix: did you mean jobDefinitions\["functionaltest"\]\.timeoutSeconds\?/,
    ],
    [
      "a variable the stack does not declare, with the closest declared name",
      { "terraform.tfvars": `${TFVARS}max_vcpu = 4\n` },
      {},
      /^terraform\.tfvars:24: max_vcpu: the stack declares no such variable, so Terraform would ignore the value and keep the default\. Fix: did you mean max_vcpus\?$/,
    ],
    [
      "an opt-in feature's variable while the feature is off",
      { "terraform.tfvars": `${TFVARS}on_demand_max_vcpus = 4\n` },
      {},
      /^terraform\.tfvars:24: on_demand_max_vcpus: the variable of an option that is off \(onDemandFallback\), so Terraform would ignore it\. Fix: turn the option on in main.ts, or remove the value$/,
    ],
    ["an environment file's error names environments/<file>, not the copy", { "environments/prod.tfvars": 'environment = "prod\n', "terraform.tfvars": null }, {}, /^environments\/prod\.tfvars:1: not valid HCL/],
    ["a broken JSON environment file, at its line", { "environments/prod.tfvars.json": '{\n  "environment": "prod",\n}\n', "terraform.tfvars": null }, {}, /^environments\/prod\.tfvars\.json:3: not valid JSON \((?!.*position).+\)\. Fix: /],
    ["BATCH_STATE_PATH naming a missing file", {}, { BATCH_STATE_PATH: "old/terraform.tfstate" }, /^BATCH_STATE_PATH=old\/terraform\.tfstate: there is no state file at /],
    ["TF_WORKSPACE without TF_CLOUD_ORGANIZATION", {}, { TF_WORKSPACE: "batch-prod" }, /^TF_WORKSPACE=batch-prod: it is set but TF_CLOUD_ORGANIZATION is not/],
    ["cdktf synth --hcl (the CLI sets SYNTH_HCL_OUTPUT)", {}, { SYNTH_HCL_OUTPUT: "true" }, /^cdktf synth --hcl: this stack is synthesized as JSON only: .* Fix: synthesize without --hcl/],
    // Variable files and state: used or refused, never ignored.
    [
      "an *.auto.tfvars in the project root (Terraform would not load it from there)",
      { "sizing.auto.tfvars": "max_vcpus = 4\n" },
      {},
      /^sizing\.auto\.tfvars: Terraform loads \*\.auto\.tfvars files only from the folder it runs in, the stack folder, .* so its values would be ignored\. Fix: move its values into terraform\.tfvars, then remove it$/,
    ],
    [
      "the root terraform.tfvars beside environments/",
      { "environments/prod.tfvars": 'environment = "prod"\n' },
      {},
      /^terraform\.tfvars: environments\/ has files, so each stack takes its variables from its environments\/<environment>\.tfvars and this file would be ignored\. Fix: move its values into the files of environments\/ \(shared values in each\), then remove it$/,
    ],
    [
      "a misspelled variable in terraform.tfvars.json, which synth now copies and checks too",
      { "terraform.tfvars.json": '{"max_vcpu": 4}' },
      {},
      /^terraform\.tfvars\.json:1: max_vcpu: the stack declares no such variable, .* Fix: did you mean max_vcpus\?$/,
    ],
    [
      "terraform.tfvars as a folder",
      { "terraform.tfvars": null, "terraform.tfvars/x": "" },
      {},
      /^terraform\.tfvars: it is a folder, and Terraform reads variables from a file of that name\. Fix: /,
    ],
    [
      "BATCH_STATE_PATH naming a file that is not a state",
      { "old.tfstate": "region = eu-west-1\n" },
      { BATCH_STATE_PATH: "old.tfstate" },
      /^BATCH_STATE_PATH=old\.tfstate: .*old\.tfstate is not a Terraform state file \(not JSON: .*\), so Terraform would refuse it as the stack's state\. Fix: point it at the module's state file/,
    ],
    [
      "BATCH_STATE_PATH naming JSON that is not a state",
      { "old.tfstate": '{"environment": "test"}' },
      { BATCH_STATE_PATH: "old.tfstate" },
      /^BATCH_STATE_PATH=old\.tfstate: .*old\.tfstate is not a Terraform state file \(no format version\)/,
    ],
    [
      "one BATCH_STATE_PATH for every stack of environments/ (each plan would destroy the other's resources)",
      { "environments/dev.tfvars": TFVARS, "environments/prod.tfvars": TFVARS, "terraform.tfvars": null, "current.tfstate": '{"version": 4, "resources": []}' },
      { BATCH_STATE_PATH: "current.tfstate" },
      /^stacks batch-dev and batch-prod: both would keep their state in the local state current\.tfstate \(BATCH_STATE_PATH\), and each plan would destroy the other stack's resources\. Fix: give each environment its own state/,
    ],
    [
      "two templates whose names differ only in case",
      { "job-definitions/Etl.json": UPSTREAM_TEMPLATE, "job-definitions/etl.json": UPSTREAM_TEMPLATE },
      {},
      /^job-definitions\/etl\.json: job-definitions\/Etl\.json has the same name but for case, and their stack folders would collide on a case-insensitive file system\. Fix: rename one of them$/,
    ],
  ])("%s", async (name, files, env, message) => {
    const dir = project(files as { [file: string]: string | null });
    const run =
      name === "a misspelled template option, at its path"
        ? synthesizeStacks(new App({ outdir: path.join(dir, "cdktf.out"), skipValidation: true }), dir, () => ({
            jobDefinitions: { functionaltest: { timeoutSecs: 600 } } as never,
          }))
        : synth(dir, env as NodeJS.ProcessEnv);
    await expect(run).rejects.toThrow(ConfigError);
    await expect(run).rejects.toThrow(message);
  });
});

describe("templates: used or refused, never ignored", () => {
  const synthTemplates = (files: { [file: string]: string }) => () => synthStack({ projectDir: tempProject(files) });

  test.each([
    ["an upper-case .JSON", { "job-definitions/Extra.JSON": UPSTREAM_TEMPLATE }, /^job-definitions\/Extra\.JSON: templates are the files ending in \.json, in lower case, .* Fix: rename it to Extra\.json$/],
    ["an empty file", { "job-definitions/functionaltest.json": "" }, /^job-definitions\/functionaltest\.json:1: the file is empty\. Fix: /],
    ["a byte-order mark", { "job-definitions/functionaltest.json": `\uFEFF${UPSTREAM_TEMPLATE}` }, /^job-definitions\/functionaltest\.json:1: the file starts with a byte-order mark \(BOM\).* Fix: save the file as UTF-8 without a BOM$/],
    [
      "a quoted number variable",
      { "job-definitions/functionaltest.json": UPSTREAM_TEMPLATE.replace('"vcpus": ${BATCH_VCPUS}', '"vcpus": "${BATCH_VCPUS}"') },
      /^job-definitions\/functionaltest\.json:\d+: "\$\{BATCH_VCPUS\}" is quoted, so vcpus would be a string where AWS Batch wants a whole number \(the provider refuses the job definition\)\. Fix: write \$\{BATCH_VCPUS\} without the quotes$/,
    ],
    ["a 130-character template name", { [`job-definitions/${"x".repeat(130)}.json`]: SECRET_TEMPLATE }, /^job-definitions\/x{130}\.json: the name has 130 characters before \.json, .* would exceed AWS Batch's 128\. Fix: rename the file to at most 119 characters before \.json/],
  ])("%s is refused with its own message", (_what, files, message) => {
    expect(synthTemplates(files)).toThrow(message);
  });

  test("a template name of 119 characters is accepted, 120 refused", () => {
    expect(synthTemplates({ [`job-definitions/${"y".repeat(119)}.json`]: SECRET_TEMPLATE })).not.toThrow();
    expect(synthTemplates({ [`job-definitions/${"y".repeat(120)}.json`]: SECRET_TEMPLATE })).toThrow(/the name has 120 characters before \.json/);
  });

  test("no message shows a sample value the loader substitutes internally", () => {
    const broken = UPSTREAM_TEMPLATE.replace('"image": "${BATCH_IMAGE}",', '"image": ${BATCH_IMAGE}, "${ENV}": 1,');
    expect(synthTemplates({ "job-definitions/functionaltest.json": broken })).toThrow(/^(?!.*sample-).*\$\{BATCH_IMAGE\} is a string/);
  });
});

describe("warnings: once per synth", () => {
  test("the template's job-level keys warning is given once for all the stacks of environments/", () => {
    const dir = cloneProject({ "environments/dev.tfvars": TFVARS, "environments/prod.tfvars": TFVARS, "terraform.tfvars": null }, tempDir("first-hour-warn-"));
    spawnSync(process.execPath, ["--require", "./scripts/register-ts.js", "main.ts"], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: "cdktf.out" },
    });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "manifest.json"), "utf8"));
    const warnings = Object.values(manifest.stacks).flatMap((stack) =>
      (stack as { annotations: { level: string; message: string }[] }).annotations.filter((note) => note.level === "@cdktf/warn"),
    );
    expect(warnings.map((warning) => warning.message)).toEqual([expect.stringContaining("puts retryStrategy, timeout among container properties")]);
  });
});



// The real app, run the way the cdktf CLI runs it, in copies of this
// repository at two different places.
describe("self-contained, reproducible output", () => {
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

  test("the stack folder holds everything Terraform reads: cdk.tf.json, the tfvars, the templates (and what Terraform Cloud must not upload)", () => {
    expect(Object.keys(firstFiles).sort()).toEqual([
      "manifest.json",
      "stacks/batch/.terraformignore",
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
