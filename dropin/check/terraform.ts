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

/** The file naming the account of the coming run, in the stand-in's folder. */
const ACCOUNT_CONTROL = "account-control";

/** An account's file beside a state: what AWS Batch holds for that state's objects. */
export const ACCOUNT_FILE = "standin-batch-account.json";

/** The account file of a state file. */
export function accountOf(statePath: string): string {
  return `${statePath}.${ACCOUNT_FILE}`;
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
        `STANDIN_SCHEMA=${shellQuote(schemaFile)} STANDIN_ACCOUNT_CONTROL=${shellQuote(path.join(root, ACCOUNT_CONTROL))} exec ${shellQuote(process.execPath)} --require ${shellQuote(REGISTER_TS)} ${shellQuote(PLUGIN)}`,
        "",
      ].join("\n"),
      { mode: 0o755 },
    );
    const cliConfig = path.join(root, "terraform.rc");
    fs.writeFileSync(
      cliConfig,
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(path.join(root, "mirror"))}\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`,
    );
    const shared = options.shared ?? true ? startShared(root, schemaFile, path.join(root, ACCOUNT_CONTROL)) : undefined;
    return new StandinTerraform(root, cliConfig, shared);
  }

  private constructor(
    /** The temporary folder holding the mirror, the schema and the CLI configuration. */
    public readonly root: string,
    public readonly cliConfig: string,
    private readonly shared?: SharedStandin,
  ) {}

  /**
   * Runs terraform in `dir`. The stand-in keeps what AWS Batch holds (which
   * environments queues list, which are disabled) in `account`, a file per
   * state: runs on one state share it.
   * @param account @default - a file in `dir`
   */
  run(dir: string, args: readonly string[], account: string = path.join(dir, ACCOUNT_FILE)): TerraformRun {
    // Runs are one at a time: the stand-in reads the account to use when Terraform configures it.
    fs.writeFileSync(path.join(this.root, ACCOUNT_CONTROL), account);
    // `init` installs from the mirror and never dials the provider: it runs while the stand-in starts.
    const dials = args[0] !== "init";
    return runTerraform(dir, args, this.cliConfig, dials ? this.shared?.reattach() : undefined);
  }

  /** Runs terraform and throws with its output when it fails. */
  mustRun(dir: string, args: readonly string[], account?: string): TerraformRun {
    const result = this.run(dir, args, account);
    if (result.status !== 0) {
      // Terraform's diagnostics, without the refresh lines before them.
      const diagnostics = result.output.search(/^(│ )?Error: /m);
      throw new Error(`terraform ${args.join(" ")} failed in ${dir}:\n${diagnostics > 0 ? result.output.slice(diagnostics) : result.output}`);
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

/** The shared stand-in process, and its TF_REATTACH_PROVIDERS value once it listens. */
interface SharedStandin {
  readonly process: ChildProcess;
  /** Waits, synchronously, the first time, until the process says where it listens. */
  reattach(): string;
}

/**
 * Starts the stand-in in reattach mode. It starts listening while the caller
 * goes on (a synth, an init); the first run that needs it waits for it.
 */
function startShared(root: string, schemaFile: string, accountControl: string): SharedStandin {
  const reattachFile = path.join(root, "reattach.json");
  const log = fs.openSync(path.join(root, "standin.log"), "w");
  const child = spawn(process.execPath, ["--require", REGISTER_TS, PLUGIN], {
    stdio: ["pipe", "ignore", log],
    env: { PATH: process.env.PATH, STANDIN_SCHEMA: schemaFile, STANDIN_REATTACH_FILE: reattachFile, STANDIN_ACCOUNT_CONTROL: accountControl },
  });
  fs.closeSync(log);
  // Neither the process nor its standard input may keep a test run or the command line alive.
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  const deadline = Date.now() + START_TIMEOUT_MS;
  let reattach: string | undefined;
  return {
    process: child,
    reattach: () => {
      const pause = new Int32Array(new SharedArrayBuffer(4));
      while (reattach === undefined && !fs.existsSync(reattachFile)) {
        if (Date.now() > deadline || child.exitCode !== null) {
          child.kill();
          throw new Error(`the stand-in provider did not start: ${fs.readFileSync(path.join(root, "standin.log"), "utf8") || "no output"}`);
        }
        Atomics.wait(pause, 0, 0, 10);
      }
      reattach ??= JSON.stringify({ "registry.terraform.io/hashicorp/aws": JSON.parse(fs.readFileSync(reattachFile, "utf8")) });
      return reattach;
    },
  };
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
