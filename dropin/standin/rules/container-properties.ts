// AWS Batch container properties as the real provider reads and compares
// them: internal/service/batch/container_properties.go
// equivalentContainerPropertiesJSON, containerProperties.reduce and
// sortEnvironment, expandContainerProperties; job_definition.go (the
// container_properties DiffSuppressFunc and validJobContainerProperties);
// internal/json/decode.go, encode.go, equal.go (tfjson is encoding/json),
// into the SDK's ContainerProperties (stacks/templates/container-properties.ts).
// Quirks kept: reduce() empties, besides the top-level lists,
// linuxParameters.devices (and each device's permissions),
// linuxParameters.tmpfs (and each mountOptions), and logConfiguration.options
// and secretOptions; nothing else (`"linuxParameters": {}` is not absent). No
// default is filled in (privileged false is not absent). Environment entries
// with no value are dropped like those with "". tfjson reads a STREAM
// (json.Decoder until EOF), so `{"image":"a"} {"vcpus":1}` is one merged
// document, and "", whitespace and `null` equal `{}`. int32 fields (vcpus,
// memory) refuse 1.0, 1e3, "1" and values past int32.
import { Buffer } from "buffer";
import { GoJsonError, JsonNode, decoderStream } from "../go/json";
import { CONTAINER_PROPERTIES, GO_STRING_VALUE, GoType, goTypeName, jsonField } from "../../../stacks/templates/container-properties";

// fills it (exported Go field names, matched case-insensitively; keys that
// are no field are skipped).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type GoValue = any;

function zeroValue(type: GoType): GoValue {
  if (type.kind === "text") {
    return "";
  }
  if (type.kind === "struct") {
    return Object.fromEntries(type.fields.map((field) => [field.name, zeroValue(field.type)]));
  }
  return null;
}

/** Where a value sits, for UnmarshalTypeError: the innermost struct and the Go field path from the root. */
interface DecodeContext {
  readonly struct?: string;
  readonly fields: readonly string[];
}

function typeError(value: string, type: GoType, context: DecodeContext): never {
  const into = context.struct === undefined ? "Go value" : `Go struct field ${context.struct}.${context.fields.join(".")}`;
  throw new GoJsonError(`json: cannot unmarshal ${value} into ${into} of type ${goTypeName(type)}`);
}

const INT32_RANGE = [-(2n ** 31n), 2n ** 31n - 1n] as const;

/**
 * encoding/json's decode of `node` into a value of `type` that holds
 * `current`: objects merge into an existing struct or map, and null leaves a
 * non-pointer value alone. The first type error is the one Go reports.
 */
function decodeValue(type: GoType, node: JsonNode, current: GoValue, context: DecodeContext): GoValue {
  if (node.kind === "null") {
    return type.kind === "text" || type.kind === "struct" ? current : null;
  }
  switch (type.kind) {
    case "string":
    case "text":
      return node.kind === "string" ? node.value : typeError(node.kind, type, context);
    case "bool":
      return node.kind === "bool" ? node.value : typeError(node.kind, type, context);
    case "int32": {
      if (node.kind !== "number") {
        return typeError(node.kind, type, context);
      }
      // strconv.ParseInt on the literal: no fraction, no exponent, within int32.
      const integer = /^-?\d+$/.test(node.literal) ? BigInt(node.literal) : undefined;
      return integer !== undefined && integer >= INT32_RANGE[0] && integer <= INT32_RANGE[1]
        ? Number(integer)
        : typeError(`number ${node.literal}`, type, context);
    }
    case "pointer":
      return decodeValue(type.to, node, current ?? zeroValue(type.to), context);
    case "struct": {
      if (node.kind !== "object") {
        return typeError(node.kind, type, context);
      }
      const decoded = { ...current };
      const names = type.fields.map((candidate) => candidate.name);
      for (const [key, value] of node.members) {
        const field = jsonField(key, names);
        const fieldType = type.fields.find((candidate) => candidate.name === field)?.type;
        if (field !== undefined && fieldType !== undefined) {
          decoded[field] = decodeValue(fieldType, value, decoded[field], { struct: type.name, fields: [...context.fields, field] });
        }
      }
      return decoded;
    }
    case "slice":
      // Elements decode into the old ones while there are some, as Go reuses the backing array.
      return node.kind === "array"
        ? node.items.map((item, index) => decodeValue(type.of, item, current?.[index] ?? zeroValue(type.of), context))
        : typeError(node.kind, type, context);
    case "map": {
      if (node.kind !== "object") {
        return typeError(node.kind, type, context);
      }
      const decoded = new Map<string, string>(current ?? []);
      for (const [key, value] of node.members) {
        decoded.set(key, decodeValue(GO_STRING_VALUE, value, "", context));
      }
      return decoded;
    }
  }
}

/** tfjson.DecodeFromString into ContainerProperties: every value of the stream merges into one struct. */
function decodeContainerPropertiesStruct(input: string): GoValue {
  let decoded = zeroValue(CONTAINER_PROPERTIES);
  for (const node of decoderStream(input)) {
    // A top-level type error has no struct context: "into Go value of type types.ContainerProperties".
    if (node.kind === "object") {
      decoded = decodeValue(CONTAINER_PROPERTIES, node, decoded, { fields: [] });
    } else if (node.kind !== "null") {
      typeError(node.kind, CONTAINER_PROPERTIES, { fields: [] });
    }
  }
  return decoded;
}

const emptyToNil = (items: GoValue[] | null) => (items === null || items.length === 0 ? null : items);

/**
 * container_properties.go containerProperties.reduce: the differences between
 * what was sent and what the Batch API answers that are not changes.
 */
function reduce(properties: GoValue): GoValue {
  // sortEnvironment: by name, nil reading as "", in Go's byte order (a stable sort here; Go's pdqsort
  // is stable only up to 12 elements). Then entries whose value is "" or nil go.
  const byName = (a: GoValue, b: GoValue) => Buffer.compare(Buffer.from(a.Name ?? ""), Buffer.from(b.Name ?? ""));
  const environment =
    properties.Environment === null ? null : [...properties.Environment].sort(byName).filter((pair: GoValue) => (pair.Value ?? "") !== "");
  const fargate = properties.FargatePlatformConfiguration;
  const linux = properties.LinuxParameters;
  const logging = properties.LogConfiguration;
  return {
    ...properties,
    Command: emptyToNil(properties.Command),
    Environment: emptyToNil(environment),
    // The API reports the default Fargate platform version when none was sent.
    FargatePlatformConfiguration: fargate !== null && fargate.PlatformVersion === "LATEST" ? null : fargate,
    LinuxParameters:
      linux === null
        ? null
        : {
            ...linux,
            Devices:
              emptyToNil(linux.Devices)?.map((device: GoValue) => ({ ...device, Permissions: emptyToNil(device.Permissions) })) ?? null,
            Tmpfs: emptyToNil(linux.Tmpfs)?.map((tmpfs: GoValue) => ({ ...tmpfs, MountOptions: emptyToNil(tmpfs.MountOptions) })) ?? null,
          },
    LogConfiguration:
      logging === null
        ? null
        : {
            ...logging,
            Options: logging.Options === null || logging.Options.size === 0 ? null : logging.Options,
            SecretOptions: emptyToNil(logging.SecretOptions),
          },
    MountPoints: emptyToNil(properties.MountPoints),
    ResourceRequirements: emptyToNil(properties.ResourceRequirements),
    Secrets: emptyToNil(properties.Secrets),
    Ulimits: emptyToNil(properties.Ulimits),
    Volumes: emptyToNil(properties.Volumes),
  };
}

/** tfjson.EncodeToBytes, as compared by tfjson.EqualBytes: every field, nil as null, map keys sorted. */
function encode(type: GoType, value: GoValue): string {
  if (value === null) {
    return "null";
  }
  switch (type.kind) {
    case "struct":
      return `{${type.fields.map((field) => `${JSON.stringify(field.name)}:${encode(field.type, value[field.name])}`).join(",")}}`;
    case "pointer":
      return encode(type.to, value);
    case "slice":
      return `[${value.map((item: GoValue) => encode(type.of, item)).join(",")}]`;
    case "map":
      return JSON.stringify(Object.fromEntries([...value].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))));
    default:
      return JSON.stringify(value);
  }
}

/** The members the SDK's serializer sends to the Batch API: camelCase, nil and "" enums left out. */
function apiShape(type: GoType, value: GoValue): unknown {
  switch (type.kind) {
    case "struct":
      return Object.fromEntries(
        type.fields
          .filter((field) => value[field.name] !== null && !(field.type.kind === "text" && value[field.name] === ""))
          .map((field) => [field.name[0].toLowerCase() + field.name.slice(1), apiShape(field.type, value[field.name])]),
      );
    case "pointer":
      return apiShape(type.to, value);
    case "slice":
      return value.map((item: GoValue) => apiShape(type.of, item));
    case "map":
      return Object.fromEntries(value);
    default:
      return value;
  }
}

export type ContainerPropertiesDecoding =
  | { readonly ok: true; readonly value: { readonly [member: string]: unknown } }
  | { readonly ok: false; readonly error: string };

/**
 * job_definition.go validJobContainerProperties (expandContainerProperties,
 * tfjson.DecodeFromString into the SDK's ContainerProperties). On success,
 * the properties the provider would register, in the API's member names; on
 * failure, the validation error the real provider reports for the argument.
 */
export function decodeContainerProperties(input: string): ContainerPropertiesDecoding {
  try {
    return {
      ok: true,
      value: apiShape(CONTAINER_PROPERTIES, decodeContainerPropertiesStruct(input)) as { readonly [member: string]: unknown },
    };
  } catch (error) {
    const message = error instanceof GoJsonError ? error.message : String(error);
    return { ok: false, error: `AWS Batch Job container_properties is invalid: ${message}` };
  }
}

/**
 * internal/service/batch/container_properties.go
 * equivalentContainerPropertiesJSON: both sides decoded into the SDK's
 * ContainerProperties, reduced, encoded, and compared as JSON. A side that
 * does not decode is never equivalent.
 */
export function equivalentContainerProperties(a: string, b: string): boolean {
  const canonical = (input: string) => encode(CONTAINER_PROPERTIES, reduce(decodeContainerPropertiesStruct(input === "" ? "{}" : input)));
  try {
    return canonical(a) === canonical(b);
  } catch {
    return false;
  }
}
