// Terraform, offline, with the stand-in hashicorp/aws provider: installed from
// a local filesystem mirror (so `terraform init` never asks the registry, and
// backends work as usual), and, by default, one stand-in process started once
// and shared by every Terraform run (TF_REATTACH_PROVIDERS) rather than the
// three or four processes Terraform starts per command.
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROVIDER_VERSION, deriveSchema } from "../standin";

const PLUGIN = path.resolve(__dirname, "..", "standin", "protocol", "main.ts");
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
export function runTerraform(dir: string, args: readonly string[], cliConfig: string, reattach?: string): TerraformRun {
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
      ...(reattach && { TF_REATTACH_PROVIDERS: reattach }),
    },
  });
  return { status: result.status ?? -1, stdout: result.stdout, output: `${result.stdout}${result.stderr}` };
}

/** How long the shared stand-in may take to start listening. */
const START_TIMEOUT_MS = 15_000;

export interface StandinOptions {
  /**
   * Start one stand-in process for every Terraform run (TF_REATTACH_PROVIDERS).
   * Off, Terraform starts the installed plugin itself, over go-plugin's
   * handshake and mutual TLS, as it starts the real provider.
   * @default true
   */
  readonly shared?: boolean;
}

export class StandinTerraform {
  /**
   * Installs the stand-in, serving the resources and data sources of the given
   * @cdktf/provider-aws bindings folders, into a fresh temporary mirror.
   */
  static install(bindingNames: readonly string[], options: StandinOptions = {}): StandinTerraform {
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
        `STANDIN_SCHEMA=${shellQuote(schemaFile)} exec ${shellQuote(process.execPath)} --require ${shellQuote(REGISTER_TS)} ${shellQuote(PLUGIN)}`,
        "",
      ].join("\n"),
      { mode: 0o755 },
    );
    const cliConfig = path.join(root, "terraform.rc");
    fs.writeFileSync(
      cliConfig,
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(path.join(root, "mirror"))}\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`,
    );
    const shared = options.shared ?? true ? startShared(root, schemaFile) : undefined;
    return new StandinTerraform(root, cliConfig, shared);
  }

  private constructor(
    /** The temporary folder holding the mirror, the schema and the CLI configuration. */
    public readonly root: string,
    public readonly cliConfig: string,
    private readonly shared?: { readonly process: ChildProcess; readonly reattach: string },
  ) {}

  run(dir: string, args: readonly string[]): TerraformRun {
    return runTerraform(dir, args, this.cliConfig, this.shared?.reattach);
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
    this.shared?.process.stdin?.end();
    this.shared?.process.kill();
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** Starts the stand-in in reattach mode and waits, synchronously, until it says where it listens. */
function startShared(root: string, schemaFile: string): { process: ChildProcess; reattach: string } {
  const reattachFile = path.join(root, "reattach.json");
  const log = fs.openSync(path.join(root, "standin.log"), "w");
  const child = spawn(process.execPath, ["--require", REGISTER_TS, PLUGIN], {
    stdio: ["pipe", "ignore", log],
    env: { PATH: process.env.PATH, STANDIN_SCHEMA: schemaFile, STANDIN_REATTACH_FILE: reattachFile },
  });
  fs.closeSync(log);
  // Neither the process nor its standard input may keep a test run or the command line alive.
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  const deadline = Date.now() + START_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (!fs.existsSync(reattachFile)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error(`the stand-in provider did not start: ${fs.readFileSync(path.join(root, "standin.log"), "utf8") || "no output"}`);
    }
    Atomics.wait(pause, 0, 0, 10);
  }
  const config = JSON.parse(fs.readFileSync(reattachFile, "utf8"));
  return { process: child, reattach: JSON.stringify({ "registry.terraform.io/hashicorp/aws": config }) };
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
