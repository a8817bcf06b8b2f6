// Every resource type the stand-in can plan, with the facts it plans by: one
// table, merged from the Batch rows and the rows of the other services. A
// type without a row is refused rather than planned without its rules.
import { BATCH_RESOURCE_FACTS } from "./batch";
import { CONTAINER_PROPERTIES_EQUIVALENCE, JSON_VALUE_EQUIVALENCE, POLICY_EQUIVALENCE } from "../rules/equivalence";
import { Equivalence, ResourceFacts } from "./resource-facts";
import { OTHER_RESOURCE_FACTS } from "./other-services";
import { EC2_RESOURCE_FACTS } from "./ec2";
import { IAM_RESOURCE_FACTS } from "./iam";
import { KMS_RESOURCE_FACTS } from "./kms";
import { OPERATIONS_RESOURCE_FACTS } from "./operations";

/** The comparisons behind each Equivalence name (./equivalence cites their provider sources). */
export const EQUIVALENCE: { readonly [name in Equivalence]: (prior: string, planned: string) => boolean } = {
  policy: POLICY_EQUIVALENCE.equivalent,
  "container-properties": CONTAINER_PROPERTIES_EQUIVALENCE.equivalent,
  json: JSON_VALUE_EQUIVALENCE.equivalent,
};

/** Normalization tags that name a JSON document comparison rather than a value rewrite. */
const EQUIVALENCE_TAGS: { readonly [tag: string]: Equivalence } = {
  "json-policy": "policy",
  json: "json",
};

/** The other services' rows keep their JSON documents among the normalizations; here they become equivalences. */
function withEquivalences(facts: ResourceFacts): ResourceFacts {
  const normalize: { [path: string]: string } = {};
  const equivalent: { [attribute: string]: Equivalence } = { ...facts.equivalent };
  for (const [path, tag] of Object.entries(facts.normalize)) {
    if (EQUIVALENCE_TAGS[tag]) {
      equivalent[path] = EQUIVALENCE_TAGS[tag];
    } else {
      normalize[path] = tag;
    }
  }
  return { ...facts, normalize, equivalent };
}

export const RESOURCE_FACTS: { readonly [type: string]: ResourceFacts } = Object.fromEntries(
  Object.entries({ ...EC2_RESOURCE_FACTS, ...IAM_RESOURCE_FACTS, ...OTHER_RESOURCE_FACTS, ...KMS_RESOURCE_FACTS, ...OPERATIONS_RESOURCE_FACTS, ...BATCH_RESOURCE_FACTS }).map(([type, facts]) => [type, withEquivalences(facts)]),
);

export function factsFor(type: string): ResourceFacts {
  const facts = RESOURCE_FACTS[type];
  if (!facts) {
    throw new Error(
      `The stand-in provider has no planning facts for ${type}: add its row (schema version, ForceNew attributes, ` +
        `normalizations, with their provider source) to dropin/standin/facts/other-services.ts (or batch.ts).`,
    );
  }
  return facts;
}
