// What the SDK makes of a plan before and around the provider's own rules
// (terraform-plugin-sdk helper/schema/schema.go, the diff functions): which
// attribute paths force a replacement (a ForceNew block on its number of
// elements), schema defaults, Optional + Computed blocks left out, maps with
// no element, and unset values against stored zero values.
import { Block, UNKNOWN, Value } from "../protocol/cty";
import { ResourceFacts, Steps, differs, expandPath, valueAtSteps } from "../facts/resource-facts";

export function setAtSteps(value: Value, steps: Steps, item: Value): void {
  const parent = valueAtSteps(value, steps.slice(0, -1));
  parent[steps[steps.length - 1]] = item;
}

/**
 * Where `path` (a fact row's path) changed between prior and planned, as
 * Terraform's requires_replace paths. A path stops at a set of blocks: set
 * elements have no index Terraform can apply, so the whole set is compared.
 *
 * A path that ends at a block (a list or set of `*schema.Resource`) forces on
 * the number of its elements only: helper/schema/schema.go schemaMap.diffList
 * and diffSet put RequiresNew on the `.#` count, and the elements' attributes
 * force by their own ForceNew (a list of primitives copies the list's ForceNew
 * to its elements, `t2.ForceNew = schema.ForceNew`, so any element change forces).
 */
export function changedLocations(block: Block, prior: Value, planned: Value, path: string): Steps[] {
  const segments = path.split(".");
  let current: Block | undefined = block;
  const kept: string[] = [];
  let endsAtBlock = false;
  for (let index = 0; index < segments.length && current; index += 1) {
    const segment = segments[index];
    kept.push(segment);
    if (segment === "*" || /^\d+$/.test(segment)) {
      continue;
    }
    const nested: Block["blockTypes"][number] | undefined = current.blockTypes.find((candidate) => candidate.typeName === segment);
    endsAtBlock = nested !== undefined && index === segments.length - 1;
    if (nested?.nesting === "set" && !endsAtBlock) {
      break;
    }
    current = nested?.block;
  }
  const truncated = kept.join(".");
  const count = (value: Value) => (value === UNKNOWN ? UNKNOWN : Array.isArray(value) ? value.length : 0);
  const locations = [...expandPath(planned, truncated), ...expandPath(prior, truncated)];
  return locations
    .filter((location) => {
      const before = valueAtSteps(prior, location.steps);
      const after = valueAtSteps(planned, location.steps);
      return endsAtBlock ? count(before) !== count(after) : differs(before, after);
    })
    .map((location) => location.steps);
}

/**
 * What the SDK's diff (helper/schema/schema.go) makes of a configuration
 * before the provider's own rules: schema defaults planned where nothing is
 * set, Optional + Computed blocks left out keeping their prior value, and maps
 * with no element (`{}`, or only null values) planned as no map
 * (schemaMap.diffMap sees no elements: no change against a prior without one).
 */
export function planSdkv2Rules(block: Block, facts: ResourceFacts, planned: Value, prior: Value, proposed: Value): void {
  // An attribute with a Default is never Computed in SDKv2 (InternalValidate), so an unknown one is this plan's own guess.
  for (const [path, value] of Object.entries(facts.defaults ?? {})) {
    for (const location of expandPath(planned, path)) {
      const configured = valueAtSteps(proposed, location.steps);
      if ((configured === null || configured === undefined) && valueAtSteps(planned, location.steps.slice(0, -1)) !== null) {
        setAtSteps(planned, location.steps, value);
      }
    }
  }
  for (const path of [...(facts.keptWhenAbsent ?? []), ...(facts.attributesAsBlocks ?? [])]) {
    for (const location of expandPath(planned, path)) {
      const before = valueAtSteps(prior, location.steps);
      const absent = location.value === null || (Array.isArray(location.value) && location.value.length === 0);
      const attributeCleared = (facts.attributesAsBlocks ?? []).includes(path) && Array.isArray(location.value);
      if (absent && !attributeCleared && before !== null && valueAtSteps(planned, location.steps.slice(0, -1)) !== null) {
        setAtSteps(planned, location.steps, before);
      }
    }
  }
  emptyMapsAsPrior(block, planned, prior);
  unsetAsStoredZero(block, planned, prior);
}

/** The SDK's zero values: an attribute the read stored as one and the configuration leaves unset is no change. */
function isZero(value: Value): boolean {
  return value === "" || value === 0 || value === false || (Array.isArray(value) && value.length === 0) || (value !== null && typeof value === "object" && value !== UNKNOWN && !Array.isArray(value) && Object.keys(value).length === 0);
}

/**
 * helper/schema/schema.go diffString (and diffList/diffMap counts): an unset
 * value compares as its type's zero value (`nraw = schema.Type.Zero()`), so a
 * stored "", 0, false, [] or {} against nothing configured is no diff, and
 * the plan keeps the stored value. Elements of sets are not matched by
 * position, so they are left alone.
 */
function unsetAsStoredZero(block: Block, planned: Value, prior: Value): void {
  if (planned === null || planned === UNKNOWN || prior === null || prior === undefined || prior === UNKNOWN) {
    return;
  }
  for (const attribute of block.attributes) {
    if (planned[attribute.name] === null && isZero(prior[attribute.name])) {
      planned[attribute.name] = prior[attribute.name];
    }
  }
  for (const nested of block.blockTypes) {
    const items = planned[nested.typeName];
    if (nested.nesting === "list" && Array.isArray(items)) {
      items.forEach((item: Value, index: number) => unsetAsStoredZero(nested.block, item, prior[nested.typeName]?.[index] ?? null));
    } else if (nested.nesting === "single") {
      unsetAsStoredZero(nested.block, items, prior[nested.typeName] ?? null);
    }
  }
}

function hasElements(map: Value): boolean {
  return map !== null && typeof map === "object" && Object.values(map).some((item) => item !== null);
}

/** Maps with no non-null element plan as the prior's (when it has none either) or as null. */
function emptyMapsAsPrior(block: Block, planned: Value, prior: Value): void {
  if (planned === null || planned === UNKNOWN) {
    return;
  }
  for (const attribute of block.attributes) {
    const value = planned[attribute.name];
    if (!Array.isArray(attribute.type) || attribute.type[0] !== "map" || value === null || value === UNKNOWN || typeof value !== "object") {
      continue;
    }
    const elements = Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null));
    const before = prior?.[attribute.name] ?? null;
    planned[attribute.name] = Object.keys(elements).length > 0 ? elements : hasElements(before) ? null : before;
  }
  for (const nested of block.blockTypes) {
    const items = planned[nested.typeName];
    if (Array.isArray(items)) {
      items.forEach((item: Value, index: number) => emptyMapsAsPrior(nested.block, item, nested.nesting === "set" ? null : (prior?.[nested.typeName]?.[index] ?? null)));
    } else if (nested.nesting === "single") {
      emptyMapsAsPrior(nested.block, items, prior?.[nested.typeName] ?? null);
    }
  }
}

export function uniqueSteps(paths: Steps[]): Steps[] {
  const seen = new Map<string, Steps>();
  for (const steps of paths) {
    seen.set(JSON.stringify(steps), steps);
  }
  return [...seen.values()];
}

