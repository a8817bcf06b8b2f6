// The provider's validators, ported: terraform-plugin-sdk helper/validation
// (StringLenBetween, StringMatch, StringInSlice, IntBetween, ...),
// internal/verify/validate.go (ValidARN, ValidIPv4CIDRNetworkAddress,
// ValidIAMPolicyJSON), the framework validators the job queue uses, and the
// provider's own (validJobContainerProperties, validateEventPatternValue).
// Each takes the value and the key the SDK passes and returns the
// provider's message, or undefined. The rows that apply them to arguments are
// facts/validators.ts.
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
//   sources were not read, so their messages follow
//   validation.MapKeyMatch's format and are marked as such.
// - The SQS name_prefix row checks prefix + 26 digits, standing in for the
//   timestamp suffix the provider generates.
import { isIPv6 as nodeIsIPv6 } from "net";
import { byteLength, equalFold, goNumber, goQuote, goQuoteList, runeCount } from "../go/format";
import { JsonNode, marshal, syntaxError, unmarshal } from "../go/json";
import { decodeContainerProperties } from "./container-properties";
import type { CheckContext } from "../facts/validators";

export type GoValidateFunc = (value: unknown, key: string) => string | undefined;

/** A Go regular expression: its source as Go prints it, and a JavaScript equivalent. */
export interface GoRegexp {
  readonly go: string;
  readonly js: RegExp;
}

export const notString = (value: unknown, key: string) => (typeof value === "string" ? undefined : `expected type of ${key} to be string`);

/** helper/validation StringLenBetween (runes). */
export function stringLenBetween(min: number, max: number): GoValidateFunc {
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
export function stringMatch(re: GoRegexp, message: string): GoValidateFunc {
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
export function stringDoesNotMatch(re: GoRegexp, message: string): GoValidateFunc {
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
export function stringInSlice(valid: readonly string[], ignoreCase: boolean): GoValidateFunc {
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
export function wholeNumber(value: unknown, key: string): string | undefined {
  if (typeof value !== "number") {
    return `expected type of ${key} to be int`;
  }
  return Number.isInteger(value) ? undefined : `Attribute must be a whole number, got ${goNumber(value)}`;
}

/** helper/validation IntBetween. */
export function intBetween(min: number, max: number): GoValidateFunc {
  return (value, key) =>
    wholeNumber(value, key) ??
    ((value as number) < min || (value as number) > max ? `expected ${key} to be in the range (${min} - ${max}), got ${value}` : undefined);
}

/** helper/validation IntAtLeast. */
export function intAtLeast(min: number): GoValidateFunc {
  return (value, key) => wholeNumber(value, key) ?? ((value as number) < min ? `expected ${key} to be at least (${min}), got ${value}` : undefined);
}

/** strings.SplitN. */
export function splitN(text: string, separator: string, n: number): string[] {
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

export const PARTITION: GoRegexp = { go: "^aws(-[a-z]+)*$", js: /^aws(-[a-z]+)*$/ };
export const REGION: GoRegexp = { go: "^[a-z]{2}(-[a-z]+)+-\\d$", js: /^[a-z]{2}(-[a-z]+)+-\d$/ };
export const ACCOUNT_ID: GoRegexp = { go: "^(aws|aws-managed|third-party|\\d{12}|cw.{10})$", js: /^(aws|aws-managed|third-party|\d{12}|cw[^\n]{10})$/ };

/** internal/verify/validate.go ValidARN (ValidARNCheck with no extra checks); the first problem only. */
export const validARN: GoValidateFunc = (value, key) => {
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
export function parseIPv4(text: string): number[] | undefined {
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
export function isIPv6(text: string): boolean {
  return !text.includes("%") && nodeIsIPv6(text);
}

/** net.ParseCIDR's mask length: decimal digits, within the address's bits. */
export function maskLength(mask: string, bits: number): number | undefined {
  return /^\d+$/.test(mask) && mask.length < 8 && Number(mask) <= bits ? Number(mask) : undefined;
}

/** internal/verify/validate.go ValidIPv4CIDRNetworkAddress (ValidateIPv4CIDRBlock). */
export const validIPv4CIDRNetworkAddress: GoValidateFunc = (value, key) => {
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
export const validIAMPolicyJSON: GoValidateFunc = (value, key) => {
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
      if (!syntaxError(text)) {
        const content = JSON.parse(text) as string;
        if (content.endsWith(".json")) {
          hint = " (have you passed a JSON-encoded filename instead of the content of that file?)";
        } else if (!syntaxError(content)) {
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
  const syntax = syntaxError(text);
  if (syntax) {
    return `${k} contains an invalid JSON policy: ${syntax.message}, at byte offset ${syntax.offset}`;
  }
  const duplicates = duplicateKeys(unmarshal(text));
  return duplicates.length > 0 ? `${k} contains duplicate JSON keys: ${duplicates.join("\n")}` : undefined;
};

/** helper/validation StringIsJSON (structure.NormalizeJsonString: "" is accepted). */
export const stringIsJSON: GoValidateFunc = (value, key) => {
  const problem = notString(value, key);
  if (problem || value === "") {
    return problem;
  }
  const syntax = syntaxError(value as string);
  return syntax ? `${goQuote(key)} contains an invalid JSON: ${syntax.message}` : undefined;
};

/** internal/service/events/rule.go validateEventPatternValue. */
export const validEventPattern: GoValidateFunc = (value, key) => {
  const problem = notString(value, key);
  if (problem || value === "") {
    return problem;
  }
  const syntax = syntaxError(value as string);
  if (syntax) {
    return `${goQuote(key)} contains an invalid JSON: ${syntax.message}`;
  }
  const normalized = marshal(unmarshal(value as string));
  return byteLength(normalized) > 4096 ? `${goQuote(key)} cannot be longer than 4096 characters: ${goQuote(normalized)}` : undefined;
};

/**
 * internal/service/batch/job_definition.go validJobContainerProperties:
 * expandContainerProperties decodes into the SDK's ContainerProperties
 * (./equivalence decodeContainerProperties, encoding/json's rules and texts).
 */
export const validJobContainerProperties: GoValidateFunc = (value, key) => {
  const problem = notString(value, key);
  if (problem) {
    return problem;
  }
  const decoded = decodeContainerProperties(value as string);
  return decoded.ok ? undefined : decoded.error;
};

export const BATCH_NAME: GoRegexp = { go: "^[0-9A-Za-z]{1}[0-9A-Za-z_-]{0,127}$", js: /^[0-9A-Za-z]{1}[0-9A-Za-z_-]{0,127}$/ };
export const BATCH_PREFIX: GoRegexp = { go: "^[0-9A-Za-z]{1}[0-9A-Za-z_-]{0,101}$", js: /^[0-9A-Za-z]{1}[0-9A-Za-z_-]{0,101}$/ };

/** internal/service/batch/validate.go validName and validPrefix. */
export function batchName(re: GoRegexp, max: number): GoValidateFunc {
  return (value, key) =>
    re.js.test(String(value))
      ? undefined
      : `${goQuote(key)} (${goQuote(String(value))}) must be up to ${max} letters (uppercase and lowercase), numbers, underscores and dashes, and must start with an alphanumeric.`;
}

/** `%q cannot be longer than N characters: %q` on len(value) (bytes). */
export function notLongerThan(max: number): GoValidateFunc {
  return (value, key) =>
    byteLength(String(value)) > max ? `${goQuote(key)} cannot be longer than ${max} characters: ${goQuote(String(value))}` : undefined;
}

/** `%q doesn't comply with restrictions (%q): %q`. */
export function complies(re: GoRegexp): GoValidateFunc {
  return (value, key) =>
    re.js.test(String(value)) ? undefined : `${goQuote(key)} doesn't comply with restrictions (${goQuote(re.go)}): ${goQuote(String(value))}`;
}

export const RULE_NAME: GoRegexp = { go: "^[0-9A-Za-z_.-]+$", js: /^[0-9A-Za-z_.-]+$/ };
export const SG_RULE_DESCRIPTION: GoRegexp = {
  go: "^[A-Za-z0-9 \\.\\_\\-\\:\\/\\(\\)\\#\\,\\@\\[\\]\\+\\=\\&\\;\\{\\}\\!\\$\\*]*$",
  js: /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/,
};
export const IAM_NAME: GoRegexp = { go: "^[\\w+=,.@-]*$", js: /^[0-9A-Za-z_+=,.@-]*$/ };
/** RE2 `\s` is [\t\n\f\r ]. */
export const REASON: GoRegexp = { go: "^[0-9A-Za-z.:\\s]*\\*?$", js: /^[0-9A-Za-z.:\t\n\f\r ]*\*?$/ };
export const EXIT_CODE: GoRegexp = { go: "^[0-9]*\\*?$", js: /^[0-9]*\*?$/ };
export const ROLE_POLICY_ROLE: GoRegexp = { go: "[\\w+=,.@-]+", js: /[0-9A-Za-z_+=,.@-]+/ };
export const REASON_MESSAGE = "must contain letters, numbers, periods, colons, and white space, and can optionally end with an asterisk";


/** stringvalidator.RegexMatches with a message. */
export const fwRegexMatches = (re: GoRegexp, message: string) => (value: unknown, path: string) =>
  re.js.test(String(value)) ? undefined : `Attribute ${path} ${message}, got: ${value}`;

/** stringvalidator.OneOfCaseInsensitive (enum.FrameworkValidateIgnoreCase). */
export const fwOneOfCaseInsensitive = (values: readonly string[]) => (value: unknown, path: string) =>
  values.some((item) => equalFold(item, String(value)))
    ? undefined
    : `Attribute ${path} value must be one of: ${goQuoteList(values)}, got: ${goQuote(String(value))}`;

/** fwtypes.ARNType ValidateAttribute (aws-sdk-go-v2 arn.IsARN: "arn:" and at least 5 colons). */
export const fwARN = (value: unknown, path: string) =>
  String(value).startsWith("arn:") && String(value).split(":").length - 1 >= 5
    ? undefined
    : `The provided value cannot be parsed as an ARN.\n\nPath: ${path}\nValue: ${value}`;

/** resourceQueueCustomizeDiff's name check, on create. */
export function queueName(name: string, config: CheckContext["config"]): string | undefined {
  const re = config.fifo_queue === true ? /^[0-9A-Za-z_-]{1,75}\.fifo$/ : /^[0-9A-Za-z_-]{1,80}$/;
  return re.test(name) ? undefined : `invalid queue name: ${name}`;
}


/** aws-sdk-go-base/v2 validation.JSONNoDuplicateKeys, errors.Join'ed. */
export function duplicateKeys(node: JsonNode, path: readonly string[] = []): string[] {
  const problems: string[] = [];
  if (node.kind === "object") {
    const seen = new Set<string>();
    for (const [key, item] of node.members) {
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
