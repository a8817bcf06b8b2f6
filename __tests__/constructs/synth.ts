// Shared by this folder's construct tests (network, service-role, iam-roles,
// spot-fleet-iam, compute-environment, on-demand-fallback, job-queue):
// synthesize one construct alone, as a JSON string for the cdktf matchers and
// parsed for exact checks.
import * as fs from "fs";
import { App, Testing } from "cdktf";
import { Construct } from "constructs";

export interface Synthesized {
  /** What Testing.synthScope returns: the stack's Terraform JSON. */
  readonly json: string;
  /** The same, parsed. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly tf: any;
}

/**
 * Testing.synthScope, minus the temporary out folder its app makes in the
 * OS temp dir and never removes (also when `define` throws).
 */
export function synth(define: (scope: Construct) => void): Synthesized {
  let outdir: string | undefined;
  try {
    const json = Testing.synthScope((scope) => {
      outdir = App.of(scope).outdir;
      define(scope);
    });
    return { json, tf: JSON.parse(json) };
  } finally {
    if (outdir !== undefined) {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
}

/** A RegExp that matches `text` literally, for toThrow on messages quoting user input. */
export function literally(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
}
