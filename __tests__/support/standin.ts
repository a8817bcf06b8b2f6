// The stand-in's planning, driven directly (no Terraform) in the tests of its
// facts and rules: configurations of a block's shape, a resource created
// (planned and applied), a change planned against its state.
import { Block, Value } from "../../dropin/standin/protocol/cty";
import { ProviderSchema } from "../../dropin/standin/facts/schema";
import { StandinBehaviour } from "../../dropin/standin/rules/behaviour";

type Values = { [name: string]: Value };

/** A value of the block's shape: every attribute null, every block empty, then `values` over it. */
export function shaped(block: Block, values: Values): Value {
  const value: { [name: string]: Value } = {};
  for (const attribute of block.attributes) {
    value[attribute.name] = null;
  }
  for (const nested of block.blockTypes) {
    value[nested.typeName] = nested.nesting === "single" ? null : [];
  }
  for (const [name, item] of Object.entries(values)) {
    const nested = block.blockTypes.find((candidate) => candidate.typeName === name);
    value[name] = nested && Array.isArray(item) ? item.map((element) => shaped(nested.block, element)) : item;
  }
  return value;
}

/** The stand-in on `schema`, and the three steps its tests take. */
export function standinHelpers(schema: ProviderSchema) {
  const behaviour = new StandinBehaviour(schema);
  const config = (type: string, values: Values): Value => shaped(schema.resources[type], values);
  return {
    behaviour,
    config,
    /** Creates the resource through the stand-in (plan + apply) and returns its state. */
    created: (type: string, values: Values): Value => behaviour.apply(type, behaviour.plan(type, null, config(type, values)).value).value,
    /** The plan of `change` applied to the state's configuration. */
    planChange: (type: string, state: Value, change: Values) => behaviour.plan(type, state, { ...state, ...change }),
  };
}
