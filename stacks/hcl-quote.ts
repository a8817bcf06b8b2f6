// Strings as HCL quoted templates: cdktf 0.21 prints a string holding an
// interpolation between quotes as it is, so its text must come escaped (see
// hcl-output.ts).

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `value` with every one-line string holding an interpolation replaced by its
 * text for an HCL quoted string, where that differs (quotes, backslashes, tabs
 * in its literal text). cdktf writes such strings between quotes unchanged.
 */
export function quoteTemplates(value: Json): Json {
  if (typeof value === "string") {
    if (!value.includes("${") || /[\r\n]/.test(value)) {
      return value;
    }
    return hclQuotedTemplate(value);
  }
  if (Array.isArray(value)) {
    return value.map(quoteTemplates);
  }
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value as JsonObject).map(([key, inner]) => [key, quoteTemplates(inner)]));
  }
  return value;
}

/**
 * What goes between the quotes of an HCL quoted string so that it is the same
 * template as `template`, a string of Terraform's JSON syntax: the literal text
 * escaped (backslash, quote, control characters); interpolations and directives
 * (`${...}`, `%{...}`) and their escapes (`$${`, `%%{`) as they are, since
 * both syntaxes read those alike. Not handled: heredocs or comments inside an
 * interpolation.
 */
export function hclQuotedTemplate(template: string): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    if (template.startsWith("$${", i) || template.startsWith("%%{", i)) {
      out += template.slice(i, i + 3);
      i += 3;
    } else if (template.startsWith("${", i) || template.startsWith("%{", i)) {
      const end = endOfSequence(template, i + 2);
      out += template.slice(i, end);
      i = end;
    } else {
      out += escapeLiteral(template[i]);
      i += 1;
    }
  }
  return out;
}

/** The index after the `}` that closes the interpolation or directive whose expression starts at `from`. */
function endOfSequence(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i = endOfQuoted(text, i + 1);
      continue;
    }
    if (c === "{") {
      depth += 1;
    } else if (c === "}") {
      if (depth === 0) {
        return i + 1;
      }
      depth -= 1;
    }
    i += 1;
  }
  return text.length;
}

/** The index after the `"` that closes the quoted string (inside an expression) whose text starts at `from`. */
function endOfQuoted(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] === "\\") {
      i += 2;
    } else if (text[i] === '"') {
      return i + 1;
    } else if (text.startsWith("$${", i) || text.startsWith("%%{", i)) {
      i += 3;
    } else if (text.startsWith("${", i) || text.startsWith("%{", i)) {
      i = endOfSequence(text, i + 2);
    } else {
      i += 1;
    }
  }
  return text.length;
}

const LITERAL_ESCAPES: { [char: string]: string } = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeLiteral(char: string): string {
  const escape = LITERAL_ESCAPES[char];
  if (escape !== undefined) {
    return escape;
  }
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, "0")}` : char;
}

/** An attribute value as HCL: strings as quoted templates, numbers, booleans, null and lists of them. */
export function hclValue(value: Json, where: string): string {
  if (typeof value === "string") {
    return `"${hclQuotedTemplate(value)}"`;
  }
  if (typeof value === "number" || typeof value === "boolean" || value === null) {
    return String(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => hclValue(item, where)).join(", ")}]`;
  }
  throw new Error(`HCL output: ${where} is an object, which stacks/constructs/plan-checks.ts cannot render as an attribute`);
}
