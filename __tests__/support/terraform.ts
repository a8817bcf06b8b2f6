import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformRun, runTerraform, terraformAvailable } from "../../dropin/check/terraform";

/** The terraform binary, or undefined where there is none (the tests that need it are skipped). */
export const TERRAFORM =
  (process.env.BATCH_TESTS_TERRAFORM !== undefined ? process.env.BATCH_TESTS_TERRAFORM === "1" : terraformAvailable()) ? "terraform" : undefined;

let announced = false;
/** `describe`, or `describe.skip` with one clear line where no terraform binary exists. */
export function describeWithTerraform(name: string, body: () => void): void {
  if (!TERRAFORM && !announced) {
    announced = true;
    console.warn("No terraform binary on PATH: the tests that run Terraform itself are skipped.");
  }
  (TERRAFORM ? describe : describe.skip)(name, body);
}

/** Runs terraform in `dir` with no user configuration (so no provider can be installed), no color, no prompt. */
export function terraform(dir: string, args: string[]): TerraformRun {
  const cliConfig = path.join(os.tmpdir(), "batch-tests-empty.tfrc");
  if (!fs.existsSync(cliConfig)) {
    fs.writeFileSync(cliConfig, "");
  }
  return runTerraform(dir, args, cliConfig);
}
