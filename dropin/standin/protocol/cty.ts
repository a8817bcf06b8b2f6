// Terraform's values as they cross the plugin protocol: cty types in their
// JSON spelling, and cty values in MessagePack, where an unknown value is
// extension type 0 (or 12, an unknown carrying refinements we do not need).
import { Decoder, Encoder, ExtensionCodec } from "@msgpack/msgpack";

export type CtyType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | readonly ["list" | "set" | "map", CtyType]
  | readonly ["object", { readonly [name: string]: CtyType }];

/** The value Terraform will only know after apply. */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Value = any;

export interface Attribute {
  readonly name: string;
  readonly type: CtyType;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
}

export type Nesting = "single" | "list" | "set" | "map";

export interface NestedBlock {
  readonly typeName: string;
  readonly nesting: Nesting;
  readonly minItems: number;
  readonly maxItems: number;
  readonly block: Block;
}

export interface Block {
  readonly attributes: readonly Attribute[];
  readonly blockTypes: readonly NestedBlock[];
}

const UNKNOWN_EXTENSION = 0;
const REFINED_UNKNOWN_EXTENSION = 12;

const extensionCodec = new ExtensionCodec();
extensionCodec.register({
  type: UNKNOWN_EXTENSION,
  encode: (input: unknown) => (input === UNKNOWN ? new Uint8Array([0]) : null),
  decode: () => UNKNOWN,
});
extensionCodec.register({
  type: REFINED_UNKNOWN_EXTENSION,
  encode: () => null,
  decode: () => UNKNOWN,
});

const encoder = new Encoder({ extensionCodec, ignoreUndefined: false });
const decoder = new Decoder({ extensionCodec, useBigInt64: false });

export function encodeValue(value: Value): Uint8Array {
  return encoder.encode(value);
}

export function decodeValue(bytes: Uint8Array | undefined): Value {
  if (!bytes || bytes.length === 0) {
    return null;
  }
  return decoder.decode(bytes);
}

/** The object type a block's values have. */
export function impliedType(block: Block): CtyType {
  const attributes: { [name: string]: CtyType } = {};
  for (const attribute of block.attributes) {
    attributes[attribute.name] = attribute.type;
  }
  for (const nested of block.blockTypes) {
    const element = impliedType(nested.block);
    attributes[nested.typeName] = nested.nesting === "single" ? element : [nested.nesting, element];
  }
  return ["object", attributes];
}

/**
 * Gives a JSON value (a state file's attributes) the exact shape of `type`:
 * every object attribute present (null when absent), numbers as numbers,
 * nothing the type does not know.
 */
export function conform(type: CtyType, value: Value): Value {
  if (value === null || value === undefined) {
    return null;
  }
  if (value === UNKNOWN) {
    return UNKNOWN;
  }
  if (type === "string") {
    return typeof value === "string" ? value : String(value);
  }
  if (type === "number") {
    return typeof value === "number" ? value : Number(value);
  }
  if (type === "bool") {
    return typeof value === "boolean" ? value : value === "true";
  }
  if (type === "dynamic") {
    throw new Error("the stand-in provider does not serve attributes of dynamic type");
  }
  const [kind, element] = type;
  if (kind === "object") {
    const result: { [name: string]: Value } = {};
    for (const [name, attributeType] of Object.entries(element)) {
      result[name] = conform(attributeType, value[name]);
    }
    return result;
  }
  if (kind === "map") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, conform(element, item)]));
  }
  return (value as Value[]).map((item) => conform(element, item));
}

/** A canonical text of a known value, for comparisons and deterministic identifiers. */
export function canonical(value: Value): string {
  return JSON.stringify(value, (_key, item) => {
    if (item === UNKNOWN) {
      return "(unknown)";
    }
    if (item && typeof item === "object" && !Array.isArray(item)) {
      return Object.fromEntries(Object.keys(item).sort().map((key) => [key, item[key]]));
    }
    return item;
  });
}
