// What the drop-in tooling uses of the stand-in provider: its version and
// schema (to install it), and which resource types it can plan with the real
// provider's rules. Everything else is the plugin's own business.
import { RESOURCE_FACTS } from "./facts/index";

export { canonical } from "./protocol/cty";
export { PROVIDER_VERSION, bindingName, deriveSchema } from "./facts/schema";

/** Whether the stand-in has the real provider's planning facts for a resource type. */
export function canPlan(type: string): boolean {
  return RESOURCE_FACTS[type] !== undefined;
}

/** The schema version hashicorp/aws declares for a resource type the stand-in can plan. */
export function schemaVersionOf(type: string): number {
  const facts = RESOURCE_FACTS[type];
  if (!facts) {
    throw new Error(`schemaVersionOf(${type}): the stand-in cannot plan ${type}; ask canPlan first.`);
  }
  return facts.schemaVersion;
}
