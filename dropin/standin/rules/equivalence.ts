// When the real hashicorp/aws 6.x provider shows no change between two JSON
// documents, by the names the facts rows use: policies
// (./policy-equivalence), container properties (./container-properties) and
// event patterns (below), each mirroring the provider's diff suppression
// rule for rule, quirks included, so a clean plan against the stand-in is a
// clean plan against the real provider, and a change here is a change there.
//
// Event patterns (internal/service/events/rule.go): no DiffSuppressFunc, only
// the StateFunc ruleEventPatternJSONDecoder, which runs json.Unmarshal then
// json.Marshal (key order, whitespace, the last duplicate key wins, numbers
// as float64 so 1 == 1.0 == 1e0, but -0 prints as "-0") and un-escapes <, >,
// &. Array order still matters.
import { deepEqual, toGoAny, unmarshal } from "../go/json";
import { equivalentContainerProperties } from "./container-properties";
import { suppressEquivalentPolicyDiffs } from "./policy-equivalence";

/** Where the rule lives in the provider source, for the table rows. */
export interface EquivalenceRule {
  readonly source: string;
  readonly equivalent: (prior: string, planned: string) => boolean;
}

/**
 * internal/service/events/rule.go ruleEventPatternJSONDecoder, the StateFunc
 * of `event_pattern` (it has no DiffSuppressFunc): json.Unmarshal into
 * interface{}, then json.Marshal, so two patterns are the same when they are
 * equal as Go JSON values. Float64 numbers (1 == 1.0), the last duplicate
 * key wins, array order counts, and -0 is not 0 (Marshal writes "-0").
 */
export function equivalentJsonValues(a: string, b: string): boolean {
  try {
    return deepEqual(toGoAny(unmarshal(a)), toGoAny(unmarshal(b)), Object.is);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------

export const POLICY_EQUIVALENCE: EquivalenceRule = {
  source:
    "hashicorp/terraform-provider-aws internal/verify/json.go SuppressEquivalentPolicyDiffs" +
    " -> hashicorp/awspolicyequivalence aws_policy_equivalence.go PoliciesAreEquivalent",
  equivalent: suppressEquivalentPolicyDiffs,
};

export const CONTAINER_PROPERTIES_EQUIVALENCE: EquivalenceRule = {
  source:
    "hashicorp/terraform-provider-aws internal/service/batch/job_definition.go container_properties DiffSuppressFunc" +
    " -> container_properties.go equivalentContainerPropertiesJSON",
  equivalent: equivalentContainerProperties,
};

export const JSON_VALUE_EQUIVALENCE: EquivalenceRule = {
  source: "hashicorp/terraform-provider-aws internal/service/events/rule.go event_pattern StateFunc ruleEventPatternJSONDecoder",
  // The StateFunc turns "" into "", so two unset patterns never differ.
  equivalent: (prior, planned) => (prior === "" && planned === "") || equivalentJsonValues(prior, planned),
};
