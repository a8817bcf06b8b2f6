// The shape of the per-resource-type facts the stand-in plans by, and the
// path helpers its rules use. The facts themselves are data, in
// batch-facts.ts and resource-facts-other.ts, each row citing the provider
// source it was read from.
import { UNKNOWN, Value, canonical } from "../protocol/cty";
import { equivalentPolicies } from "../rules/policy-equivalence";

/** What a CustomizeDiff adds to a plan: attributes that force a replacement, computed attributes that become unknown. */
export interface Customization {
  readonly replace: readonly string[];
  readonly unknown: readonly string[];
}

/** The JSON document comparisons the provider's DiffSuppressFuncs make. */
export type Equivalence = "policy" | "container-properties" | "json";

export interface ResourceFacts {
  /** SDKv2 or plugin framework: how state from older versions is upgraded. */
  readonly sdk: "sdkv2" | "framework";
  /** The schema version the provider declares; state at a lower version goes through `upgrade`. */
  readonly schemaVersion: number;
  /** Attribute paths (`*` for every element) whose change forces a replacement. */
  readonly forceNew: readonly string[];
  /** Value normalizations (StateFunc and the like): path -> normalizer name (see NORMALIZERS). */
  readonly normalize: { readonly [path: string]: string };
  /** Top-level string attributes holding JSON documents, compared by equivalence, not text. */
  readonly equivalent?: { readonly [attribute: string]: Equivalence };
  /** The resource's CustomizeDiff, on update only (prior state present). */
  readonly customizeDiff?: (prior: Value, planned: Value) => Customization;
  /** State upgraders by the version they upgrade from; a thrown error fails the plan as the provider would. */
  readonly upgrade?: { readonly [fromVersion: number]: (state: { [name: string]: unknown }) => { [name: string]: unknown } };
  /** Values AWS assigns to computed attributes the configuration leaves out (`{account}` and `{region}` filled in). */
  readonly assignedByAws?: { readonly [attribute: string]: Value };
  /**
   * Schema `Default`s (SDKv2): planned where the configuration leaves the
   * attribute null; a `*` path applies inside each element of a block that is there.
   */
  readonly defaults?: { readonly [path: string]: Value };
  /**
   * Optional + Computed blocks (SDKv2 schemaMap.diffList / diffSet: `o != nil
   * && n == nil && schema.Computed` is no diff): left out of the
   * configuration, they keep their prior value.
   */
  readonly keptWhenAbsent?: readonly string[];
  /**
   * Blocks of the bindings that are attributes in the provider's schema
   * (`ConfigMode: schema.SchemaConfigModeAttr`, Optional + Computed): `x = []` is
   * valid and clears them, and left out they keep their prior value.
   */
  readonly attributesAsBlocks?: readonly string[];
  /** What the read stores after an apply, where it is not what was planned (what AWS gives back). */
  readonly readBack?: (state: Value) => Value;
  /** What the provider's create or update refuses with values only known at apply (a ProviderRefusal), or undefined. */
  readonly applyRefusal?: (planned: Value) => ProviderRefusal | undefined;
  /** Provider source file and functions the row was read from. */
  readonly source: string;
}

/** What the real provider refuses (a failed upgrade, a plan-time check): Terraform shows its words as an error. */
export class ProviderRefusal extends Error {
  constructor(
    public readonly summary: string,
    public readonly detail: string,
  ) {
    super(`${summary}: ${detail}`);
  }
}

/** One concrete location in a value: attribute names and list indexes. */
export type Steps = readonly (string | number)[];

/** Every concrete location `path` (dotted, `*` for each element, digits for one) names in `value`, with the value there. */
export function expandPath(value: Value, path: string): { steps: Steps; value: Value }[] {
  let found: { steps: Steps; value: Value }[] = [{ steps: [], value }];
  for (const segment of path.split(".")) {
    found = found.flatMap(({ steps, value: current }) => {
      if (current === null || current === undefined || current === UNKNOWN) {
        return [{ steps: [...steps, segment === "*" ? 0 : /^\d+$/.test(segment) ? Number(segment) : segment], value: current === UNKNOWN ? UNKNOWN : null }];
      }
      if (segment === "*") {
        if (!Array.isArray(current)) {
          return [];
        }
        return current.length === 0
          ? [{ steps: [...steps, 0], value: null }]
          : current.map((item: Value, index: number) => ({ steps: [...steps, index], value: item }));
      }
      if (/^\d+$/.test(segment)) {
        const index = Number(segment);
        return [{ steps: [...steps, index], value: Array.isArray(current) ? (current[index] ?? null) : null }];
      }
      return [{ steps: [...steps, segment], value: current[segment] ?? null }];
    });
  }
  return found;
}

/** The value at a concrete dotted path (`compute_resources.0.type`), null where absent. */
export function valueAt(value: Value, path: string): Value {
  return expandPath(value, path)[0]?.value ?? null;
}

/** The value at concrete steps, null where absent. */
export function valueAtSteps(value: Value, steps: Steps): Value {
  let current = value;
  for (const step of steps) {
    if (current === UNKNOWN) {
      return UNKNOWN;
    }
    if (current === null || current === undefined) {
      return null;
    }
    current = current[step] ?? null;
  }
  return current;
}

export function containsUnknown(value: Value): boolean {
  if (value === UNKNOWN) {
    return true;
  }
  if (value && typeof value === "object") {
    return Object.values(value).some(containsUnknown);
  }
  return false;
}

/**
 * The SDK's HasChange: null and empty values are the same ("" and [] read as
 * the zero value), an unknown new value is a change.
 */
export function differs(prior: Value, planned: Value): boolean {
  if (containsUnknown(planned)) {
    return true;
  }
  return canonical(zeroAsNull(prior)) !== canonical(zeroAsNull(planned));
}

function zeroAsNull(value: Value): Value {
  if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) {
    return null;
  }
  if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0) {
    return null;
  }
  if (Array.isArray(value)) {
    return value.map(zeroAsNull);
  }
  if (value && typeof value === "object" && value !== UNKNOWN) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, zeroAsNull(item)]));
  }
  return value;
}

/**
 * Value normalizations, by the names the fact rows use. `stored` is the value
 * the provider keeps (a StateFunc); `suppress` says a difference is no change
 * (a DiffSuppressFunc), given the prior and planned values and the planned
 * resource.
 */
export interface Normalizer {
  readonly stored?: (value: Value) => Value;
  readonly suppress?: (prior: Value, planned: Value, resource: Value) => boolean;
  /** The suppression also holds when nothing is configured (planned null): a DiffSuppressFunc sees "" then. */
  readonly whenUnset?: boolean;
}

export const NORMALIZERS: { readonly [name: string]: Normalizer } = {
  // sdkv2.ToUpperSchemaStateFunc
  upper: { stored: (value) => (typeof value === "string" ? value.toUpperCase() : value) },
  // sdkv2.ToLowerSchemaStateFunc
  lower: { stored: (value) => (typeof value === "string" ? value.toLowerCase() : value) },
  // ec2 protocolStateFunc / protocolForValue: lower case, "all" is "-1", protocol numbers stored by name.
  protocol: { stored: (value) => protocolForValue(value) },
  // vpc_security_group_rule.go from_port/to_port DiffSuppressFunc: with protocol -1 and a stored 0, any configured port is no change.
  "ports-when-all": {
    suppress: (prior, _planned, resource) => protocolForValue(resource?.protocol) === "-1" && (prior === 0 || prior === "0"),
  },
  // events/rule.go `state` DiffSuppressFunc: `oldValue != "" && newValue == ""`: left unset, the stored state stays.
  "unset-keeps-stored": {
    suppress: (prior, planned) => prior !== "" && prior !== null && (planned === "" || planned === null),
    whenUnset: true,
  },
  // events/rule.go `is_enabled` DiffSuppressFunc: `rawPlan.GetAttr("is_enabled")` null (not configured) is no change.
  "unset-is-no-change": { suppress: (_prior, planned) => planned === null, whenUnset: true },
  // iam/service_linked_role.go `custom_suffix` DiffSuppressFunc: for application-autoscaling roles an unset suffix is no change.
  "autoscaling-suffix": {
    suppress: (_prior, planned, resource) =>
      (planned === "" || planned === null) && String(resource?.aws_service_name ?? "").includes(".application-autoscaling."),
    whenUnset: true,
  },
  // iam/role.go `inline_policy` block-level DiffSuppressFunc `!inlinePoliciesActualDiff(d)` (once the role exists):
  // the blocks are the same policies, by name, with equivalent documents.
  "inline-policies": { suppress: (prior, planned) => inlinePoliciesEquivalent(planned, prior) },
  // sqs/queue.go `kms_data_key_reuse_period_seconds` DiffSuppressFunc: meaningless without encryption by a key.
  "kms-reuse-unencrypted": {
    suppress: (_prior, _planned, resource) => resource?.sqs_managed_sse_enabled !== true && (resource?.kms_master_key_id ?? "") === "",
    whenUnset: true,
  },
};

/** protocolForValue's table: the numbers AWS answers with, and the names the provider stores for them. */
const PROTOCOL_NAMES: { readonly [number: string]: string } = { "1": "icmp", "6": "tcp", "17": "udp", "58": "icmpv6" };

function protocolForValue(value: Value): Value {
  if (typeof value !== "string" && typeof value !== "number") {
    return value;
  }
  const lower = String(value).toLowerCase();
  if (lower === "all" || lower === "-1") {
    return "-1";
  }
  return PROTOCOL_NAMES[lower] ?? lower;
}

/**
 * iam/role.go inlinePoliciesEquivalent(read, config), on the blocks as
 * expandRoleInlinePolicies reads them (name and policy, each only when not
 * empty): one empty-document policy equals none; otherwise each policy of one
 * side has a same-named one on the other with an equivalent document
 * (awspolicyequivalence).
 */
function inlinePoliciesEquivalent(read: Value, config: Value): boolean {
  const expand = (blocks: Value) =>
    (Array.isArray(blocks) ? blocks : []).map((block: Value) => ({ name: block?.name || undefined, policy: block?.policy || undefined }));
  const ours = expand(read);
  const theirs = expand(config);
  if (ours.length === 0 && theirs.length === 0) {
    return true;
  }
  if (ours.length === 0 && theirs.length === 1) {
    return equivalentPolicies("{}", theirs[0].policy ?? "");
  }
  if (ours.length !== theirs.length) {
    return false;
  }
  return ours.every((policy) => {
    const other = theirs.find((candidate) => candidate.name === policy.name);
    return other !== undefined && equivalentPolicies(policy.policy ?? "", other.policy ?? "");
  });
}

/**
 * `forceNewIfRegionChanges` (internal/provider/sdkv2, the CustomizeDiff
 * interceptor every regional SDKv2 type gets in v6): a changed per-resource
 * `region` replaces the resource, unless one side is "" and the other is the
 * provider's own region; an unset `region` is planned as the provider's
 * (d.SetNew with AwsConfig(ctx).Region).
 */
export function regionCustomizeDiff(prior: Value, planned: Value): Customization {
  const before = prior?.region;
  const after = planned?.region;
  if (after === UNKNOWN) {
    return { replace: ["region"], unknown: [] };
  }
  if (!differs(before, after)) {
    return { replace: [], unknown: [] };
  }
  // "" <-> the provider's own region is exempt. The stand-in cannot know the
  // provider's region, so every change from or to "" is treated as exempt.
  // (Read always stores the region, and an unset one is planned as the
  // provider's, so "" on either side should not reach this point.)
  const empty = (value: Value) => value === null || value === undefined || value === "";
  if (empty(before) || empty(after)) {
    return { replace: [], unknown: [] };
  }
  return { replace: ["region"], unknown: [] };
}


/** MigrateState resources: JSON state is not migrated (see the header). */
export const passThrough = (state: { [name: string]: unknown }) => state;
