// The real hashicorp/aws provider's validators for every argument this stack
// sets, as data: one row per validator, each citing the provider source it
// was read from (repository hashicorp/terraform-provider-aws, v6-era files,
// read through the search tools; SDKv2 helpers from hashicorp/terraform-plugin-sdk
// helper/validation and helper/schema/schema.go; framework helpers from
// hashicorp/terraform-plugin-framework-validators). Messages are the
// provider's own wording, built the way each helper builds it:
//
// - SDKv2 ValidateFunc: the key is the flatmap key of the value
//   (`retry_strategy.0.attempts`), the diagnostic summary is the message and
//   there is no detail (schema.go `validateFunc`).
// - SDKv2 ValidateDiagFunc wrapping a ValidateFunc (`enum.Validate*`):
//   `validation.ToDiagFunc` passes only the LAST attribute name as the key
//   (`type`, `allocation_strategy`, `action`), not the full path.
// - SDKv2 list MaxItems (schema.go `validateList`): summary "List longer than
//   MaxItems", skipped when any part of the list is unknown.
// - TypeInt arguments refuse a fractional number before any validator runs
//   (schema.go `validatePrimitive`: "Attribute must be a whole number, got %v").
// - Framework validators (aws_batch_job_queue only): summary
//   "Invalid Attribute Value Match" / "Invalid ARN Value", message in detail,
//   path as the framework prints it (`compute_environment_order[0].compute_environment`).
// - Go formatting is reproduced: %q is strconv.Quote, []string with %q is
//   `["A" "B"]`, StringLenBetween counts runes, len() counts bytes, RE2 `\s`
//   is [\t\n\f\r ], JSON errors are encoding/json's scanner messages.
//
// Where /work/shared/reference/PROVIDER-FACTS.md section 3 differs from the
// source, the source wins:
// 1. IAM instance profile names may be 128 characters (instanceProfileNameMaxLen
//    = 128 in instance_profile.go), not 64. Roles are 64, policies and role
//    policies 128. Every IAM name also needs at least 1 character
//    (validResourceName = StringLenBetween(1, max) + StringMatch).
// 2. aws_cloudwatch_event_target retry_policy.maximum_event_age_in_seconds is
//    IntBetween(0, 86400) in target.go, not 60-86400: the provider accepts
//    0-59 at plan (the EventBridge API refuses them at apply).
// 3. The SQS queue name is not checked by a schema validator: name has none.
//    resourceQueueCustomizeDiff checks it at plan, on create only, against
//    `^[0-9A-Za-z_-]{1,80}$`, or `^[0-9A-Za-z_-]{1,75}\.fifo$` for a FIFO
//    queue, with the message "invalid queue name: %s". Its rows have
//    stage "plan-create".
// 4. The event pattern limit of 4096 applies to the NORMALIZED pattern
//    (json.Marshal of the decoded value, keys sorted, <>& unescaped:
//    rule.go validateEventPatternValue), not to the configured string.
// 5. "At most 5 rules" is evaluate_on_exit's MaxItems: 5 (a schema list
//    limit, not a validator); each of on_status_reason, on_reason and
//    on_exit_code is also StringLenBetween(1, 512); on_exit_code's pattern is
//    `^[0-9]*\*?$`.
// 6. aws_batch_job_queue is a framework resource: its name check is
//    stringvalidator.RegexMatches (same pattern as validName, different
//    message, no trailing full stop), its state OneOfCaseInsensitive.
// 7. cidr_blocks refusals read `"10.0.0.1/8" is not a valid IPv4 CIDR block;
//    did you mean "10.0.0.0/8"?` (verify/validate.go ValidateIPv4CIDRBlock),
//    not "... is not a valid IPv4 CIDR network address".
// 8. The event rule name check (validateRuleName) is two checks: more than 64
//    BYTES, and the pattern `^[0-9A-Za-z_.-]+$`; the target's `rule` uses it too.
//
// Arguments the stack sets that have no validator in the provider: batch
// compute environment max/min/desired_vcpus, bid_percentage, instance_type,
// security_group_ids, subnets; job queue priority and order; job definition
// propagate_tags, parameters, scheduling_priority; security group vpc_id;
// security group rule from_port, to_port, protocol, security_group_id;
// instance profile role; role policy attachment role; policy description;
// event target batch_target; sqs_managed_sse_enabled; queue policy queue_url;
// s3 bucket notification bucket and eventbridge; every `tags` map.
//
// Known limits of this reproduction:
// - Enum value lists are those of aws-sdk-go-v2 service/batch types without
//   the newest additions (ECS_MANAGED_INSTANCES, BEST_FIT_PROGRESSIVE_ORDERED,
//   SPOT_CAPACITY_OPTIMIZED_PRIORITIZED, MANAGED_INSTANCES), whose arrival
//   before provider 6.25.0's SDK could not be dated.
// - verify.ValidARN may report several problems for one ARN; only the first is
//   returned. IPv6 and IPv4-mapped addresses in cidr_blocks are reported as
//   "not a valid IPv4 CIDR block".
// - input_transformer.input_paths uses verify.MapSizeAtMost(100) and
//   verify.MapKeyNoMatch(`^AWS.*$`, `must not start with "AWS"`); their
//   source was not in the index, so their messages follow
//   validation.MapKeyMatch's format and are marked as such.
// - The SQS name_prefix row checks prefix + 26 digits, standing in for the
//   timestamp suffix the provider generates.

import { isIPv6 as nodeIsIPv6 } from "net";
import { decodeContainerProperties } from "./equivalence";

export type Stage = "validate" | "plan-create";

/** Where a value sits, for checks that print its path or read another argument. */
export interface CheckContext {
  /** Attribute names and list indexes to the value: ["retry_strategy", 0, "attempts"]. */
  readonly steps: readonly (string | number)[];
  /** The whole resource configuration. */
  readonly config: { readonly [name: string]: unknown };
}

export interface ValidatorRow {
  /** Attribute path in the resource config; `*` stands for every element of a list/set block or list attribute: "name", "compute_resources.*.type", "retry_strategy.*.attempts", "cidr_blocks.*". */
  readonly path: string;
  /**
   * Returns the provider's message when the value is refused, undefined when accepted. Never called with null or an unknown value.
   * Without a context the value is taken to be at `path` with every `*` at index 0.
   */
  readonly check: (value: unknown, context?: CheckContext) => string | undefined;
  /** Provider source file and function/line hint: "internal/service/batch/validate.go validName". */
  readonly source: string;
  /** The diagnostic summary when it is fixed text (framework validators, list limits); the message is then the detail. */
  readonly summary?: string;
  /** Skipped when any part of the value is unknown (SDKv2 list limits). */
  readonly whollyKnown?: boolean;
  /** The last `*` is a set: the SDK reports the problem at the set, not at the element. */
  readonly set?: boolean;
  /** When the provider makes the check: "validate" (ValidateResourceConfig, the default) or "plan-create" (CustomizeDiff, planning a create). */
  readonly stage?: Stage;
}

export interface ValidationProblem {
  readonly path: string;
  readonly summary: string;
  readonly detail: string;
  /** The validator's provider source (not part of the real diagnostic). */
  readonly source: string;
}

// ---------------------------------------------------------------------------
// Go formatting.

const hex = (code: number, width: number) => code.toString(16).padStart(width, "0");

const QUOTE_ESCAPES: { readonly [char: string]: string } = {
  '"': '\\"',
  "\\": "\\\\",
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
};

/** Go's strconv.Quote (the %q verb on a string). */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char in QUOTE_ESCAPES) {
      out += QUOTE_ESCAPES[char];
    } else if (code < 0x20 || code === 0x7f) {
      out += `\\x${hex(code, 2)}`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += "\\ufffd";
    } else if (code !== 0x20 && /[\p{C}\p{Z}]/u.test(char)) {
      out += code < 0x10000 ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`;
    } else {
      out += char;
    }
  }
  return out + '"';
}

/** %q on a []string: `["A" "B"]`. */
const goQuoteList = (values: readonly string[]) => `[${values.map(goQuote).join(" ")}]`;

/** %v on a number held in an interface (a float64 when fractional). */
const goNumber = (value: number) => (Object.is(value, -0) ? "-0" : String(value));

const runeCount = (text: string) => [...text].length;
const byteLength = (text: string) => Buffer.byteLength(text, "utf8");

const equalFold = (a: string, b: string) => a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();

// ---------------------------------------------------------------------------
// encoding/json, as far as the validators need it: the scanner's syntax
// errors (scanner.go), Unmarshal's and Decoder's handling of whole input, a
// parse keeping duplicate keys, json.Marshal's output, and type errors.

interface GoSyntaxError {
  readonly message: string;
  /** 1-based byte offset of the offending byte (SyntaxError.Offset). */
  readonly offset: number;
}

const enum Op {
  Continue,
  BeginLiteral,
  BeginObject,
  ObjectKey,
  ObjectValue,
  EndObject,
  BeginArray,
  ArrayValue,
  EndArray,
  SkipSpace,
  End,
  Error,
}

const enum Parse {
  ObjectKey,
  ObjectValue,
  ArrayValue,
}

type StepFn = (s: Scanner, c: number) => Op;

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const ch = (text: string) => text.charCodeAt(0);

/** Go's quoteChar: the offending byte as the scanner prints it. */
function quoteChar(c: number): string {
  if (c === ch("'")) {
    return "'\\''";
  }
  if (c === ch('"')) {
    return "'\"'";
  }
  const quoted = goQuote(String.fromCodePoint(c));
  return `'${quoted.slice(1, -1)}'`;
}

class Scanner {
  step: StepFn = stateBeginValue;
  parseState: Parse[] = [];
  err: GoSyntaxError | undefined;
  endTop = false;
  bytes = 0;

  reset(): void {
    this.step = stateBeginValue;
    this.parseState = [];
    this.err = undefined;
    this.endTop = false;
  }

  eof(): Op {
    if (this.err) {
      return Op.Error;
    }
    if (this.endTop) {
      return Op.End;
    }
    this.step(this, 0x20);
    if (this.endTop) {
      return Op.End;
    }
    if (!this.err) {
      this.err = { message: "unexpected end of JSON input", offset: this.bytes };
    }
    return Op.Error;
  }

  error(c: number, context: string): Op {
    this.step = stateError;
    this.err = { message: `invalid character ${quoteChar(c)} ${context}`, offset: this.bytes };
    return Op.Error;
  }

  push(c: number, state: Parse, success: Op): Op {
    this.parseState.push(state);
    return this.parseState.length <= 10000 ? success : this.error(c, "exceeded max depth");
  }

  pop(): void {
    this.parseState.pop();
    if (this.parseState.length === 0) {
      this.step = stateEndTop;
      this.endTop = true;
    } else {
      this.step = stateEndValue;
    }
  }
}

function literal(next: StepFn): (s: Scanner) => Op {
  return (s) => {
    s.step = next;
    return Op.BeginLiteral;
  };
}

function stateBeginValueOrEmpty(s: Scanner, c: number): Op {
  if (isSpace(c)) {
    return Op.SkipSpace;
  }
  if (c === ch("]")) {
    return stateEndValue(s, c);
  }
  return stateBeginValue(s, c);
}

function stateBeginValue(s: Scanner, c: number): Op {
  if (isSpace(c)) {
    return Op.SkipSpace;
  }
  switch (String.fromCharCode(c)) {
    case "{":
      s.step = stateBeginStringOrEmpty;
      return s.push(c, Parse.ObjectKey, Op.BeginObject);
    case "[":
      s.step = stateBeginValueOrEmpty;
      return s.push(c, Parse.ArrayValue, Op.BeginArray);
    case '"':
      return literal(stateInString)(s);
    case "-":
      return literal(stateNeg)(s);
    case "0":
      return literal(state0)(s);
    case "t":
      return literal(word("rue", "true"))(s);
    case "f":
      return literal(word("alse", "false"))(s);
    case "n":
      return literal(word("ull", "null"))(s);
  }
  if (c >= ch("1") && c <= ch("9")) {
    return literal(state1)(s);
  }
  return s.error(c, "looking for beginning of value");
}

function stateBeginStringOrEmpty(s: Scanner, c: number): Op {
  if (isSpace(c)) {
    return Op.SkipSpace;
  }
  if (c === ch("}")) {
    s.parseState[s.parseState.length - 1] = Parse.ObjectValue;
    return stateEndValue(s, c);
  }
  return stateBeginString(s, c);
}

function stateBeginString(s: Scanner, c: number): Op {
  if (isSpace(c)) {
    return Op.SkipSpace;
  }
  if (c === ch('"')) {
    s.step = stateInString;
    return Op.BeginLiteral;
  }
  return s.error(c, "looking for beginning of object key string");
}

function stateEndValue(s: Scanner, c: number): Op {
  const n = s.parseState.length;
  if (n === 0) {
    s.step = stateEndTop;
    s.endTop = true;
    return stateEndTop(s, c);
  }
  if (isSpace(c)) {
    s.step = stateEndValue;
    return Op.SkipSpace;
  }
  switch (s.parseState[n - 1]) {
    case Parse.ObjectKey:
      if (c === ch(":")) {
        s.parseState[n - 1] = Parse.ObjectValue;
        s.step = stateBeginValue;
        return Op.ObjectKey;
      }
      return s.error(c, "after object key");
    case Parse.ObjectValue:
      if (c === ch(",")) {
        s.parseState[n - 1] = Parse.ObjectKey;
        s.step = stateBeginString;
        return Op.ObjectValue;
      }
      if (c === ch("}")) {
        s.pop();
        return Op.EndObject;
      }
      return s.error(c, "after object key:value pair");
    default:
      if (c === ch(",")) {
        s.step = stateBeginValue;
        return Op.ArrayValue;
      }
      if (c === ch("]")) {
        s.pop();
        return Op.EndArray;
      }
      return s.error(c, "after array element");
  }
}

function stateEndTop(s: Scanner, c: number): Op {
  if (!isSpace(c)) {
    // Go complains about the non-space byte and still returns scanEnd.
    s.error(c, "after top-level value");
  }
  return Op.End;
}

function stateInString(s: Scanner, c: number): Op {
  if (c === ch('"')) {
    s.step = stateEndValue;
    return Op.Continue;
  }
  if (c === ch("\\")) {
    s.step = stateInStringEsc;
    return Op.Continue;
  }
  if (c < 0x20) {
    return s.error(c, "in string literal");
  }
  return Op.Continue;
}

function stateInStringEsc(s: Scanner, c: number): Op {
  if ('bfnrt\\/"'.includes(String.fromCharCode(c))) {
    s.step = stateInString;
    return Op.Continue;
  }
  if (c === ch("u")) {
    s.step = hexDigits(4);
    return Op.Continue;
  }
  return s.error(c, "in string escape code");
}

function hexDigits(remaining: number): StepFn {
  return (s, c) => {
    if (!isHex(c)) {
      return s.error(c, "in \\u hexadecimal character escape");
    }
    s.step = remaining === 1 ? stateInString : hexDigits(remaining - 1);
    return Op.Continue;
  };
}

function stateNeg(s: Scanner, c: number): Op {
  if (c === ch("0")) {
    s.step = state0;
    return Op.Continue;
  }
  if (c >= ch("1") && c <= ch("9")) {
    s.step = state1;
    return Op.Continue;
  }
  return s.error(c, "in numeric literal");
}

function state1(s: Scanner, c: number): Op {
  if (isDigit(c)) {
    s.step = state1;
    return Op.Continue;
  }
  return state0(s, c);
}

function state0(s: Scanner, c: number): Op {
  if (c === ch(".")) {
    s.step = stateDot;
    return Op.Continue;
  }
  if (c === ch("e") || c === ch("E")) {
    s.step = stateE;
    return Op.Continue;
  }
  return stateEndValue(s, c);
}

function stateDot(s: Scanner, c: number): Op {
  if (isDigit(c)) {
    s.step = stateDot0;
    return Op.Continue;
  }
  return s.error(c, "after decimal point in numeric literal");
}

function stateDot0(s: Scanner, c: number): Op {
  if (isDigit(c)) {
    return Op.Continue;
  }
  if (c === ch("e") || c === ch("E")) {
    s.step = stateE;
    return Op.Continue;
  }
  return stateEndValue(s, c);
}

function stateE(s: Scanner, c: number): Op {
  if (c === ch("+") || c === ch("-")) {
    s.step = stateESign;
    return Op.Continue;
  }
  return stateESign(s, c);
}

function stateESign(s: Scanner, c: number): Op {
  if (isDigit(c)) {
    s.step = stateE0;
    return Op.Continue;
  }
  return s.error(c, "in exponent of numeric literal");
}

function stateE0(s: Scanner, c: number): Op {
  if (isDigit(c)) {
    return Op.Continue;
  }
  return stateEndValue(s, c);
}

/** The rest of `true`, `false` or `null`, one byte a state. */
function word(rest: string, whole: string): StepFn {
  return (s, c) => {
    if (c !== ch(rest[0])) {
      return s.error(c, `in literal ${whole} (expecting '${rest[0]}')`);
    }
    s.step = rest.length === 1 ? stateEndValue : word(rest.slice(1), whole);
    return Op.Continue;
  };
}

function stateError(): Op {
  return Op.Error;
}

/** json.Unmarshal's syntax check of the whole input (decode.go checkValid). */
function unmarshalSyntaxError(text: string): GoSyntaxError | undefined {
  const bytes = Buffer.from(text, "utf8");
  const scanner = new Scanner();
  for (const c of bytes) {
    scanner.bytes++;
    if (scanner.step(scanner, c) === Op.Error) {
      return scanner.err;
    }
  }
  return scanner.eof() === Op.Error ? scanner.err : undefined;
}

export type JsonNode =
  | { readonly kind: "object"; readonly entries: readonly (readonly [string, JsonNode])[] }
  | { readonly kind: "array"; readonly items: readonly JsonNode[] }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "number"; readonly raw: string }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "null" };

/** Parses text the scanner has accepted, keeping keys in order and duplicates. */
function parseJson(text: string): JsonNode {
  let i = 0;
  const space = () => {
    while (i < text.length && " \t\r\n".includes(text[i])) {
      i++;
    }
  };
  const stringToken = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') {
      i += text[i] === "\\" ? 2 : 1;
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): JsonNode => {
    space();
    const c = text[i];
    if (c === "{") {
      i++;
      const entries: [string, JsonNode][] = [];
      space();
      if (text[i] === "}") {
        i++;
        return { kind: "object", entries };
      }
      for (;;) {
        space();
        const key = stringToken();
        space();
        i++; // :
        entries.push([key, value()]);
        space();
        if (text[i++] === "}") {
          return { kind: "object", entries };
        }
      }
    }
    if (c === "[") {
      i++;
      const items: JsonNode[] = [];
      space();
      if (text[i] === "]") {
        i++;
        return { kind: "array", items };
      }
      for (;;) {
        items.push(value());
        space();
        if (text[i++] === "]") {
          return { kind: "array", items };
        }
      }
    }
    if (c === '"') {
      return { kind: "string", value: stringToken() };
    }
    for (const [word, node] of [
      ["true", { kind: "bool", value: true }],
      ["false", { kind: "bool", value: false }],
      ["null", { kind: "null" }],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return node;
      }
    }
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))![0];
    i += number.length;
    return { kind: "number", raw: number };
  };
  return value();
}

/** json.Marshal of a value decoded into `any`: keys sorted by bytes, Go's string escapes. */
function goMarshal(node: JsonNode): string {
  switch (node.kind) {
    case "object": {
      const map = new Map<string, JsonNode>();
      for (const [key, item] of node.entries) {
        map.set(key, item);
      }
      const keys = [...map.keys()].sort((a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));
      return `{${keys.map((key) => `${goMarshalString(key)}:${goMarshal(map.get(key)!)}`).join(",")}}`;
    }
    case "array":
      return `[${node.items.map(goMarshal).join(",")}]`;
    case "string":
      return goMarshalString(node.value);
    case "number":
      return goNumber(Number(node.raw));
    case "bool":
      return String(node.value);
    default:
      return "null";
  }
}

const MARSHAL_ESCAPES: { readonly [char: string]: string } = {
  '"': '\\"',
  "\\": "\\\\",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

/** encoding/json's string encoding, with the HTML escapes of <, > and & undone as rule.go does. */
function goMarshalString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char in MARSHAL_ESCAPES) {
      out += MARSHAL_ESCAPES[char];
    } else if (code < 0x20 || code === 0x2028 || code === 0x2029) {
      out += `\\u${hex(code, 4)}`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += "\\ufffd";
    } else {
      out += char;
    }
  }
  return out + '"';
}

/** aws-sdk-go-base/v2 validation.JSONNoDuplicateKeys, errors.Join'ed. */
function duplicateKeys(node: JsonNode, path: readonly string[] = []): string[] {
  const problems: string[] = [];
  if (node.kind === "object") {
    const seen = new Set<string>();
    for (const [key, item] of node.entries) {
      if (seen.has(key)) {
        problems.push(`duplicate key "${[...path, key].join(".")}"`);
      }
      seen.add(key);
      problems.push(...duplicateKeys(item, [...path, key]));
    }
  } else if (node.kind === "array") {
    node.items.forEach((item, index) => problems.push(...duplicateKeys(item, [...path, String(index)])));
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Go validators, ported. Each takes the value and the key the SDK passes.

type GoValidateFunc = (value: unknown, key: string) => string | undefined;

/** A Go regular expression: its source as Go prints it, and a JavaScript equivalent. */
interface GoRegexp {
  readonly go: string;
  readonly js: RegExp;
}

const notString = (value: unknown, key: string) => (typeof value === "string" ? undefined : `expected type of ${key} to be string`);

/** helper/validation StringLenBetween (runes). */
function stringLenBetween(min: number, max: number): GoValidateFunc {
  return (value, key) => {
    const problem = notString(value, key);
    if (problem) {
      return problem;
    }
    const length = runeCount(value as string);
    return length < min || length > max ? `expected length of ${key} to be in the range (${min} - ${max}), got ${value}` : undefined;
  };
}

/** helper/validation StringMatch. */
function stringMatch(re: GoRegexp, message: string): GoValidateFunc {
  return (value, key) => {
    const problem = notString(value, key);
    if (problem || re.js.test(value as string)) {
      return problem;
    }
    return message
      ? `invalid value for ${key} (${message})`
      : `expected value of ${key} to match regular expression ${goQuote(re.go)}, got ${value}`;
  };
}

/** helper/validation StringDoesNotMatch. */
function stringDoesNotMatch(re: GoRegexp, message: string): GoValidateFunc {
  return (value, key) => {
    const problem = notString(value, key);
    if (problem || !re.js.test(value as string)) {
      return problem;
    }
    return message
      ? `invalid value for ${key} (${message})`
      : `expected value of ${key} to not match regular expression ${goQuote(re.go)}, got ${value}`;
  };
}

/** helper/validation StringInSlice (enum.Validate / enum.ValidateIgnoreCase). */
function stringInSlice(valid: readonly string[], ignoreCase: boolean): GoValidateFunc {
  return (value, key) => {
    const problem = notString(value, key);
    if (problem) {
      return problem;
    }
    const text = value as string;
    if (valid.some((item) => item === text || (ignoreCase && equalFold(item, text)))) {
      return undefined;
    }
    return `expected ${key} to be one of ${goQuoteList(valid)}, got ${text}`;
  };
}

/** schema.go validatePrimitive for TypeInt: a fractional number never reaches the validator. */
function wholeNumber(value: unknown, key: string): string | undefined {
  if (typeof value !== "number") {
    return `expected type of ${key} to be int`;
  }
  return Number.isInteger(value) ? undefined : `Attribute must be a whole number, got ${goNumber(value)}`;
}

/** helper/validation IntBetween. */
function intBetween(min: number, max: number): GoValidateFunc {
  return (value, key) =>
    wholeNumber(value, key) ??
    ((value as number) < min || (value as number) > max ? `expected ${key} to be in the range (${min} - ${max}), got ${value}` : undefined);
}

/** helper/validation IntAtLeast. */
function intAtLeast(min: number): GoValidateFunc {
  return (value, key) => wholeNumber(value, key) ?? ((value as number) < min ? `expected ${key} to be at least (${min}), got ${value}` : undefined);
}

/** strings.SplitN. */
function splitN(text: string, separator: string, n: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (parts.length < n - 1) {
    const at = rest.indexOf(separator);
    if (at < 0) {
      break;
    }
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + separator.length);
  }
  parts.push(rest);
  return parts;
}

const PARTITION: GoRegexp = { go: "^aws(-[a-z]+)*$", js: /^aws(-[a-z]+)*$/ };
const REGION: GoRegexp = { go: "^[a-z]{2}(-[a-z]+)+-\\d$", js: /^[a-z]{2}(-[a-z]+)+-\d$/ };
const ACCOUNT_ID: GoRegexp = { go: "^(aws|aws-managed|third-party|\\d{12}|cw.{10})$", js: /^(aws|aws-managed|third-party|\d{12}|cw[^\n]{10})$/ };

/** internal/verify/validate.go ValidARN (ValidARNCheck with no extra checks); the first problem only. */
const validARN: GoValidateFunc = (value, key) => {
  const problem = notString(value, key);
  if (problem || value === "") {
    return problem;
  }
  const text = value as string;
  const invalid = (why: string) => `${goQuote(key)} (${text}) is an invalid ARN: ${why}`;
  if (!text.startsWith("arn:")) {
    return invalid("arn: invalid prefix");
  }
  const sections = splitN(text, ":", 6);
  if (sections.length !== 6) {
    return invalid("arn: not enough sections");
  }
  const [, partition, , region, accountID, resource] = sections;
  if (partition === "") {
    return invalid("missing partition value");
  }
  if (!PARTITION.js.test(partition)) {
    return invalid(`invalid partition value (expecting to match regular expression: ${PARTITION.go})`);
  }
  if (region !== "" && !REGION.js.test(region)) {
    return invalid(`invalid region value (expecting to match regular expression: ${REGION.go})`);
  }
  if (accountID !== "" && !ACCOUNT_ID.js.test(accountID)) {
    return invalid(`invalid account ID value (expecting to match regular expression: ${ACCOUNT_ID.go})`);
  }
  if (resource === "") {
    return invalid("missing resource value");
  }
  return undefined;
};

/** netip.ParseAddr for an IPv4 address: four decimal fields, no leading zeros. */
function parseIPv4(text: string): number[] | undefined {
  const fields = text.split(".");
  if (fields.length !== 4) {
    return undefined;
  }
  const octets: number[] = [];
  for (const field of fields) {
    if (!/^\d{1,3}$/.test(field) || (field.length > 1 && field[0] === "0") || Number(field) > 255) {
      return undefined;
    }
    octets.push(Number(field));
  }
  return octets;
}

/** An IPv6 address net.ParseCIDR would take (no zone). */
function isIPv6(text: string): boolean {
  return !text.includes("%") && nodeIsIPv6(text);
}

/** net.ParseCIDR's mask length: decimal digits, within the address's bits. */
function maskLength(mask: string, bits: number): number | undefined {
  return /^\d+$/.test(mask) && mask.length < 8 && Number(mask) <= bits ? Number(mask) : undefined;
}

/** internal/verify/validate.go ValidIPv4CIDRNetworkAddress (ValidateIPv4CIDRBlock). */
const validIPv4CIDRNetworkAddress: GoValidateFunc = (value, key) => {
  const problem = notString(value, key);
  if (problem) {
    return problem;
  }
  const cidr = value as string;
  const slash = cidr.indexOf("/");
  const address = slash < 0 ? cidr : cidr.slice(0, slash);
  const mask = slash < 0 ? "" : cidr.slice(slash + 1);
  const octets = parseIPv4(address);
  const bits = octets ? 32 : isIPv6(address) ? 128 : undefined;
  const length = slash < 0 || bits === undefined ? undefined : maskLength(mask, bits);
  if (length === undefined) {
    return `${goQuote(cidr)} is not a valid CIDR block: invalid CIDR address: ${cidr}`;
  }
  if (!octets) {
    return `${goQuote(cidr)} is not a valid IPv4 CIDR block`;
  }
  const ip = octets.reduce((n, octet) => n * 256 + octet, 0);
  const network = length === 0 ? 0 : ip - (ip % 2 ** (32 - length));
  if (network !== ip) {
    const dotted = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join(".");
    return `${goQuote(cidr)} is not a valid IPv4 CIDR block; did you mean ${goQuote(`${dotted}/${length}`)}?`;
  }
  return undefined;
};

/** internal/verify/validate.go ValidIAMPolicyJSON. */
const validIAMPolicyJSON: GoValidateFunc = (value, key) => {
  const problem = notString(value, key);
  if (problem) {
    return problem;
  }
  const text = value as string;
  const k = goQuote(key);
  if (text.length < 1) {
    return `${k} is an empty string, which is not a valid JSON value`;
  }
  const first = text[0];
  if (first !== "{") {
    if (" \t\r\n".includes(first)) {
      return `${k} contains an invalid JSON policy: leading space characters are not allowed`;
    }
    if (first === '"') {
      let hint = "";
      if (!unmarshalSyntaxError(text)) {
        const content = JSON.parse(text) as string;
        if (content.endsWith(".json")) {
          hint = " (have you passed a JSON-encoded filename instead of the content of that file?)";
        } else if (!unmarshalSyntaxError(content)) {
          hint = " (have you double-encoded your JSON data?)";
        }
      }
      return `${k} contains an invalid JSON policy: contains a JSON-encoded string, not a JSON-encoded object${hint}`;
    }
    if (first === "[") {
      return `${k} contains an invalid JSON policy: contains a JSON array, not a JSON object`;
    }
    return `${k} contains an invalid JSON policy: not a JSON object`;
  }
  const syntax = unmarshalSyntaxError(text);
  if (syntax) {
    return `${k} contains an invalid JSON policy: ${syntax.message}, at byte offset ${syntax.offset}`;
  }
  const duplicates = duplicateKeys(parseJson(text));
  return duplicates.length > 0 ? `${k} contains duplicate JSON keys: ${duplicates.join("\n")}` : undefined;
};

/** helper/validation StringIsJSON (structure.NormalizeJsonString: "" is accepted). */
const stringIsJSON: GoValidateFunc = (value, key) => {
  const problem = notString(value, key);
  if (problem || value === "") {
    return problem;
  }
  const syntax = unmarshalSyntaxError(value as string);
  return syntax ? `${goQuote(key)} contains an invalid JSON: ${syntax.message}` : undefined;
};

/** internal/service/events/rule.go validateEventPatternValue. */
const validEventPattern: GoValidateFunc = (value, key) => {
  const problem = notString(value, key);
  if (problem || value === "") {
    return problem;
  }
  const syntax = unmarshalSyntaxError(value as string);
  if (syntax) {
    return `${goQuote(key)} contains an invalid JSON: ${syntax.message}`;
  }
  const normalized = goMarshal(parseJson(value as string));
  return byteLength(normalized) > 4096 ? `${goQuote(key)} cannot be longer than 4096 characters: ${goQuote(normalized)}` : undefined;
};

/**
 * internal/service/batch/job_definition.go validJobContainerProperties:
 * expandContainerProperties decodes into the SDK's ContainerProperties
 * (./equivalence decodeContainerProperties, encoding/json's rules and texts).
 */
const validJobContainerProperties: GoValidateFunc = (value, key) => {
  const problem = notString(value, key);
  if (problem) {
    return problem;
  }
  const decoded = decodeContainerProperties(value as string);
  return decoded.ok ? undefined : decoded.error;
};

const BATCH_NAME: GoRegexp = { go: "^[0-9A-Za-z]{1}[0-9A-Za-z_-]{0,127}$", js: /^[0-9A-Za-z]{1}[0-9A-Za-z_-]{0,127}$/ };
const BATCH_PREFIX: GoRegexp = { go: "^[0-9A-Za-z]{1}[0-9A-Za-z_-]{0,101}$", js: /^[0-9A-Za-z]{1}[0-9A-Za-z_-]{0,101}$/ };

/** internal/service/batch/validate.go validName and validPrefix. */
function batchName(re: GoRegexp, max: number): GoValidateFunc {
  return (value, key) =>
    re.js.test(String(value))
      ? undefined
      : `${goQuote(key)} (${goQuote(String(value))}) must be up to ${max} letters (uppercase and lowercase), numbers, underscores and dashes, and must start with an alphanumeric.`;
}

/** `%q cannot be longer than N characters: %q` on len(value) (bytes). */
function notLongerThan(max: number): GoValidateFunc {
  return (value, key) =>
    byteLength(String(value)) > max ? `${goQuote(key)} cannot be longer than ${max} characters: ${goQuote(String(value))}` : undefined;
}

/** `%q doesn't comply with restrictions (%q): %q`. */
function complies(re: GoRegexp): GoValidateFunc {
  return (value, key) =>
    re.js.test(String(value)) ? undefined : `${goQuote(key)} doesn't comply with restrictions (${goQuote(re.go)}): ${goQuote(String(value))}`;
}

const RULE_NAME: GoRegexp = { go: "^[0-9A-Za-z_.-]+$", js: /^[0-9A-Za-z_.-]+$/ };
const SG_RULE_DESCRIPTION: GoRegexp = {
  go: "^[A-Za-z0-9 \\.\\_\\-\\:\\/\\(\\)\\#\\,\\@\\[\\]\\+\\=\\&\\;\\{\\}\\!\\$\\*]*$",
  js: /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/,
};
const IAM_NAME: GoRegexp = { go: "^[\\w+=,.@-]*$", js: /^[0-9A-Za-z_+=,.@-]*$/ };
/** RE2 `\s` is [\t\n\f\r ]. */
const REASON: GoRegexp = { go: "^[0-9A-Za-z.:\\s]*\\*?$", js: /^[0-9A-Za-z.:\t\n\f\r ]*\*?$/ };
const EXIT_CODE: GoRegexp = { go: "^[0-9]*\\*?$", js: /^[0-9]*\*?$/ };
const ROLE_POLICY_ROLE: GoRegexp = { go: "[\\w+=,.@-]+", js: /[0-9A-Za-z_+=,.@-]+/ };
const REASON_MESSAGE = "must contain letters, numbers, periods, colons, and white space, and can optionally end with an asterisk";

// ---------------------------------------------------------------------------
// Rows.

function stepsOf(path: string, context?: CheckContext): readonly (string | number)[] {
  return context?.steps ?? path.split(".").map((step) => (step === "*" ? 0 : step));
}

/** SDKv2 ValidateFunc: the key is the flatmap key. */
function sdk(path: string, source: string, validate: GoValidateFunc, extra: Partial<ValidatorRow> = {}): ValidatorRow {
  return { path, source, ...extra, check: (value, context) => validate(value, stepsOf(path, context).join(".")) };
}

/** SDKv2 ValidateDiagFunc through validation.ToDiagFunc: the key is the last attribute name. */
function sdkDiag(path: string, source: string, validate: GoValidateFunc, extra: Partial<ValidatorRow> = {}): ValidatorRow {
  return {
    path,
    source,
    ...extra,
    check: (value, context) => validate(value, [...stepsOf(path, context)].reverse().find((step) => typeof step === "string") as string),
  };
}

/** SDKv2 list MaxItems (schema.go validateList). */
function maxItems(path: string, max: number, source: string): ValidatorRow {
  return {
    path,
    source: `${source}; helper/schema/schema.go validateList`,
    summary: "List longer than MaxItems",
    whollyKnown: true,
    check: (value) =>
      Array.isArray(value) && value.length > max ? `Attribute supports ${max} item maximum, config has ${value.length} declared` : undefined,
  };
}

/** A framework validator: the path as the framework prints it, the message as detail. */
function fw(path: string, source: string, summary: string, validate: (value: unknown, path: string) => string | undefined): ValidatorRow {
  return {
    path,
    source,
    summary,
    check: (value, context) =>
      validate(
        value,
        stepsOf(path, context)
          .map((step, index) => (typeof step === "number" ? `[${step}]` : index === 0 ? step : `.${step}`))
          .join(""),
      ),
  };
}

/** stringvalidator.RegexMatches with a message. */
const fwRegexMatches = (re: GoRegexp, message: string) => (value: unknown, path: string) =>
  re.js.test(String(value)) ? undefined : `Attribute ${path} ${message}, got: ${value}`;

/** stringvalidator.OneOfCaseInsensitive (enum.FrameworkValidateIgnoreCase). */
const fwOneOfCaseInsensitive = (values: readonly string[]) => (value: unknown, path: string) =>
  values.some((item) => equalFold(item, String(value)))
    ? undefined
    : `Attribute ${path} value must be one of: ${goQuoteList(values)}, got: ${goQuote(String(value))}`;

/** fwtypes.ARNType ValidateAttribute (aws-sdk-go-v2 arn.IsARN: "arn:" and at least 5 colons). */
const fwARN = (value: unknown, path: string) =>
  String(value).startsWith("arn:") && String(value).split(":").length - 1 >= 5
    ? undefined
    : `The provided value cannot be parsed as an ARN.\n\nPath: ${path}\nValue: ${value}`;

/** resourceQueueCustomizeDiff's name check, on create. */
function queueName(name: string, config: CheckContext["config"]): string | undefined {
  const re = config.fifo_queue === true ? /^[0-9A-Za-z_-]{1,75}\.fifo$/ : /^[0-9A-Za-z_-]{1,80}$/;
  return re.test(name) ? undefined : `invalid queue name: ${name}`;
}

const CE = "internal/service/batch/compute_environment.go resourceComputeEnvironment";
const JQ = "internal/service/batch/job_queue.go (jobQueueResource).Schema";
const JD = "internal/service/batch/job_definition.go resourceJobDefinition";
const SG = "internal/service/ec2/vpc_security_group.go resourceSecurityGroup";
const SGR = "internal/service/ec2/vpc_security_group_rule.go resourceSecurityGroupRule";
const IAM_VALID = "internal/service/iam/validate.go validResourceName";
const RULE = "internal/service/events/rule.go resourceRule";
const TARGET = "internal/service/events/target.go resourceTarget";
const QUEUE = "internal/service/sqs/queue.go";

const iamName = (path: string, max: number, where: string): ValidatorRow[] => [
  sdk(path, `${where} ${path}: ${IAM_VALID}(${max}) StringLenBetween(1, ${max})`, stringLenBetween(1, max)),
  sdk(path, `${where} ${path}: ${IAM_VALID}(${max}) StringMatch`, stringMatch(IAM_NAME, "must match [\\w+=,.@-]")),
];

const reason = (field: string): ValidatorRow[] => [
  sdk(`retry_strategy.*.evaluate_on_exit.*.${field}`, `${JD} ${field}: StringLenBetween(1, 512)`, stringLenBetween(1, 512)),
  sdk(
    `retry_strategy.*.evaluate_on_exit.*.${field}`,
    `${JD} ${field}: StringMatch`,
    field === "on_exit_code"
      ? stringMatch(EXIT_CODE, "must contain only numbers, and can optionally end with an asterisk")
      : stringMatch(REASON, REASON_MESSAGE),
  ),
];

const ruleName = (path: string, where: string): ValidatorRow[] => [
  sdk(path, `${where} ${path}: internal/service/events/validate.go validateRuleName (len > 64)`, notLongerThan(64)),
  sdk(path, `${where} ${path}: internal/service/events/validate.go validateRuleName (pattern)`, complies(RULE_NAME)),
];

export const VALIDATORS: { readonly [resourceType: string]: readonly ValidatorRow[] } = {
  aws_batch_compute_environment: [
    sdk("name", `${CE} name: internal/service/batch/validate.go validName`, batchName(BATCH_NAME, 128)),
    sdk("name_prefix", `${CE} name_prefix: internal/service/batch/validate.go validPrefix`, batchName(BATCH_PREFIX, 102)),
    sdkDiag("type", `${CE} type: enum.ValidateIgnoreCase[awstypes.CEType]`, stringInSlice(["MANAGED", "UNMANAGED"], true)),
    sdkDiag("state", `${CE} state: enum.ValidateIgnoreCase[awstypes.CEState]`, stringInSlice(["ENABLED", "DISABLED"], true)),
    sdk("service_role", `${CE} service_role: verify.ValidARN (internal/verify/validate.go ValidARNCheck)`, validARN),
    sdkDiag(
      "compute_resources.*.type",
      `${CE} compute_resources.type: enum.ValidateIgnoreCase[awstypes.CRType]`,
      stringInSlice(["EC2", "SPOT", "FARGATE", "FARGATE_SPOT"], true),
    ),
    sdkDiag(
      "compute_resources.*.allocation_strategy",
      `${CE} compute_resources.allocation_strategy: enum.ValidateIgnoreCase[awstypes.CRAllocationStrategy]`,
      stringInSlice(["BEST_FIT", "BEST_FIT_PROGRESSIVE", "SPOT_CAPACITY_OPTIMIZED", "SPOT_PRICE_CAPACITY_OPTIMIZED"], true),
    ),
    sdk("compute_resources.*.instance_role", `${CE} compute_resources.instance_role: verify.ValidARN`, validARN),
    sdk("compute_resources.*.spot_iam_fleet_role", `${CE} compute_resources.spot_iam_fleet_role: verify.ValidARN`, validARN),
  ],
  aws_batch_job_queue: [
    fw(
      "name",
      `${JQ} name: stringvalidator.RegexMatches (framework-validators stringvalidator/regex_matches.go, helpers/validatordiag)`,
      "Invalid Attribute Value Match",
      fwRegexMatches(
        BATCH_NAME,
        "must be up to 128 letters (uppercase and lowercase), numbers, underscores and dashes, and must start with an alphanumeric",
      ),
    ),
    fw(
      "state",
      `${JQ} state: enum.FrameworkValidateIgnoreCase[awstypes.JQState] (stringvalidator.OneOfCaseInsensitive)`,
      "Invalid Attribute Value Match",
      fwOneOfCaseInsensitive(["ENABLED", "DISABLED"]),
    ),
    fw(
      "compute_environment_order.*.compute_environment",
      `${JQ} compute_environment_order.compute_environment: fwtypes.ARNType (internal/framework/types/arn.go ValidateAttribute)`,
      "Invalid ARN Value",
      fwARN,
    ),
  ],
  aws_batch_job_definition: [
    sdk("name", `${JD} name: internal/service/batch/validate.go validName`, batchName(BATCH_NAME, 128)),
    sdkDiag("type", `${JD} type: enum.ValidateIgnoreCase[awstypes.JobDefinitionType]`, stringInSlice(["container", "multinode"], true)),
    sdk("container_properties", `${JD} container_properties: validJobContainerProperties`, validJobContainerProperties),
    sdkDiag(
      "platform_capabilities.*",
      `${JD} platform_capabilities: enum.Validate[awstypes.PlatformCapability]`,
      stringInSlice(["EC2", "FARGATE"], false),
      { set: true },
    ),
    sdk("retry_strategy.*.attempts", `${JD} retry_strategy.attempts: IntBetween(1, 10)`, intBetween(1, 10)),
    maxItems("retry_strategy.*.evaluate_on_exit", 5, `${JD} retry_strategy.evaluate_on_exit: MaxItems 5`),
    sdkDiag(
      "retry_strategy.*.evaluate_on_exit.*.action",
      `${JD} evaluate_on_exit.action: enum.ValidateIgnoreCase[awstypes.RetryAction]`,
      stringInSlice(["RETRY", "EXIT"], true),
    ),
    ...reason("on_status_reason"),
    ...reason("on_reason"),
    ...reason("on_exit_code"),
    sdk("timeout.*.attempt_duration_seconds", `${JD} timeout.attempt_duration_seconds: IntAtLeast(60)`, intAtLeast(60)),
  ],
  aws_security_group: [
    sdk("name", `${SG} name: StringLenBetween(0, 255)`, stringLenBetween(0, 255)),
    sdk("name", `${SG} name: StringDoesNotMatch(^sg-)`, stringDoesNotMatch({ go: "^sg-", js: /^sg-/ }, "cannot begin with sg-")),
    sdk("name_prefix", `${SG} name_prefix: StringLenBetween(0, 255-id.UniqueIDSuffixLength)`, stringLenBetween(0, 229)),
    sdk("name_prefix", `${SG} name_prefix: StringDoesNotMatch(^sg-)`, stringDoesNotMatch({ go: "^sg-", js: /^sg-/ }, "cannot begin with sg-")),
    sdk("description", `${SG} description: StringLenBetween(0, 255)`, stringLenBetween(0, 255)),
  ],
  aws_security_group_rule: [
    sdkDiag("type", `${SGR} type: enum.Validate[securityGroupRuleType] (internal/service/ec2/consts.go Values)`, stringInSlice(["egress", "ingress"], false)),
    sdk("cidr_blocks.*", `${SGR} cidr_blocks: verify.ValidIPv4CIDRNetworkAddress (internal/verify/validate.go ValidateIPv4CIDRBlock)`, validIPv4CIDRNetworkAddress),
    sdk("description", `${SGR} description: internal/service/ec2/validate.go validSecurityGroupRuleDescription (len > 255)`, notLongerThan(255)),
    sdk("description", `${SGR} description: internal/service/ec2/validate.go validSecurityGroupRuleDescription (pattern)`, complies(SG_RULE_DESCRIPTION)),
  ],
  aws_iam_role: [
    ...iamName("name", 64, "internal/service/iam/role.go resourceRole"),
    ...iamName("name_prefix", 38, "internal/service/iam/role.go resourceRole"),
    sdk("assume_role_policy", "internal/service/iam/role.go resourceRole assume_role_policy: verify.ValidIAMPolicyJSON", validIAMPolicyJSON),
    sdk("description", "internal/service/iam/role.go resourceRole description: StringLenBetween(0, 1000)", stringLenBetween(0, 1000)),
    sdk(
      "description",
      "internal/service/iam/role.go resourceRole description: StringDoesNotMatch([“‘])",
      stringDoesNotMatch({ go: "[“‘]", js: /[“‘]/ }, "cannot contain specially formatted single or double quotes: [“‘]"),
    ),
  ],
  aws_iam_policy: [
    ...iamName("name", 128, "internal/service/iam/policy.go resourcePolicy"),
    ...iamName("name_prefix", 102, "internal/service/iam/policy.go resourcePolicy"),
    sdk("policy", "internal/service/iam/policy.go resourcePolicy policy: verify.ValidIAMPolicyJSON", validIAMPolicyJSON),
  ],
  aws_iam_role_policy: [
    ...iamName("name", 128, "internal/service/iam/role_policy.go resourceRolePolicy (validRolePolicyName)"),
    ...iamName("name_prefix", 102, "internal/service/iam/role_policy.go resourceRolePolicy"),
    sdk("policy", "internal/service/iam/role_policy.go resourceRolePolicy policy: verify.ValidIAMPolicyJSON", validIAMPolicyJSON),
    sdk("role", "internal/service/iam/validate.go validRolePolicyRole StringLenBetween(1, 128)", stringLenBetween(1, 128)),
    sdk("role", "internal/service/iam/validate.go validRolePolicyRole StringMatch", stringMatch(ROLE_POLICY_ROLE, "")),
    sdk("role", "internal/service/iam/validate.go validRolePolicyRole (not an ARN)", (value, key) =>
      validARN(value, key) === undefined ? `${goQuote(key)} must be the role's name not its ARN` : undefined,
    ),
  ],
  aws_iam_role_policy_attachment: [
    sdk("policy_arn", "internal/service/iam/role_policy_attachment.go resourceRolePolicyAttachment policy_arn: verify.ValidARN", validARN),
  ],
  aws_iam_instance_profile: [
    ...iamName("name", 128, "internal/service/iam/instance_profile.go resourceInstanceProfile"),
    ...iamName("name_prefix", 102, "internal/service/iam/instance_profile.go resourceInstanceProfile"),
  ],
  aws_iam_service_linked_role: [
    sdk(
      "aws_service_name",
      "internal/service/iam/service_linked_role.go resourceServiceLinkedRole aws_service_name: StringMatch(\\.)",
      stringMatch({ go: "\\.", js: /\./ }, "must be a full service hostname e.g. elasticbeanstalk.amazonaws.com"),
    ),
  ],
  aws_cloudwatch_event_rule: [
    ...ruleName("name", RULE),
    ...ruleName("name_prefix", RULE),
    sdk("description", `${RULE} description: StringLenBetween(0, 512)`, stringLenBetween(0, 512)),
    sdk("event_pattern", `${RULE} event_pattern: validateEventPatternValue`, validEventPattern),
  ],
  aws_cloudwatch_event_target: [
    ...ruleName("rule", TARGET),
    sdk("arn", `${TARGET} arn: verify.ValidARN`, validARN),
    sdk("role_arn", `${TARGET} role_arn: verify.ValidARN`, validARN),
    sdk("dead_letter_config.*.arn", `${TARGET} dead_letter_config.arn: verify.ValidARN`, validARN),
    sdk("input_transformer.*.input_template", `${TARGET} input_transformer.input_template: StringLenBetween(1, 8192)`, stringLenBetween(1, 8192)),
    sdk(
      "input_transformer.*.input_paths",
      `${TARGET} input_transformer.input_paths: verify.MapSizeAtMost(targetInputTransformerMaxInputPaths = 100) (message in validation.MapKeyMatch's format, not verified)`,
      (value, key) => {
        const size = value && typeof value === "object" ? Object.keys(value).length : 0;
        return size > 100 ? `expected ${goQuote(key)} to contain at most 100 elements, got ${size}` : undefined;
      },
    ),
    sdk(
      "input_transformer.*.input_paths",
      `${TARGET} input_transformer.input_paths: verify.MapKeyNoMatch(^AWS.*$) (message in validation.MapKeyMatch's format, not verified)`,
      (value, key) => {
        const bad = Object.keys(value && typeof value === "object" ? value : {})
          .sort()
          .find((name) => /^AWS/.test(name));
        return bad === undefined ? undefined : `invalid key ${goQuote(bad)} for ${goQuote(key)} (must not start with "AWS")`;
      },
    ),
    sdk("retry_policy.*.maximum_event_age_in_seconds", `${TARGET} retry_policy.maximum_event_age_in_seconds: IntBetween(0, 86400)`, intBetween(0, 86400)),
    sdk("retry_policy.*.maximum_retry_attempts", `${TARGET} retry_policy.maximum_retry_attempts: IntBetween(0, 185)`, intBetween(0, 185)),
  ],
  aws_sqs_queue: [
    sdk("message_retention_seconds", `${QUEUE} queueSchema message_retention_seconds: IntBetween(60, 1_209_600)`, intBetween(60, 1209600)),
    {
      path: "name",
      source: `${QUEUE} resourceQueueCustomizeDiff (create): ^[0-9A-Za-z_-]{1,80}$, or ^[0-9A-Za-z_-]{1,75}\\.fifo$ with fifo_queue`,
      stage: "plan-create",
      check: (value, context) => queueName(String(value), context?.config ?? {}),
    },
    {
      path: "name_prefix",
      source: `${QUEUE} resourceQueueCustomizeDiff (create) on the generated name: prefix + 26-character unique suffix (+ .fifo)`,
      stage: "plan-create",
      check: (value, context) => {
        const config = context?.config ?? {};
        if (config.name !== null && config.name !== undefined) {
          return undefined;
        }
        const suffix = config.fifo_queue === true ? ".fifo" : "";
        return queueName(`${value}${"0".repeat(26)}${suffix}`, config);
      },
    },
  ],
  aws_sqs_queue_policy: [sdk("policy", "internal/service/sqs/queue_policy.go resourceQueuePolicy policy: sdkv2.IAMPolicyDocumentSchemaRequired (StringIsJSON)", stringIsJSON)],
  aws_s3_bucket_notification: [],
};

// ---------------------------------------------------------------------------

function containsUnknown(value: unknown, isUnknown: (v: unknown) => boolean): boolean {
  if (isUnknown(value)) {
    return true;
  }
  if (value && typeof value === "object") {
    return Object.values(value).some((item) => containsUnknown(item, isUnknown));
  }
  return false;
}

/** Every problem in one resource configuration. Unknown values are skipped (the real provider validates them at apply). */
export function validateResource(
  type: string,
  config: unknown,
  isUnknown: (v: unknown) => boolean,
  options: { readonly stage?: Stage } = {},
): ValidationProblem[] {
  const stage = options.stage ?? "validate";
  if (config === null || typeof config !== "object" || isUnknown(config)) {
    return [];
  }
  const whole = config as { [name: string]: unknown };
  const problems: ValidationProblem[] = [];
  for (const row of VALIDATORS[type] ?? []) {
    if ((row.stage ?? "validate") !== stage) {
      continue;
    }
    const visit = (value: unknown, segments: readonly string[], steps: (string | number)[]): void => {
      if (value === null || value === undefined || isUnknown(value)) {
        return;
      }
      if (segments.length === 0) {
        if (row.whollyKnown && containsUnknown(value, isUnknown)) {
          return;
        }
        const message = row.check(value, { steps, config: whole });
        if (message !== undefined) {
          const at = row.set ? steps.slice(0, steps.length - 1) : steps;
          problems.push({
            path: at.join("."),
            summary: row.summary ?? message,
            detail: row.summary ? message : "",
            source: row.source,
          });
        }
        return;
      }
      const [segment, ...rest] = segments;
      if (segment === "*") {
        const items = Array.isArray(value) ? value : [value];
        items.forEach((item, index) => visit(item, rest, [...steps, index]));
      } else if (typeof value === "object" && !Array.isArray(value)) {
        visit((value as { [name: string]: unknown })[segment], rest, [...steps, segment]);
      }
    };
    visit(whole, row.path.split("."), []);
  }
  return problems;
}
