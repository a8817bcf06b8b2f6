// AWS Batch's ContainerProperties as the provider decodes a template into it:
// the Go type of aws-sdk-go-v2 service/batch/types (types.go), which
// internal/service/batch/job_definition.go validJobContainerProperties and
// expandContainerProperties fill with encoding/json. One table, read by the
// template checks (what a position takes) and by the stand-in provider (how
// the real one decodes and compares container properties).

/** A Go type as encoding/json treats it. */
export type GoType =
  /** *string, *int32, *bool: null is nil. */
  | { readonly kind: "string" | "int32" | "bool" }
  /** A string VALUE (an enum, a list element): "" when unset; null leaves it. */
  | { readonly kind: "text"; readonly name: string }
  | { readonly kind: "struct"; readonly name: string; readonly fields: readonly GoField[] }
  | { readonly kind: "pointer"; readonly to: StructType }
  | { readonly kind: "slice"; readonly of: GoType }
  /** map[string]string. */
  | { readonly kind: "map" };
export type StructType = Extract<GoType, { kind: "struct" }>;
export interface GoField {
  readonly name: string;
  readonly type: GoType;
}

const STRING: GoType = { kind: "string" };
const INT32: GoType = { kind: "int32" };
const BOOL: GoType = { kind: "bool" };
const MAP: GoType = { kind: "map" };
const text = (name: string): GoType => ({ kind: "text", name });
const list = (of: GoType): GoType => ({ kind: "slice", of });
const pointer = (to: StructType): GoType => ({ kind: "pointer", to });
const struct = (name: string, fields: { readonly [field: string]: GoType }): StructType => ({
  kind: "struct",
  name,
  fields: Object.entries(fields).map(([field, type]) => ({ name: field, type })),
});

/** The `string` element type of []string fields. */
export const GO_STRING_VALUE = text("string");

// Field names and types as generated in service/batch/types/types.go.
const KEY_VALUE_PAIR = struct("KeyValuePair", { Name: STRING, Value: STRING });
const SECRET = struct("Secret", { Name: STRING, ValueFrom: STRING });
const DEVICE = struct("Device", { HostPath: STRING, ContainerPath: STRING, Permissions: list(text("types.DeviceCgroupPermission")) });
const TMPFS = struct("Tmpfs", { ContainerPath: STRING, Size: INT32, MountOptions: list(GO_STRING_VALUE) });
const EFS_AUTHORIZATION_CONFIG = struct("EFSAuthorizationConfig", { AccessPointId: STRING, Iam: text("types.EFSAuthorizationConfigIAM") });
const EFS_VOLUME_CONFIGURATION = struct("EFSVolumeConfiguration", {
  FileSystemId: STRING,
  AuthorizationConfig: pointer(EFS_AUTHORIZATION_CONFIG),
  RootDirectory: STRING,
  TransitEncryption: text("types.EFSTransitEncryption"),
  TransitEncryptionPort: INT32,
});

export const CONTAINER_PROPERTIES = struct("ContainerProperties", {
  Command: list(GO_STRING_VALUE),
  EnableExecuteCommand: BOOL,
  Environment: list(KEY_VALUE_PAIR),
  EphemeralStorage: pointer(struct("EphemeralStorage", { SizeInGiB: INT32 })),
  ExecutionRoleArn: STRING,
  FargatePlatformConfiguration: pointer(struct("FargatePlatformConfiguration", { PlatformVersion: STRING })),
  Image: STRING,
  InstanceType: STRING,
  JobRoleArn: STRING,
  LinuxParameters: pointer(
    struct("LinuxParameters", {
      Devices: list(DEVICE),
      InitProcessEnabled: BOOL,
      MaxSwap: INT32,
      SharedMemorySize: INT32,
      Swappiness: INT32,
      Tmpfs: list(TMPFS),
    }),
  ),
  LogConfiguration: pointer(struct("LogConfiguration", { LogDriver: text("types.LogDriver"), Options: MAP, SecretOptions: list(SECRET) })),
  Memory: INT32,
  MountPoints: list(struct("MountPoint", { ContainerPath: STRING, ReadOnly: BOOL, SourceVolume: STRING })),
  NetworkConfiguration: pointer(struct("NetworkConfiguration", { AssignPublicIp: text("types.AssignPublicIp") })),
  Privileged: BOOL,
  ReadonlyRootFilesystem: BOOL,
  RepositoryCredentials: pointer(struct("RepositoryCredentials", { CredentialsParameter: STRING })),
  ResourceRequirements: list(struct("ResourceRequirement", { Type: text("types.ResourceType"), Value: STRING })),
  RuntimePlatform: pointer(struct("RuntimePlatform", { CpuArchitecture: STRING, OperatingSystemFamily: STRING })),
  Secrets: list(SECRET),
  Ulimits: list(struct("Ulimit", { HardLimit: INT32, Name: STRING, SoftLimit: INT32 })),
  User: STRING,
  Vcpus: INT32,
  Volumes: list(
    struct("Volume", {
      EfsVolumeConfiguration: pointer(EFS_VOLUME_CONFIGURATION),
      Host: pointer(struct("Host", { SourcePath: STRING })),
      Name: STRING,
    }),
  ),
});

/** A field's name as the Batch API spells it (the SDK's serializer): `Image` is `image`. */
export function apiName(field: string): string {
  return field[0].toLowerCase() + field.slice(1);
}

/** The container properties of the API, as their keys are written in templates. */
export const CONTAINER_PROPERTY_KEYS: readonly string[] = CONTAINER_PROPERTIES.fields.map((field) => apiName(field.name));

/** reflect.Type.String(), as an UnmarshalTypeError prints it. */
export function goTypeName(type: GoType): string {
  switch (type.kind) {
    case "text":
      return type.name;
    case "struct":
      return `types.${type.name}`;
    case "pointer":
      return goTypeName(type.to);
    case "slice":
      return `[]${goTypeName(type.of)}`;
    case "map":
      return "map[string]string";
    default:
      return type.kind;
  }
}

/**
 * encoding/json's foldName, for matching keys to field names: ASCII case,
 * plus the non-ASCII letters that fold onto ASCII ones (K KELVIN SIGN, ſ LONG S).
 */
export function foldName(name: string): string {
  let out = "";
  for (const c of name) {
    const upper = c.toUpperCase();
    const lower = c.toLowerCase();
    out += upper.length === 1 && upper < "\x80" ? upper : lower.length === 1 && lower < "\x80" ? lower.toUpperCase() : c;
  }
  return out;
}

/** A JSON key's field among `names`: the exact name first, then a case-folded match, as encoding/json does. */
export function jsonField<T extends string>(key: string, names: readonly T[]): T | undefined {
  return names.find((name) => name === key) ?? names.find((name) => foldName(name) === foldName(key));
}

/** The field of `type` a JSON key decodes into, or undefined (encoding/json skips the key). */
export function fieldOf(type: StructType, key: string): GoField | undefined {
  const name = jsonField(
    key,
    type.fields.map((field) => field.name),
  );
  return type.fields.find((field) => field.name === name);
}

/** The struct a value of `type` decodes into, through a pointer. */
export function structOf(type: GoType): StructType | undefined {
  return type.kind === "struct" ? type : type.kind === "pointer" ? type.to : undefined;
}
