import { Annotations, App, DISABLE_STACK_TRACE_IN_METADATA, TerraformStack } from "cdktf";

/**
 * A mistake in what the user wrote (main.ts options, a template, a tfvars
 * file, the environment): `cdktf synth` prints its message alone, once,
 * without a stack trace (see `runApp`). The message names what was written,
 * at file:line where there is one, the problem, and the fix.
 */
export class ConfigError extends Error {
  constructor(what: string, problem: string, fix: string) {
    super(`${what}: ${problem}. Fix: ${fix}`);
    this.name = "ConfigError";
  }
}

/**
 * Runs the app's main function. A ConfigError ends synth with its message
 * and exit code 1; anything else is a bug, reported with its stack.
 */
export function runApp(main: () => void | Promise<void>): void {
  const fail = (error: unknown) => {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    report(error.message);
  };
  try {
    const result = main();
    if (result instanceof Promise) {
      result.catch((error) => {
        try {
          fail(error);
        } catch (bug) {
          process.nextTick(() => {
            throw bug;
          });
        }
      });
    }
  } catch (error) {
    fail(error);
  }
}

/** The id of the stack that carries a synth error to the cdktf CLI. */
export const ERROR_STACK_ID = "synth";

/**
 * The cdktf CLI prints whatever the app writes twice (as it streams, and
 * again in its summary), but an error annotation once, without a stack
 * trace, and then fails synth (it reads the annotations of a run that
 * exited 0 only). Under the CLI the message is that annotation; run
 * directly, it goes to stderr with exit code 1.
 */
function report(message: string): void {
  if (process.env.CDKTF_OUTDIR === undefined) {
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
    return;
  }
  // The CLI sets this for its own runs: cdktf writes the manifest and leaves the failing to the CLI.
  process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "true";
  const app = new App({ context: { [DISABLE_STACK_TRACE_IN_METADATA]: true } });
  Annotations.of(new TerraformStack(app, ERROR_STACK_ID)).addError(message);
  app.synth();
}
