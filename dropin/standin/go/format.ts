// Go's formatting, as the provider's messages and comparisons print values:
// strconv.Quote (%q), %v of numbers, strconv.FormatFloat, strings.EqualFold
// and strings.TrimSpace, rune and byte counts.

export const hex = (code: number, width: number) => code.toString(16).padStart(width, "0");

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
export const goQuoteList = (values: readonly string[]) => `[${values.map(goQuote).join(" ")}]`;

/** %v on a number held in an interface (a float64 when fractional). */
export const goNumber = (value: number) => (Object.is(value, -0) ? "-0" : String(value));

export const runeCount = (text: string) => [...text].length;
export const byteLength = (text: string) => Buffer.byteLength(text, "utf8");

/** strings.EqualFold (Effect, and mapstructure's MatchName): rune by rune, under simple case folding. */
export function equalFold(a: string, b: string): boolean {
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
export const trimSpace = (text: string) => text.replace(GO_SPACE, "");

/** strconv.FormatFloat(v, 'f', -1, 64): the shortest digits that read back, never an exponent. */
export function formatFloat(value: number): string {
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
export function quoteChar(text: string, position: number): string {
  const byte = utf8LeadByte(text.codePointAt(position) ?? 0);
  if (byte === 0x27) {
    return "'\\''";
  }
  const quoted =
    QUOTED_BYTES[byte] ?? (byte < 0x20 || byte === 0x7f ? `\\x${byte.toString(16).padStart(2, "0")}` : String.fromCharCode(byte));
  return `'${quoted}'`;
}
