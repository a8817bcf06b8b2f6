// Where two values of a resource differ (the state's "before" and the plan's
// "after" in `terraform show -json`), at attribute paths a person can act on.
// Terraform itself reports a changed policy or container_properties string as
// the whole string, which hides the one statement that differs; these
// differences descend into JSON documents held in strings and stop at the
// deepest path that differs.

export interface Difference {
  /** `tags.Name`, `compute_resources[0].instance_type`, `policy Statement[2].Resource` (a space enters a JSON document). */
  readonly path: string;
  /** Compact JSON, `(known after apply)` or `(absent)`. */
  readonly before: string;
  readonly after: string;
}

export const UNKNOWN_AFTER_APPLY = "(known after apply)";
const UNKNOWN = UNKNOWN_AFTER_APPLY;
const ABSENT = "(absent)";
/** Same document, other text: the only difference a structural diff cannot show. */
const JSON_TEXT = "(JSON text)";
export const SAME_JSON = "(same JSON, other whitespace or key order)";

/** A key (or list element) missing on one side, as opposed to one holding null. */
const MISSING: unique symbol = Symbol("missing");

/**
 * Paths like `policy Statement[2].Resource`, `compute_resources[0].instance_type`,
 * `tags.Name`, `container_properties environment[1].value`; values rendered as
 * compact JSON (`"*"`, `["*"]`), `(known after apply)` for unknown, `(absent)`
 * for a missing key. `afterUnknown` has the shape of `after`, `true` where unknown.
 */
export function differences(before: unknown, after: unknown, afterUnknown?: unknown): Difference[] {
  const found: Difference[] = [];
  // A created or destroyed resource (null on one side) is reported attribute by attribute.
  const root = (value: unknown, other: unknown): unknown => (value == null && isObject(other) ? {} : value);
  compare(root(before, after), root(after, before), afterUnknown, [""], found);
  return found;
}

/** `policy Statement[2].Resource: "*" -> ["*"]` */
export function formatDifference(d: Difference): string {
  return d.path === "" ? `${d.before} -> ${d.after}` : `${d.path}: ${d.before} -> ${d.after}`;
}

/**
 * `path` is a list of parts, each one document deep: the attribute path, then
 * one part per JSON document entered (rendered joined by spaces).
 */
function compare(before: unknown, after: unknown, unknown: unknown, path: readonly string[], found: Difference[]): void {
  const report = (b: string, a: string): void => {
    found.push({ path: path.filter((part) => part !== "").join(" "), before: b, after: a });
  };
  if (unknown === true) {
    report(before === MISSING ? ABSENT : render(before), UNKNOWN);
    return;
  }
  if (before === MISSING || after === MISSING) {
    report(before === MISSING ? ABSENT : render(before), after === MISSING ? ABSENT : render(after, unknown));
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    // By index: a removed element in the middle shows as changes after it, which is what a list diff is.
    for (let i = 0; i < Math.max(before.length, after.length); i += 1) {
      compare(i < before.length ? before[i] : MISSING, i < after.length ? after[i] : MISSING, child(unknown, i), extend(path, `[${i}]`), found);
    }
    return;
  }
  if (isObject(before) && isObject(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after), ...unknownKeys(unknown)])].sort()) {
      compare(key in before ? before[key] : MISSING, key in after ? after[key] : MISSING, child(unknown, key), extend(path, keySegment(key, path)), found);
    }
    return;
  }
  if (typeof before === "string" && typeof after === "string" && before !== after) {
    const documents = [parseDocument(before), parseDocument(after)];
    if (documents[0] !== undefined && documents[1] !== undefined) {
      if (sameValue(documents[0], documents[1])) {
        report(JSON_TEXT, SAME_JSON);
      } else {
        compare(documents[0], documents[1], undefined, [...path, ""], found);
      }
      return;
    }
  }
  if (!sameValue(before, after)) {
    report(render(before), render(after, unknown));
  }
}

function extend(path: readonly string[], segment: string): string[] {
  return [...path.slice(0, -1), path[path.length - 1] + segment];
}

/** `.key`, or the bare key at the start of a part, or `["key"]` for a key that is not an identifier. */
function keySegment(key: string, path: readonly string[]): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) {
    return `[${JSON.stringify(key)}]`;
  }
  return path[path.length - 1] === "" ? key : `.${key}`;
}

/** A JSON object or array held in a string; undefined for anything else (scalars are compared as text). */
function parseDocument(text: string): object | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === "object" && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Compact JSON, with `(known after apply)` where `unknown` says so. */
function render(value: unknown, unknown?: unknown): string {
  if (unknown === true) {
    return UNKNOWN;
  }
  if (Array.isArray(value)) {
    return `[${value.map((element, i) => render(element, child(unknown, i))).join(",")}]`;
  }
  if (isObject(value)) {
    const keys = [...new Set([...Object.keys(value), ...unknownKeys(unknown)])];
    return `{${keys.map((key) => `${JSON.stringify(key)}:${render(value[key], child(unknown, key))}`).join(",")}}`;
  }
  return value === undefined ? "null" : JSON.stringify(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((element, i) => sameValue(element, b[i]));
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) {
      return false;
    }
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameValue(a[key], b[key]));
  }
  return a === b;
}

function isObject(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function child(unknown: unknown, key: string | number): unknown {
  if (Array.isArray(unknown) && typeof key === "number") {
    return unknown[key];
  }
  return isObject(unknown) && typeof key === "string" ? unknown[key] : undefined;
}

/** Keys wholly unknown in after_unknown, which `after` may leave out (Terraform writes an unknown as null or omits it). */
function unknownKeys(unknown: unknown): string[] {
  return isObject(unknown) ? Object.keys(unknown).filter((key) => unknown[key] === true) : [];
}
