// ConfigError and runApp: a user's mistake ends synth with one message that
// names what was written, the problem and the fix, printed once, without a
// stack trace, and a non-zero exit; a bug still shows its stack.
import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import { cloneProject } from "../../../dropin/check/project";
import { PROJECT_DIR, mainWithOptions, tempDir } from "../../support/stack";

jest.setTimeout(60_000);

/** The app of a copy of this project, run as the cdktf CLI runs it. */
function runAppIn(files: { [file: string]: string | null }, env: NodeJS.ProcessEnv = {}) {
  const dir = cloneProject(files, tempDir("first-hour-"));
  const result = spawnSync(process.execPath, ["--require", "./scripts/register-ts.js", "main.ts"], {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: "cdktf.out", ...env },
  });
  return { dir, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const MAIN = fs.readFileSync(path.join(PROJECT_DIR, "main.ts"), "utf8");
const TFVARS = fs.readFileSync(path.join(PROJECT_DIR, "terraform.tfvars"), "utf8");
const withOptions = (options: string) => mainWithOptions(MAIN, options);

/**
 * A synth error as the cdktf CLI gets it: the app writes nothing, and its
 * manifest carries the message as the one error annotation, which the CLI
 * prints once, without a stack trace, and then fails synth.
 */
function expectOneMessage(result: ReturnType<typeof runAppIn>, message: RegExp): void {
  expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: "", stderr: "" });
  const manifest = JSON.parse(fs.readFileSync(path.join(result.dir, "cdktf.out", "manifest.json"), "utf8"));
  const errors = Object.values(manifest.stacks).flatMap((stack) =>
    (stack as { annotations: { level: string; message: string; stacktrace?: unknown }[] }).annotations.filter(
      (note) => note.level === "@cdktf/error",
    ),
  );
  expect(errors).toHaveLength(1);
  expect(errors[0].message).toMatch(message);
  expect(errors[0].message).toMatch(/\. Fix: /);
  expect(errors[0].stacktrace).toBeUndefined();
}

describe("the app's errors: one message, no stack trace, exit 1", () => {
  test("a misspelled option in main.ts, with the closest valid one", () => {
    expectOneMessage(
      runAppIn({ "main.ts": withOptions("onDemandFalback: true,") }),
      /^Stack 'batch': option onDemandFalback: the stack has no such option, so it would have no effect\. Fix: did you mean onDemandFallback\?/,
    );
  });

  test("a boolean option given another value (a string would switch it on unseen), naming the option and the value", () => {
    expectOneMessage(
      runAppIn({ "main.ts": withOptions('updatableComputeEnvironment: "yes" as never,') }),
      /^Stack 'batch': option updatableComputeEnvironment = "yes": it is neither true nor false\. Fix: set updatableComputeEnvironment: true \(or false, or leave it out\)$/,
    );
  });

  test("a terraform.tfvars syntax error, at its file and line", () => {
    expectOneMessage(
      runAppIn({ "terraform.tfvars": TFVARS.replace('subnet_ids = ["ae56b23","df56a89"]', 'subnet_ids = ["ae56b23","df56a89"') }),
      /^terraform\.tfvars:\d+: not valid HCL \(/,
    );
  });

  test("run without the CLI, the message is the one line on stderr, and the exit code 1", () => {
    const dir = cloneProject({ "terraform.tfvars": `${TFVARS}max_vcpu = 4\n` }, tempDir("first-hour-direct-"));
    const result = spawnSync(process.execPath, ["--require", "./scripts/register-ts.js", "main.ts"], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CHECKPOINT_DISABLE: "1" },
    });
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 1, stdout: "" });
    expect(result.stderr).toBe(
      "terraform.tfvars:24: max_vcpu: the stack declares no such variable, so Terraform would ignore the value and keep the default. Fix: did you mean max_vcpus?\n",
    );
  });

  test("a bug (not a user's mistake) still shows its stack trace", () => {
    const result = runAppIn({ "main.ts": `${MAIN}\nrequire("./stacks/app/errors").runApp(() => { throw new TypeError("boom"); });\n` });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/TypeError: boom\n\s+at /);
  });
});

describe("through the cdktf CLI", () => {
  test("a synth error is printed once, with no stack-trace line, and synth exits non-zero", () => {
    const dir = cloneProject({ "terraform.tfvars": `${TFVARS}max_vcpu = 4\n` }, tempDir("first-hour-cli-"));
    const result = spawnSync(path.join(PROJECT_DIR, "node_modules", ".bin", "cdktf"), ["synth"], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CHECKPOINT_DISABLE: "1", CI: "1", TF_CLI_CONFIG_FILE: "" },
    });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status).not.toBe(0);
    expect(output.split("max_vcpu: the stack declares no such variable")).toHaveLength(2);
    expect(output).toContain("ERROR [synth]: terraform.tfvars:24: max_vcpu:");
    expect(output).not.toMatch(/^\s*at |\(\/.*\.ts:\d+:\d+\)/m);
  });
});
