// A rendered template read as the provider reads it: every value against the
// Go type of its position in the SDK's ContainerProperties
// (./container-properties), keys matched as encoding/json matches them (the
// exact field name, else case-insensitively), keys that are no field
// dropped. A mismatch is what fails the real plan ("AWS Batch Job
// container_properties is invalid: decoding JSON: json: cannot unmarshal
// ..."), so synth refuses it first; a dropped key is only a warning, since
// the module works with it.
import { Node, parseTree } from "jsonc-parser";
import { CONTAINER_PROPERTIES, GoType, fieldOf, goTypeName, structOf } from "./container-properties";

/** What JSON holds at a position, in encoding/json's words (UnmarshalTypeError.Value). */
export type JsonKind = "string" | "number" | "bool" | "array" | "object";

/** A value the provider cannot decode into its position's Go type. */
export interface TypeMismatch {
  /** Where the value is, as a template writes it: `environment[0].value`. */
  readonly path: string;
  readonly offset: number;
  readonly length: number;
  readonly found: JsonKind;
  /** A number where the type is int32 but the literal is no whole int32 (`1.5`, `1e3`). */
  readonly literal?: string;
  readonly expected: GoType;
}

/** A key the provider's decoding drops (no field of that name). */
export interface DroppedKey {
  readonly path: string;
  readonly key: string;
  readonly offset: number;
  /** Whether it is a member of the top-level object. */
  readonly topLevel: boolean;
}

/** A key written twice in one object, or two keys for the same field (`image` and `Image`): the last one wins. */
export interface RepeatedKey {
  readonly path: string;
  readonly key: string;
  readonly offset: number;
}

export interface TopLevelMember {
  readonly key: string;
  readonly keyOffset: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

export interface TemplateReading {
  readonly mismatches: readonly TypeMismatch[];
  readonly dropped: readonly DroppedKey[];
  readonly repeated: readonly RepeatedKey[];
  readonly members: readonly TopLevelMember[];
}

const INT32_RANGE = [-(2n ** 31n), 2n ** 31n - 1n] as const;

/** Reads a valid JSON text (JSON.parse accepted it) against ContainerProperties. */
export function readAsContainerProperties(text: string): TemplateReading {
  const root = parseTree(text);
  const reading = { mismatches: [] as TypeMismatch[], dropped: [] as DroppedKey[], repeated: [] as RepeatedKey[] };
  const members: TopLevelMember[] = [];
  if (root?.type === "object") {
    for (const property of root.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key && value) {
        members.push({ key: key.value, keyOffset: key.offset, valueStart: value.offset, valueEnd: value.offset + value.length });
      }
    }
  }
  if (root) {
    walk(text, root, CONTAINER_PROPERTIES, "", reading);
  }
  return { ...reading, members };
}

function kindOf(node: Node): JsonKind | "null" {
  return node.type === "boolean" ? "bool" : node.type === "property" ? "object" : node.type;
}

function walk(
  text: string,
  node: Node,
  type: GoType,
  path: string,
  reading: { mismatches: TypeMismatch[]; dropped: DroppedKey[]; repeated: RepeatedKey[] },
): void {
  const kind = kindOf(node);
  if (kind === "null") {
    return;
  }
  const mismatch = (literal?: string) =>
    reading.mismatches.push({ path, offset: node.offset, length: node.length, found: kind, literal, expected: type });
  switch (type.kind) {
    case "string":
    case "text":
      return void (kind !== "string" && mismatch());
    case "bool":
      return void (kind !== "bool" && mismatch());
    case "int32": {
      if (kind !== "number") {
        return void mismatch();
      }
      // strconv.ParseInt on the literal: no fraction, no exponent, within int32.
      const literal = text.slice(node.offset, node.offset + node.length);
      const whole = /^-?\d+$/.test(literal) && BigInt(literal) >= INT32_RANGE[0] && BigInt(literal) <= INT32_RANGE[1];
      return void (!whole && mismatch(literal));
    }
    case "slice":
      if (kind !== "array") {
        return void mismatch();
      }
      (node.children ?? []).forEach((item, index) => walk(text, item, type.of, `${path}[${index}]`, reading));
      return;
    case "map":
      if (kind !== "object") {
        return void mismatch();
      }
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) {
          walk(text, value, { kind: "text", name: "string" }, `${path}${path ? "." : ""}${key.value}`, reading);
        }
      }
      return;
    case "struct":
    case "pointer": {
      if (kind !== "object") {
        return void mismatch();
      }
      const struct = structOf(type)!;
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (!key || !value) {
          continue;
        }
        const at = `${path}${path ? "." : ""}${key.value}`;
        const field = fieldOf(struct, key.value);
        if (!field) {
          reading.dropped.push({ path: at, key: key.value, offset: key.offset, topLevel: path === "" });
          continue;
        }
        if (seen.has(field.name)) {
          reading.repeated.push({ path: at, key: key.value, offset: key.offset });
        }
        seen.add(field.name);
        walk(text, value, field.type, at, reading);
      }
    }
  }
}

/** What a Go type takes, in a user's words. */
export function describeGoType(type: GoType): string {
  switch (type.kind) {
    case "string":
    case "text":
    case "map":
      return type.kind === "map" ? "an object of strings" : "a string";
    case "int32":
      return "a whole number";
    case "bool":
      return "true or false";
    case "slice":
      return "a list";
    default:
      return "an object";
  }
}

/** encoding/json's words for the mismatch, as the provider's plan error quotes them. */
export function goUnmarshalError(mismatch: TypeMismatch): string {
  const value = mismatch.literal !== undefined ? `number ${mismatch.literal}` : mismatch.found;
  return `json: cannot unmarshal ${value} into ... of type ${goTypeName(mismatch.expected)}`;
}
