// What the stand-in does with values: a provider that keeps what it is given,
// fills computed attributes deterministically, and plans like the real
// hashicorp/aws provider from the per-type facts in ./provider-facts:
// equivalent JSON documents and normalized values are no change, ForceNew
// attributes and CustomizeDiff rules force a replacement, a new job
// definition revision makes its ARN unknown, validators refuse what the
// provider refuses, and state from older schema versions is upgraded (or
// refused) as the provider does. It never talks to AWS and reads back
// exactly the state it wrote.
import { createHash } from "crypto";
import { Block, UNKNOWN, Value, canonical, conform, impliedType } from "../protocol/cty";
import { NORMALIZERS, ProviderRefusal, Steps, expandPath, valueAtSteps } from "../facts/resource-facts";
import { EQUIVALENCE, RESOURCE_FACTS, factsFor } from "../facts/index";
import { ProviderSchema } from "../facts/schema";
import { ValidationProblem } from "../facts/validators";
import { validateResource } from "./validate";
import { changedLocations, planSdkv2Rules, setAtSteps, uniqueSteps } from "./sdkv2-plan";

export const ACCOUNT_ID = "123456789012";

export interface Result {
  readonly value: Value;
  /** The real provider (SDKv2) reports a plan that keeps equivalent JSON instead of the configured text. */
  readonly legacyTypeSystem: boolean;
}

export interface PlanResult extends Result {
  /** Attribute paths whose change forces the replacement of the resource (empty: an update). */
  readonly requiresReplace: readonly Steps[];
}

export class StandinBehaviour {
  private region = "eu-central-1";

  constructor(private readonly schema: ProviderSchema) {}

  configure(config: Value): void {
    if (typeof config?.region === "string") {
      this.region = config.region;
    }
  }

  resource(type: string): Block {
    const block = this.schema.resources[type];
    if (!block) {
      throw new Error(`The stand-in provider does not serve resource type ${type}.`);
    }
    return block;
  }

  dataSource(type: string): Block {
    const block = this.schema.dataSources[type];
    if (!block) {
      throw new Error(`The stand-in provider does not serve data source ${type}.`);
    }
    return block;
  }

  /** The schema version the real provider declares for a resource type. */
  schemaVersion(type: string): number {
    return factsFor(type).schemaVersion;
  }

  /**
   * A state file's JSON at `version`, upgraded to the current schema: the
   * type's upgrader for that version runs (one, as the framework does; SDKv2
   * runs the chain), then attributes the schema no longer has are dropped, as
   * both SDKs do (SDKv2 removeAttributes, the framework's
   * IgnoreUndefinedAttributes).
   */
  upgrade(type: string, version: number, json: string): Value {
    const facts = factsFor(type);
    let state = JSON.parse(json);
    if (facts.sdk === "framework") {
      const upgrader = version < facts.schemaVersion ? facts.upgrade?.[version] : undefined;
      state = upgrader ? upgrader(state) : state;
    } else {
      for (let from = version; from < facts.schemaVersion; from += 1) {
        state = facts.upgrade?.[from]?.(state) ?? state;
      }
    }
    return conform(impliedType(this.resource(type)), state);
  }

  /**
   * A refresh: the state as read back. The stand-in's own writes read back
   * unchanged; state an aws 5.x provider wrote has no per-resource `region`,
   * which the real provider's read fills in from its configuration.
   */
  refresh(type: string, state: Value): Value {
    if (state && hasAttribute(this.resource(type), "region") && (state.region === null || state.region === undefined)) {
      return { ...state, region: this.region };
    }
    return state;
  }

  /** What the provider's validators refuse in a resource's configuration. */
  validate(type: string, config: Value): ValidationProblem[] {
    this.resource(type);
    return validateResource(type, config, (value) => value === UNKNOWN);
  }

  plan(type: string, prior: Value, proposed: Value): PlanResult {
    if (proposed === null) {
      return { value: null, legacyTypeSystem: false, requiresReplace: [] };
    }
    const block = this.resource(type);
    const facts = factsFor(type);
    const planned = planBlock(block, proposed, prior, false);
    if (facts.sdk === "sdkv2") {
      planSdkv2Rules(block, facts, planned, prior, proposed);
    }
    if (hasAttribute(block, "region") && (planned.region === null || planned.region === UNKNOWN)) {
      planned.region = this.region;
    }
    if (hasAttribute(block, "tags_all")) {
      planned.tags_all = planned.tags === UNKNOWN ? UNKNOWN : (planned.tags ?? {});
    }
    // SDKv2 answers every plan with LegacyTypeSystem (helper/schema/grpc_provider.go PlanResourceChange): Terraform
    // then accepts planned values that differ from the configuration (defaults, kept prior values, normalized text).
    let legacyTypeSystem = facts.sdk === "sdkv2";
    for (const [path, name] of Object.entries(facts.normalize)) {
      const normalizer = NORMALIZERS[name];
      for (const location of expandPath(planned, path)) {
        if (location.value === UNKNOWN || (location.value === null && !normalizer.whenUnset)) {
          continue;
        }
        const priorValue = valueAtSteps(prior, location.steps);
        const resource = valueAtSteps(planned, location.steps.slice(0, -1));
        const stored = normalizer.stored && location.value !== null ? normalizer.stored(location.value) : location.value;
        const samePrior =
          priorValue !== null &&
          (normalizer.suppress?.(priorValue, location.value, resource) ||
            (normalizer.stored !== undefined && normalizer.stored(priorValue) === stored));
        const kept = samePrior ? priorValue : stored;
        if (kept !== location.value && valueAtSteps(planned, location.steps.slice(0, -1)) !== null) {
          setAtSteps(planned, location.steps, kept);
          legacyTypeSystem = true;
        }
      }
    }
    for (const [path, equivalence] of Object.entries(facts.equivalent ?? {})) {
      for (const location of expandPath(planned, path)) {
        const priorValue = valueAtSteps(prior, location.steps);
        if (typeof priorValue === "string" && typeof location.value === "string" && priorValue !== location.value && EQUIVALENCE[equivalence](priorValue, location.value)) {
          setAtSteps(planned, location.steps, priorValue);
          legacyTypeSystem = true;
        }
      }
    }
    if (prior === null) {
      // Some names are checked only when a create is planned (the SQS queue name), not by a validator.
      const [problem] = validateResource(type, proposed, (value) => value === UNKNOWN, { stage: "plan-create" });
      if (problem) {
        throw new ProviderRefusal(problem.summary, problem.detail);
      }
      return { value: planned, legacyTypeSystem, requiresReplace: [] };
    }
    const customization = facts.customizeDiff?.(prior, planned) ?? { replace: [], unknown: [] };
    for (const name of customization.unknown) {
      planned[name] = UNKNOWN;
    }
    const requiresReplace = [...facts.forceNew, ...customization.replace].flatMap((path) => changedLocations(block, prior, planned, path));
    return { value: planned, legacyTypeSystem, requiresReplace: uniqueSteps(requiresReplace) };
  }

  apply(type: string, planned: Value): Result {
    if (planned === null) {
      return { value: null, legacyTypeSystem: false };
    }
    const block = this.resource(type);
    const facts = factsFor(type);
    const refusal = facts.applyRefusal?.(planned);
    if (refusal) {
      throw refusal;
    }
    const seed = `${type}|${canonical(planned)}`;
    const filled = fillBlock(block, planned, (name, attributeType) => this.computed(type, name, attributeType, planned, seed), false);
    // The provider's create and update end with its read: the state holds what AWS gives back.
    const applied = facts.readBack ? facts.readBack(filled) : filled;
    // SDKv2 sets LegacyTypeSystem on every apply (ApplyResourceChange) as on every plan.
    return { value: applied, legacyTypeSystem: facts.sdk === "sdkv2" };
  }

  read(type: string, config: Value): Value {
    const block = this.dataSource(type);
    const state = { ...config };
    if (type === "aws_iam_policy_document") {
      const document = policyDocument(config);
      state.json = JSON.stringify(document, null, 2);
      state.minified_json = JSON.stringify(document);
      state.id = digest(state.json);
    }
    if (type === "aws_region") {
      const region = config.region ?? config.name ?? this.region;
      Object.assign(state, { region, name: region, id: region, endpoint: `ec2.${region}.amazonaws.com` });
    }
    const seed = `data.${type}|${canonical(config)}`;
    return fillBlock(block, state, (name, attributeType) => this.computed(type, name, attributeType, state, seed), true);
  }

  /** A deterministic value for a computed attribute Terraform left unknown. */
  private computed(type: string, name: string, attributeType: Value, known: Value, seed: string): Value {
    const assigned = RESOURCE_FACTS[type]?.assignedByAws;
    if (assigned && name in assigned) {
      const value = assigned[name];
      return typeof value === "string" ? value.replace("{account}", ACCOUNT_ID).replace("{region}", this.region) : value;
    }
    const label = typeof known.name === "string" ? known.name : undefined;
    const [, service, ...kind] = type.split("_");
    switch (name) {
      case "id":
        return label ?? `${kind.join("-")}-${digest(seed).slice(0, 12)}`;
      case "arn": {
        const region = service === "iam" ? "" : this.region;
        return `arn:aws:${service}:${region}:${ACCOUNT_ID}:${kind.join("-")}/${label ?? digest(seed).slice(0, 12)}`;
      }
      case "region":
        return this.region;
    }
    if (attributeType === "string") {
      return `${name}-${digest(`${seed}|${name}`).slice(0, 12)}`;
    }
    if (attributeType === "number") {
      return 0;
    }
    if (attributeType === "bool") {
      return false;
    }
    if (Array.isArray(attributeType) && attributeType[0] !== "object") {
      return attributeType[0] === "map" ? {} : [];
    }
    return null;
  }
}

function hasAttribute(block: Block, name: string): boolean {
  return block.attributes.some((attribute) => attribute.name === name);
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * Plans one block's value: computed attributes the configuration leaves null
 * become unknown on create. Inside set blocks they stay null, since a value
 * filled in at apply would make the element differ from its configuration and
 * the set would never match again.
 */
function planBlock(block: Block, value: Value, prior: Value, inSet: boolean): Value {
  if (value === null || value === UNKNOWN) {
    return value;
  }
  const planned = { ...value };
  for (const attribute of block.attributes) {
    if (attribute.computed && planned[attribute.name] === null && prior === null && !inSet) {
      planned[attribute.name] = UNKNOWN;
    }
  }
  for (const nested of block.blockTypes) {
    const items = planned[nested.typeName];
    const priorItems = prior?.[nested.typeName] ?? null;
    if (items === null || items === UNKNOWN) {
      continue;
    }
    switch (nested.nesting) {
      case "single":
        planned[nested.typeName] = planBlock(nested.block, items, priorItems, inSet);
        break;
      case "list":
        planned[nested.typeName] = items.map((item: Value, index: number) =>
          planBlock(nested.block, item, priorItems?.[index] ?? null, inSet),
        );
        break;
      case "set":
        planned[nested.typeName] = items.map((item: Value) => planBlock(nested.block, item, null, true));
        break;
      case "map":
        planned[nested.typeName] = Object.fromEntries(
          Object.entries(items).map(([key, item]) => [key, planBlock(nested.block, item, priorItems?.[key] ?? null, inSet)]),
        );
        break;
    }
  }
  return planned;
}

/** Replaces unknown values (and, for data sources, null computed ones) with `make`'s values. */
function fillBlock(block: Block, value: Value, make: (name: string, type: Value) => Value, nullComputed: boolean): Value {
  if (value === null || value === UNKNOWN) {
    return null;
  }
  const filled = { ...value };
  for (const attribute of block.attributes) {
    const current = filled[attribute.name];
    if (current === UNKNOWN || (nullComputed && attribute.computed && current === null)) {
      filled[attribute.name] = make(attribute.name, attribute.type);
    } else {
      filled[attribute.name] = replaceUnknown(current);
    }
  }
  for (const nested of block.blockTypes) {
    const items = filled[nested.typeName];
    if (items === null || items === UNKNOWN) {
      filled[nested.typeName] = nested.nesting === "single" ? null : nested.nesting === "map" ? {} : [];
    } else if (nested.nesting === "single") {
      filled[nested.typeName] = fillBlock(nested.block, items, make, nullComputed);
    } else if (nested.nesting === "map") {
      filled[nested.typeName] = Object.fromEntries(
        Object.entries(items).map(([key, item]) => [key, fillBlock(nested.block, item, make, nullComputed)]),
      );
    } else {
      filled[nested.typeName] = items.map((item: Value) => fillBlock(nested.block, item, make, nullComputed));
    }
  }
  return filled;
}

/** Unknowns inside a configured collection (a reference not yet known at plan) are known by apply; null stands in. */
function replaceUnknown(value: Value): Value {
  if (value === UNKNOWN) {
    return null;
  }
  if (Array.isArray(value)) {
    return value.map(replaceUnknown);
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceUnknown(item)]));
  }
  return value;
}

/** The document `data.aws_iam_policy_document` renders, as the real provider lays it out. */
function policyDocument(config: Value): Value {
  const one = (values: Value) => (values === null || values === undefined || values.length === 0 ? undefined : values.length === 1 ? values[0] : values);
  const principals = (blocks: Value) => {
    if (!blocks || blocks.length === 0) {
      return undefined;
    }
    return Object.fromEntries(blocks.map((block: Value) => [block.type, one(block.identifiers)]));
  };
  const conditions = (blocks: Value) => {
    if (!blocks || blocks.length === 0) {
      return undefined;
    }
    const result: { [test: string]: { [variable: string]: Value } } = {};
    for (const block of blocks) {
      result[block.test] = { ...result[block.test], [block.variable]: one(block.values) };
    }
    return result;
  };
  return {
    Version: config.version ?? "2012-10-17",
    Id: config.policy_id ?? undefined,
    Statement: (config.statement ?? []).map((statement: Value) => ({
      Sid: statement.sid ?? undefined,
      Effect: statement.effect ?? "Allow",
      Action: one(statement.actions),
      NotAction: one(statement.not_actions),
      Resource: one(statement.resources),
      NotResource: one(statement.not_resources),
      Principal: principals(statement.principals),
      NotPrincipal: principals(statement.not_principals),
      Condition: conditions(statement.condition),
    })),
  };
}
