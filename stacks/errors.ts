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
export function runApp(main: () => void | Promise<void>, output: NodeJS.WritableStream = defaultOutput()): void {
  const fail = (error: unknown) => {
    if (error instanceof ConfigError) {
      output.write(`${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
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

/**
 * The cdktf CLI prints what the app writes to stderr twice (as it comes, and
 * again in its summary) but stdout once, in the summary: under the CLI the
 * message goes to stdout.
 */
function defaultOutput(): NodeJS.WritableStream {
  return process.env.CDKTF_OUTDIR !== undefined ? process.stdout : process.stderr;
}
