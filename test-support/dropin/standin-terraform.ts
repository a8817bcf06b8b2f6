// Terraform, offline, with the stand-in hashicorp/aws provider installed from
// a local filesystem mirror (so `terraform init` never asks the registry, and
// backends work as usual).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROVIDER_VERSION, deriveSchema } from "../standin-provider/schema";

const STANDIN_DIR = path.resolve(__dirname, "..", "standin-provider");
const REGISTER_TS = path.resolve(__dirname, "..", "..", "scripts", "register-ts.js");

/** Whether a terraform binary answers on PATH. */
export function terraformAvailable(): boolean {
  return spawnSync("terraform", ["version"]).status === 0;
}

export interface TerraformRun {
  readonly status: number;
  readonly stdout: string;
  readonly output: string;
}

/** Runs terraform in `dir` with no color, no prompt, no checkpoint, and the given CLI configuration. */
export function runTerraform(dir: string, args: readonly string[], cliConfig: string): TerraformRun {
  const result = spawnSync("terraform", [...args, "-no-color"], {
    cwd: dir,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      TF_CLI_CONFIG_FILE: cliConfig,
    },
  });
  return { status: result.status ?? -1, stdout: result.stdout, output: `${result.stdout}${result.stderr}` };
}

export class StandinTerraform {
  /**
   * Installs the stand-in, serving the resources and data sources of the given
   * @cdktf/provider-aws bindings folders, into a fresh temporary mirror.
   */
  static install(bindingNames: readonly string[]): StandinTerraform {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "standin-aws-"));
    const platform = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;
    const packageDir = path.join(root, "mirror", "registry.terraform.io", "hashicorp", "aws", PROVIDER_VERSION, platform);
    fs.mkdirSync(packageDir, { recursive: true });
    const schemaFile = path.join(root, "schema.json");
    fs.writeFileSync(schemaFile, JSON.stringify(deriveSchema(bindingNames)));
    const executable = path.join(packageDir, `terraform-provider-aws_v${PROVIDER_VERSION}`);
    fs.writeFileSync(
      executable,
      [
        "#!/bin/sh",
        `STANDIN_SCHEMA=${shellQuote(schemaFile)} exec ${shellQuote(process.execPath)} --require ${shellQuote(REGISTER_TS)} ${shellQuote(path.join(STANDIN_DIR, "main.ts"))}`,
        "",
      ].join("\n"),
      { mode: 0o755 },
    );
    const cliConfig = path.join(root, "terraform.rc");
    fs.writeFileSync(
      cliConfig,
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(path.join(root, "mirror"))}\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`,
    );
    return new StandinTerraform(root, cliConfig);
  }

  private constructor(
    /** The temporary folder holding the mirror, the schema and the CLI configuration. */
    public readonly root: string,
    public readonly cliConfig: string,
  ) {}

  run(dir: string, args: readonly string[]): TerraformRun {
    return runTerraform(dir, args, this.cliConfig);
  }

  /** Runs terraform and throws with its output when it fails. */
  mustRun(dir: string, args: readonly string[]): TerraformRun {
    const result = this.run(dir, args);
    if (result.status !== 0) {
      throw new Error(`terraform ${args.join(" ")} failed in ${dir}:\n${result.output}`);
    }
    return result;
  }

  init(dir: string): void {
    this.mustRun(dir, ["init", "-input=false", "-reconfigure"]);
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
