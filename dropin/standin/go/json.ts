// JSON as Go's encoding/json reads and writes it: one decoder for the whole
// stand-in (validators, policy equivalence, container properties, event
// patterns). JSON.parse would lose what the provider's rules depend on:
// number literals (an int32 field refuses "1.0"), every duplicate key in
// order, Go's replacement of lone surrogates, and Go's error texts and byte
// offsets (scanner.go, decode.go, stream.go, encode.go).
import { Buffer } from "buffer";
import { byteLength, goNumber, hex, quoteChar } from "./format";

export type JsonNode =
  | { readonly kind: "null" }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "number"; readonly literal: string }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "array"; readonly items: readonly JsonNode[] }
  | { readonly kind: "object"; readonly members: readonly (readonly [string, JsonNode])[] };

/** A decoding failure, carrying the text encoding/json gives it. */
export class GoJsonError extends Error {
  /** encoding/json's SyntaxError.Offset: the 1-based byte offset of the offending byte (the input's length at its end). */
  constructor(
    message: string,
    public readonly offset: number = 0,
  ) {
    super(message);
  }
}

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
    throw new GoJsonError(`invalid character ${quoteChar(this.text, this.position)} ${context}`, byteLength(this.text.slice(0, this.position)) + 1);
  }

  private skipSpace(): void {
    while (" \t\n\r".includes(this.text[this.position] ?? "x")) {
      this.position++;
    }
  }

  /** The character at the read position; the input may not end here. */
  private current(): string {
    if (this.position >= this.text.length) {
      throw new GoJsonError(this.endOfInput, byteLength(this.text));
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
export function unmarshal(text: string): JsonNode {
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
export function* decoderStream(text: string): Generator<JsonNode> {
  const reader = new JsonReader(text, "unexpected EOF");
  while (!reader.atEnd()) {
    yield reader.value();
  }
}

/** A value decoded into Go's interface{}: numbers are float64, a later duplicate key wins. */
export type GoAny = null | boolean | number | string | readonly GoAny[] | ReadonlyMap<string, GoAny>;

export function toGoAny(node: JsonNode): GoAny {
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
export function deepEqual(a: GoAny, b: GoAny, sameNumber: (x: number, y: number) => boolean = (x, y) => x === y): boolean {
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

/** json.Unmarshal's syntax check (decode.go checkValid): the error and its offset, or undefined for valid JSON. */
export function syntaxError(text: string): { readonly message: string; readonly offset: number } | undefined {
  try {
    unmarshal(text);
    return undefined;
  } catch (error) {
    if (error instanceof GoJsonError) {
      return { message: error.message, offset: error.offset };
    }
    throw error;
  }
}

/** json.Marshal of a value decoded into `any` (the last duplicate key wins): keys sorted by bytes, Go's string escapes, <, > and & left as they are. */
export function marshal(node: JsonNode): string {
  switch (node.kind) {
    case "object": {
      const map = new Map<string, JsonNode>();
      for (const [key, item] of node.members) {
        map.set(key, item);
      }
      const keys = [...map.keys()].sort((a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));
      return `{${keys.map((key) => `${goMarshalString(key)}:${marshal(map.get(key)!)}`).join(",")}}`;
    }
    case "array":
      return `[${node.items.map(marshal).join(",")}]`;
    case "string":
      return goMarshalString(node.value);
    case "number":
      return goNumber(Number(node.literal));
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

/** encoding/json's string encoding, with the HTML escapes of <, > and & undone (as events/rule.go ruleEventPatternJSONDecoder does). */
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
