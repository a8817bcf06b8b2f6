import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The terraform binary, or undefined where there is none (the tests that need it are skipped). */
export const TERRAFORM = (() => {
  const found = spawnSync("terraform", ["version"], { encoding: "utf8" });
  return found.status === 0 ? "terraform" : undefined;
})();

let announced = false;
/** `describe`, or `describe.skip` with one clear line where no terraform binary exists. */
export function describeWithTerraform(name: string, body: () => void): void {
  if (!TERRAFORM && !announced) {
    announced = true;
    console.warn("No terraform binary on PATH: the tests that run Terraform itself are skipped.");
  }
  (TERRAFORM ? describe : describe.skip)(name, body);
}

export interface TerraformResult {
  readonly status: number;
  readonly output: string;
}

/** Runs terraform in `dir` with no user configuration, no color, no prompt. */
export function terraform(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): TerraformResult {
  const cliConfig = path.join(os.tmpdir(), "batch-tests-empty.tfrc");
  if (!fs.existsSync(cliConfig)) {
    fs.writeFileSync(cliConfig, "");
  }
  const result = spawnSync(TERRAFORM ?? "terraform", [...args, "-no-color"], {
    cwd: dir,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      TF_CLI_CONFIG_FILE: cliConfig,
      ...env,
    },
  });
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}
