// What the stand-in does with values: a provider that keeps what it is given
// and fills computed attributes deterministically. It never talks to AWS, never
// replaces (it cannot know which arguments force replacement) and reads back
// exactly the state it wrote, so a plan against its state differs only where
// the configuration differs.
import { createHash } from "crypto";
import { Block, UNKNOWN, Value, canonical, conform, impliedType } from "./cty";
import { ProviderSchema } from "./schema";

export const ACCOUNT_ID = "123456789012";

/**
 * Arguments the real provider compares as JSON documents, not as text (its
 * diff suppression for policies, event patterns and container properties).
 * The stand-in is stricter than AWS's policy equivalence: the documents must
 * be equal as JSON values, so a clean plan here is clean there.
 */
const JSON_ARGUMENTS: { readonly [type: string]: readonly string[] } = {
  aws_iam_role: ["assume_role_policy"],
  aws_iam_policy: ["policy"],
  aws_iam_role_policy: ["policy"],
  aws_sqs_queue: ["policy", "redrive_policy", "redrive_allow_policy"],
  aws_sqs_queue_policy: ["policy"],
  aws_cloudwatch_event_rule: ["event_pattern"],
  aws_batch_job_definition: ["container_properties"],
};

export interface Result {
  readonly value: Value;
  /** The real provider (SDKv2) reports a plan that keeps equivalent JSON instead of the configured text. */
  readonly legacyTypeSystem: boolean;
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

  /** A state file's JSON, given the schema's shape (the state is already at schema version 0). */
  upgrade(type: string, json: string): Value {
    return conform(impliedType(this.resource(type)), JSON.parse(json));
  }

  plan(type: string, prior: Value, proposed: Value): Result {
    if (proposed === null) {
      return { value: null, legacyTypeSystem: false };
    }
    const block = this.resource(type);
    const planned = planBlock(block, proposed, prior, false);
    if (hasAttribute(block, "region") && (planned.region === null || planned.region === UNKNOWN)) {
      planned.region = this.region;
    }
    if (hasAttribute(block, "tags_all")) {
      planned.tags_all = planned.tags === UNKNOWN ? UNKNOWN : (planned.tags ?? {});
    }
    let legacyTypeSystem = false;
    for (const name of JSON_ARGUMENTS[type] ?? []) {
      if (prior && prior[name] !== planned[name] && sameJson(prior[name], planned[name])) {
        planned[name] = prior[name];
        legacyTypeSystem = true;
      }
    }
    return { value: planned, legacyTypeSystem };
  }

  apply(type: string, planned: Value, config: Value): Result {
    if (planned === null) {
      return { value: null, legacyTypeSystem: false };
    }
    const block = this.resource(type);
    const seed = `${type}|${canonical(planned)}`;
    const applied = fillBlock(block, planned, (name, attributeType) => this.computed(type, name, attributeType, planned, seed), false);
    const keptEquivalentJson = (JSON_ARGUMENTS[type] ?? []).some((name) => config?.[name] !== applied[name]);
    return { value: applied, legacyTypeSystem: keptEquivalentJson };
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

function sameJson(left: Value, right: Value): boolean {
  if (typeof left !== "string" || typeof right !== "string") {
    return false;
  }
  try {
    return canonical(JSON.parse(left)) === canonical(JSON.parse(right));
  } catch {
    return false;
  }
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
