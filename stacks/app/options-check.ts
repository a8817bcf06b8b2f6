// BatchStackOptions checked at run time: TypeScript catches a misspelled
// option only where main.ts is type-checked, and `cdktf synth` strips types
// without checking them, so `onDemandFalback: true` would synthesize with no
// effect. Every key, at every level, must be one the stack reads.
import { ConfigError } from "./errors";

/** A value the check does not look into (a string, a number, a list, ...). */
export const LEAF = "leaf";

/** A boolean option: true or false when given (a truthy string would switch it on, unseen). */
export const FLAG = "flag";

/** The keys an options object may have, and what each holds. */
export type OptionShape =
  | typeof LEAF
  | typeof FLAG
  | { readonly [key: string]: OptionShape }
  | { readonly mapOf: OptionShape }
  | { readonly listOf: OptionShape };

/** An object whose keys are the user's (template names), each value of one shape. */
export function mapOf(shape: OptionShape): { readonly mapOf: OptionShape } {
  return { mapOf: shape };
}

/** A list whose items are objects of one shape. */
export function listOf(shape: OptionShape): { readonly listOf: OptionShape } {
  return { listOf: shape };
}

/** Every key of T, required, so that a new option must be described. */
export type ShapeOf<T> = { readonly [K in keyof Required<T>]: OptionShape };

/** Refuses a key `shape` does not have, at any depth, naming it (`jobDefinitions["x"].timeoutSecs`) and the closest valid one. */
export function checkOptionKeys(what: string, options: unknown, shape: OptionShape, path = ""): void {
  if (shape === FLAG) {
    if (options !== undefined && typeof options !== "boolean") {
      const name = path.replace(/\.$/, "");
      throw new ConfigError(`${what}: option ${name} = ${JSON.stringify(options)}`, "it is neither true nor false", `set ${name}: true (or false, or leave it out)`);
    }
    return;
  }
  if (shape === LEAF || options === undefined) {
    return;
  }
  // An options object given something else (`launchTemplate: false`) would switch its feature on unseen.
  if (!isMap(shape) && !isList(shape) && (options === null || typeof options !== "object" || Array.isArray(options))) {
    const name = path.replace(/\.$/, "");
    throw new ConfigError(`${what}: option ${name} = ${JSON.stringify(options)}`, "it is not an object", `write ${name}: {${Object.keys(shape).length > 0 ? " ... " : ""}} (see the README, "Options"), or leave it out`);
  }
  if (options === null || typeof options !== "object") {
    return;
  }
  if (isList(shape)) {
    (Array.isArray(options) ? options : []).forEach((item, index) =>
      checkOptionKeys(what, item, shape.listOf, `${path.replace(/\.$/, "")}[${index}].`),
    );
    return;
  }
  if (Array.isArray(options)) {
    return;
  }
  if (isMap(shape)) {
    for (const [key, value] of Object.entries(options)) {
      checkOptionKeys(what, value, shape.mapOf, `${path.replace(/\.$/, "")}[${JSON.stringify(key)}].`);
    }
    return;
  }
  const known = Object.keys(shape);
  for (const [key, value] of Object.entries(options)) {
    const entry = shape[key];
    if (entry === undefined) {
      const closest = closestName(key, known);
      throw new ConfigError(
        `${what}: option ${path}${key}`,
        "the stack has no such option, so it would have no effect",
        closest
          ? `did you mean ${path}${closest}? The options here are ${known.join(", ")}`
          : known.length > 0
            ? `use one of ${known.join(", ")}`
            : `${path.replace(/\.$/, "")} takes no settings: write it as {} (its values are Terraform variables)`,
      );
    }
    checkOptionKeys(what, value, entry, `${path}${key}.`);
  }
}

function isMap(shape: Exclude<OptionShape, typeof LEAF | typeof FLAG>): shape is { readonly mapOf: OptionShape } {
  return Object.keys(shape).length === 1 && "mapOf" in shape;
}

function isList(shape: Exclude<OptionShape, typeof LEAF | typeof FLAG>): shape is { readonly listOf: OptionShape } {
  return Object.keys(shape).length === 1 && "listOf" in shape;
}

/** The name nearest to `name` (edit distance), when it is near enough to be a likely misspelling. */
export function closestName(name: string, names: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of names) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) {
      best = { name: candidate, distance };
    }
  }
  return best && best.distance <= Math.max(2, Math.floor(name.length / 3)) ? best.name : undefined;
}

function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= right.length; j += 1) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left[i - 1] === right[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[right.length];
}
