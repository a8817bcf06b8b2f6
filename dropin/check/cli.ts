// What the command lines of the check and the preview share: their options
// read the same way, their inputs checked the same way, and a failure to run
// printed as one line with exit status 2.
import * as fs from "fs";
import * as path from "path";
import { DropinCheckError } from "./check";
import { SynthError } from "./project";
import { StateFileError } from "./state-versions";
import { terraformAvailable } from "./terraform";

export interface Arguments {
  readonly positional: readonly string[];
  readonly statePath?: string;
  readonly help: boolean;
  readonly error?: string;
}

/** `[positional...] [--state FILE] [--help]`. */
export function parseArguments(argv: readonly string[]): Arguments {
  const positional: string[] = [];
  let statePath: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === "--help" || argument === "-h") {
      return { positional, help: true };
    }
    if (argument === "--state" || argument.startsWith("--state=")) {
      const value = argument === "--state" ? argv[++index] : argument.slice("--state=".length);
      if (!value || value.startsWith("-")) {
        return { positional, help: false, error: "--state needs a state file: --state terraform.tfstate" };
      }
      if (statePath !== undefined) {
        return { positional, help: false, error: `--state is given twice (${statePath}, ${value}); give one state file` };
      }
      statePath = value;
    } else if (argument.startsWith("-")) {
      return { positional, help: false, error: `unknown option ${argument}` };
    } else {
      positional.push(argument);
    }
  }
  return { positional, statePath, help: false };
}

/**
 * The arguments of `command`, or its exit status when they already answered:
 * 0 after printing the usage for --help, 2 after a usage error (one line, then
 * the usage).
 */
export function commandLine(
  command: string,
  usage: string,
  argv: readonly string[],
  usageError: (args: Arguments) => string | undefined,
): Arguments | number {
  const args = parseArguments(argv);
  if (args.help) {
    process.stdout.write(usage);
    return 0;
  }
  const error = args.error ?? usageError(args);
  if (error) {
    process.stderr.write(`${command}: ${error}\n\n${usage}`);
    return 2;
  }
  return args;
}

/** Exit status 2 after `message`, on a line of its own: an input the command cannot read. */
export function refuse(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

/** A path as the user meant it: npm runs scripts from the project root, the user typed it elsewhere. */
export function fromUser(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

/** Why `file` cannot be read as a file, or undefined. */
export function fileProblem(file: string): string | undefined {
  if (!fs.existsSync(file)) {
    return "does not exist";
  }
  return fs.statSync(file).isFile() ? undefined : "is not a file";
}

/**
 * Runs `body` with Terraform: without a terraform binary on PATH, or on a
 * failure, the reason and exit 2 (on a line of its own when it is not one
 * the user can act on).
 */
export function runWithTerraform(command: string, body: () => number): number {
  if (!terraformAvailable()) {
    return refuse(`${command} runs Terraform itself: put a terraform binary (1.5 or later) on PATH.`);
  }
  try {
    return body();
  } catch (error) {
    const known = error instanceof DropinCheckError || error instanceof StateFileError || error instanceof SynthError;
    process.stderr.write(`${command} could not run: ${known ? "" : "\n"}${(error as Error).message}\n`);
    return 2;
  }
}
