// Where a JSON text goes wrong, and where its top-level values are: the
// positions JSON.parse does not give, for messages that name a line and for
// checks that need to know what a value was written from.

/** A top-level member of a JSON object: its key and where its value starts and ends in the text. */
export interface JsonMember {
  readonly key: string;
  readonly keyOffset: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** A scan that stops at the first character JSON does not allow there. */
class JsonScanner {
  private i = 0;
  /** Members of the outermost object, in order, when the text is one. */
  readonly members: JsonMember[] = [];
  /** The first key that appears twice in one object: JSON.parse keeps the last silently. */
  duplicate?: { readonly key: string; readonly offset: number };

  constructor(private readonly text: string) {}

  /** Scans the whole text: the offset of the first error, or undefined when it is valid JSON. */
  scan(): number | undefined {
    try {
      this.value(0);
      this.space();
      return this.i < this.text.length ? this.i : undefined;
    } catch (offset) {
      return Math.min(typeof offset === "number" ? offset : this.i, this.text.length);
    }
  }

  private fail(): never {
    throw this.i;
  }

  private space(): void {
    while (this.i < this.text.length && " \t\n\r".includes(this.text[this.i])) this.i++;
  }

  private literal(word: string): void {
    if (!this.text.startsWith(word, this.i)) this.fail();
    this.i += word.length;
  }

  private string(): string {
    const start = this.i;
    if (this.text[this.i] !== '"') this.fail();
    this.i++;
    while (this.i < this.text.length && this.text[this.i] !== '"') {
      // JSON allows no raw control character (a newline, a tab) inside a string.
      if (this.text.charCodeAt(this.i) < 0x20) this.fail();
      if (this.text[this.i] === "\\") {
        this.i++;
        const escape = this.text[this.i];
        if (escape === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 1, this.i + 5))) this.fail();
          this.i += 4;
        } else if (!'"\\/bfnrt'.includes(escape ?? "")) {
          this.fail();
        }
      }
      this.i++;
    }
    if (this.i >= this.text.length) this.fail();
    this.i++;
    return JSON.parse(this.text.slice(start, this.i));
  }

  private value(depth: number): void {
    this.space();
    const c = this.text[this.i];
    if (c === "{") return this.object(depth);
    if (c === "[") return this.array(depth);
    if (c === '"') return void this.string();
    if (c === "t") return this.literal("true");
    if (c === "f") return this.literal("false");
    if (c === "n") return this.literal("null");
    // Sticky: matched where the scan is, without copying the rest of the text.
    NUMBER.lastIndex = this.i;
    const number = NUMBER.exec(this.text);
    if (!number) this.fail();
    this.i += number![0].length;
  }

  private object(depth: number): void {
    const keys = new Set<string>();
    this.i++;
    this.space();
    if (this.text[this.i] === "}") return void this.i++;
    for (;;) {
      this.space();
      const keyOffset = this.i;
      const key = this.string();
      if (keys.has(key)) {
        this.duplicate ??= { key, offset: keyOffset };
      }
      keys.add(key);
      this.space();
      if (this.text[this.i] !== ":") this.fail();
      this.i++;
      this.space();
      const valueStart = this.i;
      this.value(depth + 1);
      if (depth === 0) {
        this.members.push({ key, keyOffset, valueStart, valueEnd: this.i });
      }
      this.space();
      if (this.text[this.i] === ",") {
        this.i++;
        continue;
      }
      if (this.text[this.i] === "}") return void this.i++;
      this.fail();
    }
  }

  private array(depth: number): void {
    this.i++;
    this.space();
    if (this.text[this.i] === "]") return void this.i++;
    for (;;) {
      this.value(depth + 1);
      this.space();
      if (this.text[this.i] === ",") {
        this.i++;
        continue;
      }
      if (this.text[this.i] === "]") return void this.i++;
      this.fail();
    }
  }
}

/** Offset of the first character a JSON parser cannot accept; the text's length when it ends too early (or is valid). */
export function firstJsonErrorOffset(text: string): number {
  return new JsonScanner(text).scan() ?? text.length;
}

/** The first key repeated within one object of a valid JSON text, with its offset. */
export function firstDuplicateKey(text: string): { readonly key: string; readonly offset: number } | undefined {
  const scanner = new JsonScanner(text);
  return scanner.scan() === undefined ? scanner.duplicate : undefined;
}

/** One scan of a valid JSON text: its top-level members and its first repeated key. */
export function scanJson(text: string): { readonly members: JsonMember[]; readonly duplicate?: { readonly key: string; readonly offset: number } } {
  const scanner = new JsonScanner(text);
  return scanner.scan() === undefined ? { members: scanner.members, duplicate: scanner.duplicate } : { members: [] };
}

/** The members of the JSON object `text` is, with their positions; empty when it is not a valid object. */
export function topLevelMembers(text: string): JsonMember[] {
  const scanner = new JsonScanner(text);
  return scanner.scan() === undefined ? scanner.members : [];
}

/** The 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}
