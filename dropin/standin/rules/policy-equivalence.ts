// IAM and SQS policies as the real provider compares them:
// internal/verify/json.go SuppressEquivalentPolicyDiffs, the DiffSuppressFunc
// of the IAM and SQS policy arguments, which calls
// hashicorp/awspolicyequivalence aws_policy_equivalence.go (commit 3ec3a968,
// the newest stored version: DeepEqual short cut, booleans and numbers in
// sets, one-element JSON lists; the provider's go.mod pins v1.7.0):
// PoliciesAreEquivalent, intermediatePolicyDocument.document,
// policyDocument.equals, policyStatement.equals, mapPrincipalsEqual,
// stringPrincipalsEqual, conditionsBlock.Equals, newStringSet,
// stringSet.equals, principalStringSet.equals, stringSlicesEqualIgnoreOrder.
// It decodes with encoding/json, then mapstructure v1.5.0. Quirks kept:
// 1. Principals. Two STRING principals are never really compared: besides
//    stringPrincipalsEqual, policyStatement.equals accepts mapPrincipalsEqual,
//    which reads a string as an empty map, so `"Principal": "*"` equals any
//    other string principal and a missing Principal. `"*"` is NOT
//    `{"AWS": "*"}`. Principal keys with only empty lists count as absent.
// 2. Duplicates. Action/NotAction/Resource/NotResource are sorted lists, so
//    duplicates count. Condition values and principal lists are compared as
//    length plus set: ["a", "a", "b"] equals ["a", "b", "b"].
// 3. Conditions. Booleans and numbers equal their text (true == "true",
//    100 == "100"). A present but empty block (`"Condition": {}`) is not an
//    absent one.
// 4. Version, Id, Sid. A missing Version is not "2012-10-17", but it equals
//    "" and null. The same goes for Id and Sid.
// 5. Documents. `Statement` as one object equals a one-element array. A
//    document wrapped in a one-element JSON list equals the document. Two
//    documents that decode the same are equal even with no valid Statement.
//    Element names match case-insensitively (`"effect"`, `"statement"`). Under
//    SuppressEquivalentPolicyDiffs, "" and "{}" equal each other;
//    PoliciesAreEquivalent on its own calls them different.
import { equalFold, formatFloat, trimSpace } from "../go/format";
import { GoAny, JsonNode, deepEqual, toGoAny, unmarshal } from "../go/json";
import { jsonField } from "../../../stacks/templates/container-properties";

interface IntermediatePolicy {
  readonly version: string;
  readonly id: string;
  readonly statements: GoAny;
}

interface PolicyStatement {
  readonly sid: string;
  readonly effect: string;
  readonly actions: GoAny;
  readonly notActions: GoAny;
  readonly resources: GoAny;
  readonly notResources: GoAny;
  readonly principals: GoAny;
  readonly notPrincipals: GoAny;
  /** map[string]map[string]interface{}: null is a nil map, which is not an empty one. */
  readonly conditions: ReadonlyMap<string, ReadonlyMap<string, GoAny> | null> | null;
}

/** PoliciesAreEquivalent's first step: assume-role "pseudo-JSON" may be a one-element list of documents. */
function unwrapOneElementList(policy: string): string {
  let trimmed = trimSpace(policy);
  if (trimmed.startsWith("[")) {
    trimmed = trimmed.endsWith("]") ? trimmed.slice(0, -1) : trimmed;
    trimmed = trimmed.startsWith("[") ? trimmed.slice(1) : trimmed;
    if (trimSpace(trimmed) === "") {
      trimmed = "{}";
    }
  }
  return trimmed;
}

/** json.Unmarshal into intermediatePolicyDocument; undefined where Go returns an error. */
function unmarshalPolicy(text: string): IntermediatePolicy | undefined {
  let node: JsonNode;
  try {
    node = unmarshal(text);
  } catch {
    return undefined;
  }
  // `null` leaves the struct at its zero value.
  if (node.kind === "null") {
    return { version: "", id: "", statements: null };
  }
  if (node.kind !== "object") {
    return undefined;
  }
  const strings = { Version: "", Id: "" };
  let statements: GoAny = null;
  for (const [key, value] of node.members) {
    const field = jsonField(key, ["Version", "Id", "Statement"] as const);
    if (field === "Statement") {
      try {
        statements = toGoAny(value);
      } catch {
        return undefined;
      }
    } else if (field !== undefined && value.kind === "string") {
      strings[field] = value.value;
    } else if (field !== undefined && value.kind !== "null") {
      return undefined;
    }
  }
  return { version: strings.Version, id: strings.Id, statements };
}

/** mapstructure's lookup: the exact key, else the first key that EqualFolds the field name. */
function mapstructureField(map: ReadonlyMap<string, GoAny>, name: string): GoAny {
  if (map.has(name)) {
    return map.get(name) as GoAny;
  }
  for (const [key, value] of map) {
    if (equalFold(key, name)) {
      return value;
    }
  }
  return null;
}

/** mapstructure.Decode of one statement: null is a nil *policyStatement; undefined is a decode error. */
function decodeStatement(value: GoAny): PolicyStatement | null | undefined {
  if (value === null) {
    return null;
  }
  if (!(value instanceof Map)) {
    return undefined;
  }
  // mapstructure without WeaklyTypedInput: only a string (or nothing) decodes into a string field.
  const stringField = (name: string): string | undefined => {
    const field = mapstructureField(value, name);
    return field === null ? "" : typeof field === "string" ? field : undefined;
  };
  const sid = stringField("Sid");
  const effect = stringField("Effect");
  const condition = mapstructureField(value, "Condition");
  if (sid === undefined || effect === undefined || (condition !== null && !(condition instanceof Map))) {
    return undefined;
  }
  let conditions: Map<string, ReadonlyMap<string, GoAny> | null> | null = null;
  if (condition instanceof Map) {
    conditions = new Map();
    for (const [operator, block] of condition) {
      if (block !== null && !(block instanceof Map)) {
        return undefined;
      }
      conditions.set(operator, block);
    }
  }
  return {
    sid,
    effect,
    actions: mapstructureField(value, "Action"),
    notActions: mapstructureField(value, "NotAction"),
    resources: mapstructureField(value, "Resource"),
    notResources: mapstructureField(value, "NotResource"),
    principals: mapstructureField(value, "Principal"),
    notPrincipals: mapstructureField(value, "NotPrincipal"),
    conditions,
  };
}

/** intermediatePolicyDocument.document: Statement is a list of statements or a single statement object. */
function policyStatements(intermediate: IntermediatePolicy): (PolicyStatement | null)[] | undefined {
  const raw = intermediate.statements;
  const list = Array.isArray(raw) ? raw : raw instanceof Map ? [raw] : undefined;
  const statements = list?.map(decodeStatement);
  return statements?.includes(undefined) ? undefined : (statements as (PolicyStatement | null)[] | undefined);
}

/** newStringSet: a string, bool or number is a one-element set; a list must hold only those; anything else is nil (null). */
function newStringSet(members: GoAny): string[] | null {
  const scalar = (value: GoAny) => {
    if (typeof value === "number") {
      return formatFloat(value);
    }
    return typeof value === "string" || typeof value === "boolean" ? String(value) : undefined;
  };
  if (members === null) {
    return [];
  }
  const single = scalar(members);
  if (single !== undefined) {
    return [single];
  }
  if (!Array.isArray(members)) {
    return null;
  }
  const items = members.map(scalar);
  return items.includes(undefined) ? null : (items as string[]);
}

/** stringSlicesEqualIgnoreOrder: sorted, then DeepEqual, so duplicates count and a nil set is not an empty one. */
function sortedListsEqual(a: string[] | null, b: string[] | null): boolean {
  if ((a?.length ?? 0) !== (b?.length ?? 0)) {
    return false;
  }
  if (a === null || b === null) {
    return a === b;
  }
  const left = [...a].sort();
  const right = [...b].sort();
  return left.every((item, index) => item === right[index]);
}

/** stringSet.equals (condition values): nil never matches; same length, then the same members. */
function setsEqual(a: string[] | null, b: string[] | null): boolean {
  if (a === null || b === null || a.length !== b.length) {
    return false;
  }
  const right = new Set(b);
  return a.every((item) => right.has(item)) && b.every((item) => a.includes(item));
}

const ACCOUNT_ID = /^[0-9]{12}$/;

/** aws-sdk-go arn.Parse, for the fields stringPrincipalsEqual reads. */
function parseArn(text: string): { service: string; accountId: string; resource: string } | undefined {
  if (!text.startsWith("arn:")) {
    return undefined;
  }
  const sections = text.split(":");
  if (sections.length < 6) {
    return undefined;
  }
  return { service: sections[2], accountId: sections[4], resource: sections.slice(5).join(":") };
}

/** stringPrincipalsEqual: equal strings, or an account id and its arn:<partition>:iam::<id>:root. */
function stringPrincipalsEqual(ours: GoAny, theirs: GoAny): boolean {
  if (typeof ours !== "string" || typeof theirs !== "string") {
    return false;
  }
  const rootOf = (accountId: string, arn: string) => {
    const parsed = ACCOUNT_ID.test(accountId) ? parseArn(arn) : undefined;
    return parsed !== undefined && parsed.service === "iam" && parsed.resource === "root" && parsed.accountId === accountId;
  };
  return ours === theirs || rootOf(ours, theirs) || rootOf(theirs, ours);
}

/** principalStringSet.equals: same length, each of ours matched by one of theirs. */
function principalSetsEqual(ours: string[], theirs: string[]): boolean {
  return ours.length === theirs.length && ours.every((principal) => theirs.some((other) => stringPrincipalsEqual(principal, other)));
}

/**
 * mapPrincipalsEqual: per key, ignoring keys whose set is empty. A value that
 * is not a map reads as an empty map, which is why two string principals
 * always pass here.
 */
function mapPrincipalsEqual(ours: GoAny, theirs: GoAny): boolean {
  const normalize = (principal: GoAny) => {
    const sets = new Map<string, string[]>();
    for (const [key, value] of principal instanceof Map ? principal : []) {
      const set = newStringSet(value);
      if (set !== null && set.length > 0) {
        sets.set(key, set);
      }
    }
    return sets;
  };
  const left = normalize(ours);
  const right = normalize(theirs);
  const covered = (a: Map<string, string[]>, b: Map<string, string[]>) =>
    [...a].every(([key, set]) => b.has(key) && principalSetsEqual(set, b.get(key) as string[]));
  return covered(left, right) && covered(right, left);
}

/** conditionsBlock.Equals: nil is not empty; operators and keys exact; values as stringSet.equals. */
function conditionsEqual(ours: PolicyStatement["conditions"], theirs: PolicyStatement["conditions"]): boolean {
  if (ours === null || theirs === null) {
    return ours === theirs;
  }
  if (ours.size !== theirs.size) {
    return false;
  }
  const covered = (a: NonNullable<PolicyStatement["conditions"]>, b: NonNullable<PolicyStatement["conditions"]>) =>
    [...a].every(([operator, block]) => {
      const other = b.get(operator);
      return (
        b.has(operator) &&
        [...(block ?? [])].every(
          ([key, values]) => other?.has(key) === true && setsEqual(newStringSet(values), newStringSet(other.get(key) as GoAny)),
        )
      );
    });
  return covered(ours, theirs) && covered(theirs, ours);
}

/** policyStatement.equals. */
function statementsEqual(ours: PolicyStatement, theirs: PolicyStatement): boolean {
  const principalsEqual = (a: GoAny, b: GoAny) => (a === null && b === null) || stringPrincipalsEqual(a, b) || mapPrincipalsEqual(a, b);
  return (
    ours.sid === theirs.sid &&
    equalFold(ours.effect, theirs.effect) &&
    sortedListsEqual(newStringSet(ours.actions), newStringSet(theirs.actions)) &&
    sortedListsEqual(newStringSet(ours.notActions), newStringSet(theirs.notActions)) &&
    sortedListsEqual(newStringSet(ours.resources), newStringSet(theirs.resources)) &&
    sortedListsEqual(newStringSet(ours.notResources), newStringSet(theirs.notResources)) &&
    conditionsEqual(ours.conditions, theirs.conditions) &&
    principalsEqual(ours.principals, theirs.principals) &&
    principalsEqual(ours.notPrincipals, theirs.notPrincipals)
  );
}

/** policyDocument.equals: Version and Id as strings, then the statements matched as a set, both ways. */
function documentsEqual(ours: IntermediatePolicy, theirs: IntermediatePolicy): boolean {
  const left = policyStatements(ours);
  const right = policyStatements(theirs);
  if (
    left === undefined ||
    right === undefined ||
    ours.version !== theirs.version ||
    ours.id !== theirs.id ||
    left.length !== right.length
  ) {
    return false;
  }
  // A null statement is a nil pointer: the real comparison panics and the provider crashes. Never equal here.
  if (left.length > 0 && (left.includes(null) || right.includes(null))) {
    return false;
  }
  const matched = (a: PolicyStatement[], b: PolicyStatement[]) =>
    a.every((statement) => b.some((other) => statementsEqual(statement, other)));
  return matched(left as PolicyStatement[], right as PolicyStatement[]) && matched(right as PolicyStatement[], left as PolicyStatement[]);
}

/**
 * hashicorp/awspolicyequivalence aws_policy_equivalence.go
 * PoliciesAreEquivalent (its error reads as false). Documents that decode to
 * the same intermediate document are equal before any statement is read.
 */
export function equivalentPolicies(a: string, b: string): boolean {
  const ours = unmarshalPolicy(unwrapOneElementList(a));
  const theirs = unmarshalPolicy(unwrapOneElementList(b));
  if (ours === undefined || theirs === undefined) {
    return false;
  }
  if (ours.version === theirs.version && ours.id === theirs.id && deepEqual(ours.statements, theirs.statements)) {
    return true;
  }
  return documentsEqual(ours, theirs);
}

/** internal/verify/json.go SuppressEquivalentPolicyDiffs: blank and "{}" are the same no-policy, then the library decides. */
export function suppressEquivalentPolicyDiffs(prior: string, planned: string): boolean {
  const empty = (text: string) => trimSpace(text) === "" || trimSpace(text) === "{}";
  return (empty(prior) && empty(planned)) || equivalentPolicies(prior, planned);
}
