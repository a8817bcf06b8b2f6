// npm run synth (scripts/synth.js): the app run as `cdktf synth` runs it,
// without the CLI's start-up, then a summary per stack.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { cloneProject, listFiles } from "../../dropin/check/project";
import { PROJECT_DIR, pathWithoutTerraform, tempDir } from "../support/stack";

jest.setTimeout(60_000);

const TFVARS = fs.readFileSync(path.join(PROJECT_DIR, "terraform.tfvars"), "utf8");

/** `npm run synth` in `dir`, as npm runs the script. */
function npmRunSynth(dir: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [path.join(dir, "scripts", "synth.js")], {
    cwd: dir,
    encoding: "utf8",
    // Synthesis needs no Terraform (main.ts: skipValidation), as on a CI runner that only synthesizes.
    env: { PATH: pathWithoutTerraform(), HOME: process.env.HOME, ...env },
  });
}

function filesOf(outdir: string): { [file: string]: Buffer } {
  return Object.fromEntries(listFiles(outdir).map((file) => [path.relative(outdir, file), fs.readFileSync(file)]));
}

describe("npm run synth", () => {
  test("prints the template warning as the CLI does, then the summary: resources, templates, variables, state", () => {
    const result = npmRunSynth(cloneProject({}, tempDir("synth-")));
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
    expect(result.stdout.split("\n")).toEqual([
      expect.stringMatching(/^WARN \[batch\/job-definition-functionaltest\]: job-definitions\/functionaltest\.json puts retryStrategy, timeout among container properties/),
      "batch: 18 resources; templates functionaltest.json; variables from terraform.tfvars; state in terraform.batch.tfstate (local, new: no such file yet)",
      "",
    ]);
  });

  test("a mistake: printed once, as an ERROR line, and exit 1", () => {
    const result = npmRunSynth(cloneProject({ "terraform.tfvars": `${TFVARS}max_vcpu = 4\n` }, tempDir("synth-error-")));
    expect(result.status).toBe(1);
    expect(result.stdout.split("max_vcpu: the stack declares no such variable")).toHaveLength(2);
    expect(result.stdout).toContain("ERROR [synth]: terraform.tfvars:24: max_vcpu:");
    expect(result.stdout).not.toMatch(/^\s*at /m);
  });

  test("with environments/, one summary line per stack, naming the environment's file; a stack no longer synthesized is removed", () => {
    const dir = cloneProject({ "terraform.tfvars": null, "environments/prod.tfvars": TFVARS, "environments/dev.tfvars": TFVARS }, tempDir("synth-env-"));
    fs.mkdirSync(path.join(dir, "cdktf.out", "stacks", "batch"), { recursive: true });
    const result = npmRunSynth(dir, { TF_CLOUD_ORGANIZATION: "acme" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("batch-prod: 18 resources; templates functionaltest.json; variables from environments/prod.tfvars; state in Terraform Cloud, organization acme, workspace batch-prod");
    expect(result.stdout).toContain("batch-dev: 18 resources;");
    expect(fs.readdirSync(path.join(dir, "cdktf.out", "stacks")).sort()).toEqual(["batch-dev", "batch-prod"]);
  });
});

describe("cdktf synth keeps working", () => {
  test("cdktf.out/ is byte-identical to npm run synth's", () => {
    const dir = cloneProject({}, tempDir("synth-cli-"));
    expect(npmRunSynth(dir).status).toBe(0);
    const ours = filesOf(path.join(dir, "cdktf.out"));
    fs.rmSync(path.join(dir, "cdktf.out"), { recursive: true });
    const cli = spawnSync(path.join(PROJECT_DIR, "node_modules", ".bin", "cdktf"), ["synth"], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: pathWithoutTerraform(), HOME: process.env.HOME, CHECKPOINT_DISABLE: "1", CI: "1", TF_CLI_CONFIG_FILE: "" },
    });
    expect(cli.status).toBe(0);
    const theirs = filesOf(path.join(dir, "cdktf.out"));
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    for (const file of Object.keys(theirs)) {
      expect({ file, same: ours[file].equals(theirs[file]) }).toEqual({ file, same: true });
    }
  });
});
