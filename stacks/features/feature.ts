// What an opt-in feature is to the stack: the options it reads (their
// run-time shape, for the misspelling check) and the root variables it
// declares when it is on. Its construct, its addresses and the option's
// compile-time type live in the feature's own file; the registry (./index)
// gathers every feature with one line.
import type { OptionShape } from "../app/options-check";
import type { VariableSpec } from "../constructs/variable-rules";
import type { JobTemplate } from "../templates/contract";

/** A root variable a feature declares, and the option that declares it, as messages name it. */
export interface OptInVariable {
  readonly spec: VariableSpec;
  /** `onDemandFallback`, `jobQueues[].fairShare`. @default - none an option names (the feature follows the templates) */
  readonly declaredBy?: string;
}

/**
 * `Own`: the options of BatchStackOptions the feature owns; `Reads`: those it
 * reads to know whether it is on (its own, and others').
 */
export interface Feature<Own, Reads = Own> {
  /** Its own options, every key at every level. */
  readonly shape: { readonly [K in keyof Required<Own>]: OptionShape };
  /** Its variables, in the order they are declared. */
  readonly variables: { readonly [name: string]: OptInVariable };
  /** Whether its variables are declared (the feature is on) for these options and templates. */
  declares(options: Reads, templates: readonly JobTemplate[]): boolean;
}
