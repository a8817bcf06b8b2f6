// Shared by the construct tests: synthesize one construct alone, as a JSON
// string for the cdktf matchers and parsed for exact checks.
import { Testing } from "cdktf";
import { Construct } from "constructs";

export interface Synthesized {
  /** What Testing.synthScope returns: the stack's Terraform JSON. */
  readonly json: string;
  /** The same, parsed. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly tf: any;
}

export function synth(define: (scope: Construct) => void): Synthesized {
  const json = Testing.synthScope(define);
  return { json, tf: JSON.parse(json) };
}

/** A RegExp that matches `text` literally, for toThrow on messages quoting user input. */
export function literally(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
}
