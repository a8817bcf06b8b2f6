// When the real hashicorp/aws 6.x provider shows no change between two JSON
// documents: pure functions that mirror its diff suppression rule for rule,
// quirks included, so a clean plan against the stand-in is a clean plan
// against the real provider, and a change here is a change there.
//
// Read from (function names, since line numbers move between releases):
// - hashicorp/awspolicyequivalence aws_policy_equivalence.go at commit
//   3ec3a968, the newest stored version (post-v1.5: DeepEqual short cut,
//   booleans and numbers in sets, one-element JSON lists; the provider's go.mod
//   pins v1.7.0): PoliciesAreEquivalent, intermediatePolicyDocument.document,
//   policyDocument.equals, policyStatement.equals, mapPrincipalsEqual,
//   stringPrincipalsEqual, conditionsBlock.Equals, newStringSet,
//   stringSet.equals, principalStringSet.equals, stringSlicesEqualIgnoreOrder.
//   It decodes with encoding/json, then mapstructure v1.5.0.
// - hashicorp/terraform-provider-aws internal/verify/json.go
//   SuppressEquivalentPolicyDiffs, the DiffSuppressFunc of the IAM and SQS
//   policy arguments.
// - internal/service/batch/container_properties.go
//   equivalentContainerPropertiesJSON, containerProperties.reduce and
//   sortEnvironment, expandContainerProperties; job_definition.go (the
//   container_properties DiffSuppressFunc and validJobContainerProperties);
//   internal/json/decode.go, encode.go, equal.go (tfjson is encoding/json).
// - aws/aws-sdk-go-v2 service/batch/types/types.go at commit 057f27ea: the
//   ContainerProperties fields and their Go types.
// - internal/service/events/rule.go: `event_pattern` has no DiffSuppressFunc,
//   only a StateFunc, ruleEventPatternJSONDecoder.
//
// Where ../shared/reference/PROVIDER-FACTS.md section 1 and the source
// disagree, or the facts leave out a rule the source has, the source wins:
// 1. Principals. Two STRING principals are never really compared: besides
//    stringPrincipalsEqual, policyStatement.equals accepts mapPrincipalsEqual,
//    which reads a string as an empty map, so `"Principal": "*"` equals any
//    other string principal and a missing Principal. `"*"` is NOT
//    `{"AWS": "*"}`. Principal keys with only empty lists count as absent.
// 2. Duplicates. Action/NotAction/Resource/NotResource are sorted lists, so
//    duplicates count, as the facts say. Condition values and principal lists
//    are compared as length plus set: ["a", "a", "b"] equals ["a", "b", "b"].
// 3. Conditions. Booleans and numbers equal their text (true == "true",
//    100 == "100"). A present but empty block (`"Condition": {}`) is not an
//    absent one.
// 4. Version, Id, Sid. A missing Version is not "2012-10-17", as the facts
//    say, but it equals "" and null. The same goes for Id and Sid.
// 5. Documents. `Statement` as one object equals a one-element array. A
//    document wrapped in a one-element JSON list equals the document. Two
//    documents that decode the same are equal even with no valid Statement.
//    Element names match case-insensitively (`"effect"`, `"statement"`). Under
//    SuppressEquivalentPolicyDiffs, "" and "{}" equal each other;
//    PoliciesAreEquivalent on its own calls them different.
// 6. Container properties. Besides the top-level lists in the facts,
//    reduce() empties linuxParameters.devices (and each device's
//    permissions), linuxParameters.tmpfs (and each mountOptions), and
//    logConfiguration.options and secretOptions. Nothing else is emptied:
//    `"linuxParameters": {}` is not absent. No default is filled in, so
//    readonlyRootFilesystem or privileged false is not absent, and
//    assignPublicIp gets no default. Environment entries with no value are
//    dropped like those with "". Nested key names are case-insensitive too.
//    tfjson reads a STREAM (json.Decoder until EOF), so
//    `{"image":"a"} {"vcpus":1}` is one merged document, and "", whitespace
//    and `null` equal `{}`. vcpus and memory (all int32 fields) fail on more
//    than fractions: 1.0, 1e3, "1" and values past int32 fail too.
// 7. Event patterns. There is no "structure normalization" and no diff
//    suppression. The StateFunc runs json.Unmarshal then json.Marshal (key
//    order, whitespace, the last duplicate key wins, numbers as float64 so
//    1 == 1.0 == 1e0, but -0 prints as "-0") and un-escapes <, >, &. Array
//    order still matters.
import { Buffer } from "buffer";
import { CONTAINER_PROPERTIES, GO_STRING_VALUE, GoType, goTypeName, jsonField } from "../../../stacks/templates/container-properties";

/** Where the rule lives in the provider source, for the table rows. */
export interface EquivalenceRule {
  readonly source: string;
  readonly equivalent: (prior: string, planned: string) => boolean;
}

// ---------------------------------------------------------------------------
// JSON as Go's encoding/json reads it. JSON.parse would lose what the rules
// depend on: number literals (an int32 field refuses "1.0"), every duplicate
// key in order, Go's replacement of lone surrogates, and Go's error texts.

type JsonNode =
  | { readonly kind: "null" }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "number"; readonly literal: string }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "array"; readonly items: readonly JsonNode[] }
  | { readonly kind: "object"; readonly members: readonly (readonly [string, JsonNode])[] };

/** A decoding failure, carrying the text encoding/json gives it. */
class GoJsonError extends Error {}

const SIMPLE_ESCAPES: { readonly [escape: string]: string } = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** strconv.Quote's escapes for the bytes a scanner error can show. */
const QUOTED_BYTES: { readonly [byte: number]: string } = {
  7: "\\a",
  8: "\\b",
  9: "\\t",
  10: "\\n",
  11: "\\v",
  12: "\\f",
  13: "\\r",
  92: "\\\\",
};

function utf8LeadByte(point: number): number {
  if (point >= 0xd800 && point <= 0xdfff) {
    return 0xef; // a lone surrogate reaches Go as U+FFFD
  }
  if (point < 0x80) {
    return point;
  }
  if (point < 0x800) {
    return 0xc0 | (point >> 6);
  }
  return point < 0x10000 ? 0xe0 | (point >> 12) : 0xf0 | (point >> 18);
}

/** The scanner's quoteChar: it reads bytes, so a non-ASCII character shows as its first UTF-8 byte, read as Latin-1. */
function quoteChar(text: string, position: number): string {
  const byte = utf8LeadByte(text.codePointAt(position) ?? 0);
  if (byte === 0x27) {
    return "'\\''";
  }
  const quoted =
    QUOTED_BYTES[byte] ?? (byte < 0x20 || byte === 0x7f ? `\\x${byte.toString(16).padStart(2, "0")}` : String.fromCharCode(byte));
  return `'${quoted}'`;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const HEX = /^[0-9a-fA-F]$/;
const LOW_SURROGATE_ESCAPE = /\\u([dD][c-fC-F][0-9a-fA-F]{2})/y;

class JsonReader {
  private position = 0;

  /** `endOfInput` differs: json.Unmarshal says "unexpected end of JSON input", a json.Decoder "unexpected EOF". */
  constructor(private readonly text: string, private readonly endOfInput: string) {}

  atEnd(): boolean {
    this.skipSpace();
    return this.position >= this.text.length;
  }

  value(): JsonNode {
    this.skipSpace();
    const c = this.current();
    switch (c) {
      case "{":
        return this.object();
      case "[":
        return this.array();
      case '"':
        return { kind: "string", value: this.string() };
      case "t":
        return this.literal("true", { kind: "bool", value: true });
      case "f":
        return this.literal("false", { kind: "bool", value: false });
      case "n":
        return this.literal("null", { kind: "null" });
    }
    if (c === "-" || isDigit(c)) {
      return this.number();
    }
    return this.fail("looking for beginning of value");
  }

  fail(context: string): never {
    throw new GoJsonError(`invalid character ${quoteChar(this.text, this.position)} ${context}`);
  }

  private skipSpace(): void {
    while (" \t\n\r".includes(this.text[this.position] ?? "x")) {
      this.position++;
    }
  }

  /** The character at the read position; the input may not end here. */
  private current(): string {
    if (this.position >= this.text.length) {
      throw new GoJsonError(this.endOfInput);
    }
    return this.text[this.position];
  }

  private object(): JsonNode {
    const members: (readonly [string, JsonNode])[] = [];
    this.position++;
    this.skipSpace();
    if (this.current() === "}") {
      this.position++;
      return { kind: "object", members };
    }
    for (;;) {
      if (this.current() !== '"') {
        this.fail("looking for beginning of object key string");
      }
      const key = this.string();
      this.skipSpace();
      if (this.current() !== ":") {
        this.fail("after object key");
      }
      this.position++;
      members.push([key, this.value()]);
      this.skipSpace();
      const c = this.current();
      if (c === "}") {
        this.position++;
        return { kind: "object", members };
      }
      if (c !== ",") {
        this.fail("after object key:value pair");
      }
      this.position++;
      this.skipSpace();
    }
  }

  private array(): JsonNode {
    const items: JsonNode[] = [];
    this.position++;
    this.skipSpace();
    if (this.current() === "]") {
      this.position++;
      return { kind: "array", items };
    }
    for (;;) {
      items.push(this.value());
      this.skipSpace();
      const c = this.current();
      if (c === "]") {
        this.position++;
        return { kind: "array", items };
      }
      if (c !== ",") {
        this.fail("after array element");
      }
      this.position++;
    }
  }

  private string(): string {
    let out = "";
    this.position++;
    for (;;) {
      const c = this.current();
      const code = c.charCodeAt(0);
      if (c === '"') {
        this.position++;
        return out;
      }
      if (c === "\\") {
        this.position++;
        out += this.escape();
        continue;
      }
      if (code < 0x20) {
        this.fail("in string literal");
      }
      const pair = code >= 0xd800 && code <= 0xdbff && /[\udc00-\udfff]/.test(this.text[this.position + 1] ?? "");
      // A lone surrogate cannot cross into Go as UTF-8: it arrives as U+FFFD.
      out += pair ? this.text.slice(this.position, this.position + 2) : code >= 0xd800 && code <= 0xdfff ? "\ufffd" : c;
      this.position += pair ? 2 : 1;
    }
  }

  /** One escape after its backslash. Go's unquote turns a \u surrogate that is not half of a pair into U+FFFD. */
  private escape(): string {
    const c = this.current();
    if (SIMPLE_ESCAPES[c] !== undefined) {
      this.position++;
      return SIMPLE_ESCAPES[c];
    }
    if (c !== "u") {
      this.fail("in string escape code");
    }
    this.position++;
    const unit = this.hex4();
    if (unit < 0xd800 || unit > 0xdfff) {
      return String.fromCharCode(unit);
    }
    LOW_SURROGATE_ESCAPE.lastIndex = this.position;
    const low = unit <= 0xdbff ? LOW_SURROGATE_ESCAPE.exec(this.text) : null;
    if (!low) {
      return "\ufffd";
    }
    this.position += 6;
    return String.fromCharCode(unit, parseInt(low[1], 16));
  }

  private hex4(): number {
    let unit = 0;
    for (let i = 0; i < 4; i++) {
      const c = this.current();
      if (!HEX.test(c)) {
        this.fail("in \\u hexadecimal character escape");
      }
      unit = unit * 16 + parseInt(c, 16);
      this.position++;
    }
    return unit;
  }

  private number(): JsonNode {
    const start = this.position;
    if (this.text[this.position] === "-") {
      this.position++;
      if (!isDigit(this.current())) {
        this.fail("in numeric literal");
      }
    }
    if (this.text[this.position] === "0") {
      this.position++;
    } else {
      this.digits();
    }
    if (this.text[this.position] === ".") {
      this.position++;
      if (!isDigit(this.current())) {
        this.fail("after decimal point in numeric literal");
      }
      this.digits();
    }
    if (this.text[this.position] === "e" || this.text[this.position] === "E") {
      this.position++;
      if (this.current() === "+" || this.current() === "-") {
        this.position++;
      }
      if (!isDigit(this.current())) {
        this.fail("in exponent of numeric literal");
      }
      this.digits();
    }
    return { kind: "number", literal: this.text.slice(start, this.position) };
  }

  private digits(): void {
    while (isDigit(this.text[this.position])) {
      this.position++;
    }
  }

  private literal(word: string, node: JsonNode): JsonNode {
    for (const expected of word) {
      if (this.current() !== expected) {
        this.fail(`in literal ${word} (expecting '${expected}')`);
      }
      this.position++;
    }
    return node;
  }
}

/** json.Unmarshal's input: exactly one value. */
function unmarshal(text: string): JsonNode {
  const reader = new JsonReader(text, "unexpected end of JSON input");
  const node = reader.value();
  if (!reader.atEnd()) {
    reader.fail("after top-level value");
  }
  return node;
}

/**
 * tfjson.DecodeFromString's input: a json.Decoder read until io.EOF, so zero
 * or more values. Lazy, as Go is: a later value's syntax error comes after an
 * earlier value's type error.
 */
function* decoderStream(text: string): Generator<JsonNode> {
  const reader = new JsonReader(text, "unexpected EOF");
  while (!reader.atEnd()) {
    yield reader.value();
  }
}

/** A value decoded into Go's interface{}: numbers are float64, a later duplicate key wins. */
type GoAny = null | boolean | number | string | readonly GoAny[] | ReadonlyMap<string, GoAny>;

function toGoAny(node: JsonNode): GoAny {
  switch (node.kind) {
    case "null":
      return null;
    case "bool":
    case "string":
      return node.value;
    case "number": {
      const value = Number(node.literal);
      if (!Number.isFinite(value)) {
        throw new GoJsonError(`json: cannot unmarshal number ${node.literal} into Go value of type float64`);
      }
      return value;
    }
    case "array":
      return node.items.map(toGoAny);
    case "object":
      return new Map(node.members.map(([key, value]) => [key, toGoAny(value)]));
  }
}

/**
 * reflect.DeepEqual on decoded values. `sameNumber` is there for event
 * patterns, whose comparison is textual after json.Marshal, which writes -0.
 */
function deepEqual(a: GoAny, b: GoAny, sameNumber: (x: number, y: number) => boolean = (x, y) => x === y): boolean {
  if (typeof a === "number" && typeof b === "number") {
    return sameNumber(a, b);
  }
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, index) => deepEqual(item, b[index], sameNumber));
  }
  if (a instanceof Map) {
    return (
      b instanceof Map && a.size === b.size && [...a].every(([key, item]) => b.has(key) && deepEqual(item, b.get(key) as GoAny, sameNumber))
    );
  }
  return a === b;
}

/** strings.EqualFold (Effect, and mapstructure's MatchName): rune by rune, under simple case folding. */
function equalFold(a: string, b: string): boolean {
  const left = [...a];
  const right = [...b];
  return (
    left.length === right.length &&
    left.every((c, i) => c === right[i] || c.toLowerCase() === right[i].toLowerCase() || c.toUpperCase() === right[i].toUpperCase())
  );
}

/** strings.TrimSpace: Unicode White_Space, which is not JavaScript's trim() (no U+FEFF, but U+0085). */
const GO_SPACE_CLASS = "[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const GO_SPACE = new RegExp(`^${GO_SPACE_CLASS}+|${GO_SPACE_CLASS}+$`, "g");
const trimSpace = (text: string) => text.replace(GO_SPACE, "");

/** strconv.FormatFloat(v, 'f', -1, 64): the shortest digits that read back, never an exponent. */
function formatFloat(value: number): string {
  if (Object.is(value, -0)) {
    return "-0";
  }
  const [mantissa, exponentText] = value.toExponential().split("e");
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace(/[-.]/g, "");
  const point = Number(exponentText) + 1;
  if (point <= 0) {
    return `${sign}0.${"0".repeat(-point)}${digits}`;
  }
  if (point >= digits.length) {
    return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  }
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

// ---------------------------------------------------------------------------
// IAM policies: hashicorp/awspolicyequivalence.

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
function suppressEquivalentPolicyDiffs(prior: string, planned: string): boolean {
  const empty = (text: string) => trimSpace(text) === "" || trimSpace(text) === "{}";
  return (empty(prior) && empty(planned)) || equivalentPolicies(prior, planned);
}

// ---------------------------------------------------------------------------
// Batch container properties: the SDK's ContainerProperties, as encoding/json
// fills it (exported Go field names, matched case-insensitively; keys that
// are no field are skipped).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type GoValue = any;

function zeroValue(type: GoType): GoValue {
  if (type.kind === "text") {
    return "";
  }
  if (type.kind === "struct") {
    return Object.fromEntries(type.fields.map((field) => [field.name, zeroValue(field.type)]));
  }
  return null;
}

/** Where a value sits, for UnmarshalTypeError: the innermost struct and the Go field path from the root. */
interface DecodeContext {
  readonly struct?: string;
  readonly fields: readonly string[];
}

function typeError(value: string, type: GoType, context: DecodeContext): never {
  const into = context.struct === undefined ? "Go value" : `Go struct field ${context.struct}.${context.fields.join(".")}`;
  throw new GoJsonError(`json: cannot unmarshal ${value} into ${into} of type ${goTypeName(type)}`);
}

const INT32_RANGE = [-(2n ** 31n), 2n ** 31n - 1n] as const;

/**
 * encoding/json's decode of `node` into a value of `type` that holds
 * `current`: objects merge into an existing struct or map, and null leaves a
 * non-pointer value alone. The first type error is the one Go reports.
 */
function decodeValue(type: GoType, node: JsonNode, current: GoValue, context: DecodeContext): GoValue {
  if (node.kind === "null") {
    return type.kind === "text" || type.kind === "struct" ? current : null;
  }
  switch (type.kind) {
    case "string":
    case "text":
      return node.kind === "string" ? node.value : typeError(node.kind, type, context);
    case "bool":
      return node.kind === "bool" ? node.value : typeError(node.kind, type, context);
    case "int32": {
      if (node.kind !== "number") {
        return typeError(node.kind, type, context);
      }
      // strconv.ParseInt on the literal: no fraction, no exponent, within int32.
      const integer = /^-?\d+$/.test(node.literal) ? BigInt(node.literal) : undefined;
      return integer !== undefined && integer >= INT32_RANGE[0] && integer <= INT32_RANGE[1]
        ? Number(integer)
        : typeError(`number ${node.literal}`, type, context);
    }
    case "pointer":
      return decodeValue(type.to, node, current ?? zeroValue(type.to), context);
    case "struct": {
      if (node.kind !== "object") {
        return typeError(node.kind, type, context);
      }
      const decoded = { ...current };
      const names = type.fields.map((candidate) => candidate.name);
      for (const [key, value] of node.members) {
        const field = jsonField(key, names);
        const fieldType = type.fields.find((candidate) => candidate.name === field)?.type;
        if (field !== undefined && fieldType !== undefined) {
          decoded[field] = decodeValue(fieldType, value, decoded[field], { struct: type.name, fields: [...context.fields, field] });
        }
      }
      return decoded;
    }
    case "slice":
      // Elements decode into the old ones while there are some, as Go reuses the backing array.
      return node.kind === "array"
        ? node.items.map((item, index) => decodeValue(type.of, item, current?.[index] ?? zeroValue(type.of), context))
        : typeError(node.kind, type, context);
    case "map": {
      if (node.kind !== "object") {
        return typeError(node.kind, type, context);
      }
      const decoded = new Map<string, string>(current ?? []);
      for (const [key, value] of node.members) {
        decoded.set(key, decodeValue(GO_STRING_VALUE, value, "", context));
      }
      return decoded;
    }
  }
}

/** tfjson.DecodeFromString into ContainerProperties: every value of the stream merges into one struct. */
function decodeContainerPropertiesStruct(input: string): GoValue {
  let decoded = zeroValue(CONTAINER_PROPERTIES);
  for (const node of decoderStream(input)) {
    // A top-level type error has no struct context: "into Go value of type types.ContainerProperties".
    if (node.kind === "object") {
      decoded = decodeValue(CONTAINER_PROPERTIES, node, decoded, { fields: [] });
    } else if (node.kind !== "null") {
      typeError(node.kind, CONTAINER_PROPERTIES, { fields: [] });
    }
  }
  return decoded;
}

const emptyToNil = (items: GoValue[] | null) => (items === null || items.length === 0 ? null : items);

/**
 * container_properties.go containerProperties.reduce: the differences between
 * what was sent and what the Batch API answers that are not changes.
 */
function reduce(properties: GoValue): GoValue {
  // sortEnvironment: by name, nil reading as "", in Go's byte order (a stable sort here; Go's pdqsort
  // is stable only up to 12 elements). Then entries whose value is "" or nil go.
  const byName = (a: GoValue, b: GoValue) => Buffer.compare(Buffer.from(a.Name ?? ""), Buffer.from(b.Name ?? ""));
  const environment =
    properties.Environment === null ? null : [...properties.Environment].sort(byName).filter((pair: GoValue) => (pair.Value ?? "") !== "");
  const fargate = properties.FargatePlatformConfiguration;
  const linux = properties.LinuxParameters;
  const logging = properties.LogConfiguration;
  return {
    ...properties,
    Command: emptyToNil(properties.Command),
    Environment: emptyToNil(environment),
    // The API reports the default Fargate platform version when none was sent.
    FargatePlatformConfiguration: fargate !== null && fargate.PlatformVersion === "LATEST" ? null : fargate,
    LinuxParameters:
      linux === null
        ? null
        : {
            ...linux,
            Devices:
              emptyToNil(linux.Devices)?.map((device: GoValue) => ({ ...device, Permissions: emptyToNil(device.Permissions) })) ?? null,
            Tmpfs: emptyToNil(linux.Tmpfs)?.map((tmpfs: GoValue) => ({ ...tmpfs, MountOptions: emptyToNil(tmpfs.MountOptions) })) ?? null,
          },
    LogConfiguration:
      logging === null
        ? null
        : {
            ...logging,
            Options: logging.Options === null || logging.Options.size === 0 ? null : logging.Options,
            SecretOptions: emptyToNil(logging.SecretOptions),
          },
    MountPoints: emptyToNil(properties.MountPoints),
    ResourceRequirements: emptyToNil(properties.ResourceRequirements),
    Secrets: emptyToNil(properties.Secrets),
    Ulimits: emptyToNil(properties.Ulimits),
    Volumes: emptyToNil(properties.Volumes),
  };
}

/** tfjson.EncodeToBytes, as compared by tfjson.EqualBytes: every field, nil as null, map keys sorted. */
function encode(type: GoType, value: GoValue): string {
  if (value === null) {
    return "null";
  }
  switch (type.kind) {
    case "struct":
      return `{${type.fields.map((field) => `${JSON.stringify(field.name)}:${encode(field.type, value[field.name])}`).join(",")}}`;
    case "pointer":
      return encode(type.to, value);
    case "slice":
      return `[${value.map((item: GoValue) => encode(type.of, item)).join(",")}]`;
    case "map":
      return JSON.stringify(Object.fromEntries([...value].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))));
    default:
      return JSON.stringify(value);
  }
}

/** The members the SDK's serializer sends to the Batch API: camelCase, nil and "" enums left out. */
function apiShape(type: GoType, value: GoValue): unknown {
  switch (type.kind) {
    case "struct":
      return Object.fromEntries(
        type.fields
          .filter((field) => value[field.name] !== null && !(field.type.kind === "text" && value[field.name] === ""))
          .map((field) => [field.name[0].toLowerCase() + field.name.slice(1), apiShape(field.type, value[field.name])]),
      );
    case "pointer":
      return apiShape(type.to, value);
    case "slice":
      return value.map((item: GoValue) => apiShape(type.of, item));
    case "map":
      return Object.fromEntries(value);
    default:
      return value;
  }
}

export type ContainerPropertiesDecoding =
  | { readonly ok: true; readonly value: { readonly [member: string]: unknown } }
  | { readonly ok: false; readonly error: string };

/**
 * job_definition.go validJobContainerProperties (expandContainerProperties,
 * tfjson.DecodeFromString into the SDK's ContainerProperties). On success,
 * the properties the provider would register, in the API's member names; on
 * failure, the validation error the real provider reports for the argument.
 */
export function decodeContainerProperties(input: string): ContainerPropertiesDecoding {
  try {
    return {
      ok: true,
      value: apiShape(CONTAINER_PROPERTIES, decodeContainerPropertiesStruct(input)) as { readonly [member: string]: unknown },
    };
  } catch (error) {
    const message = error instanceof GoJsonError ? error.message : String(error);
    return { ok: false, error: `AWS Batch Job container_properties is invalid: ${message}` };
  }
}

/**
 * internal/service/batch/container_properties.go
 * equivalentContainerPropertiesJSON: both sides decoded into the SDK's
 * ContainerProperties, reduced, encoded, and compared as JSON. A side that
 * does not decode is never equivalent.
 */
export function equivalentContainerProperties(a: string, b: string): boolean {
  const canonical = (input: string) => encode(CONTAINER_PROPERTIES, reduce(decodeContainerPropertiesStruct(input === "" ? "{}" : input)));
  try {
    return canonical(a) === canonical(b);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// Event patterns.

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
