// A quick reading of the usual tfvars file: `name = value` lines whose
// values are literals (strings, heredocs, numbers, true/false/null, lists,
// maps), with comments. It only ever says "these are the names" or "not
// sure": anything else (an operator, a function call, a syntax error) goes
// to the real HCL parser, which is WebAssembly and costs about a fifth of a
// second to load, on every synth.

/** The names a tfvars file sets, or undefined when the file is not of the usual kind. */
export function scanTfvarsNames(text: string): string[] | undefined {
  const scanner = new Scanner(text);
  try {
    return scanner.file();
  } catch (error) {
    if (error instanceof NotSure) {
      return undefined;
    }
    throw error;
  }
}

class NotSure extends Error {}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/;

class Scanner {
  private i = 0;

  constructor(private readonly text: string) {}

  file(): string[] {
    const names: string[] = [];
    for (;;) {
      this.blank(true);
      if (this.i >= this.text.length) {
        return names;
      }
      const name = this.match(IDENTIFIER);
      this.blank(false);
      this.expect("=");
      this.blank(false);
      this.value();
      this.blank(false);
      if (this.i < this.text.length && this.text[this.i] !== "\n") {
        this.notSure();
      }
      names.push(name);
    }
  }

  private notSure(): never {
    throw new NotSure();
  }

  private match(pattern: RegExp): string {
    const found = pattern.exec(this.text.slice(this.i));
    if (!found) this.notSure();
    this.i += found![0].length;
    return found![0];
  }

  private expect(char: string): void {
    if (this.text[this.i] !== char) this.notSure();
    this.i++;
  }

  /** Spaces and comments, and newlines too when `newlines`. */
  private blank(newlines: boolean): void {
    for (;;) {
      const c = this.text[this.i];
      if (c === " " || c === "\t" || c === "\r" || (newlines && c === "\n")) {
        this.i++;
      } else if (c === "#" || (c === "/" && this.text[this.i + 1] === "/")) {
        while (this.i < this.text.length && this.text[this.i] !== "\n") this.i++;
      } else if (c === "/" && this.text[this.i + 1] === "*") {
        const end = this.text.indexOf("*/", this.i + 2);
        if (end < 0) this.notSure();
        this.i = end + 2;
      } else {
        return;
      }
    }
  }

  private value(): void {
    const c = this.text[this.i];
    if (c === '"') return this.string();
    if (c === "[") return this.list("]");
    if (c === "{") return this.object();
    if (c === "<" && this.text[this.i + 1] === "<") return this.heredoc();
    if (NUMBER.test(this.text.slice(this.i))) {
      this.match(NUMBER);
      return;
    }
    const word = this.match(IDENTIFIER);
    if (!["true", "false", "null"].includes(word)) this.notSure();
  }

  /** A quoted string without template sequences (a `${` or `%{` would be an expression). */
  private string(): void {
    this.i++;
    while (this.text[this.i] !== '"') {
      const c = this.text[this.i];
      if (c === undefined || c === "\n") this.notSure();
      if ((c === "$" || c === "%") && this.text[this.i + 1] === "{") this.notSure();
      this.i += c === "\\" ? 2 : 1;
    }
    this.i++;
  }

  private heredoc(): void {
    const marker = /^<<-?([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/.exec(this.text.slice(this.i));
    if (!marker) this.notSure();
    this.i += marker![0].length;
    const end = new RegExp(`^[ \\t]*${marker![1]}[ \\t]*$`, "m");
    const rest = this.text.slice(this.i);
    const found = end.exec(rest);
    if (!found || /[$%]\{/.test(rest.slice(0, found.index))) this.notSure();
    this.i += found!.index + found![0].length;
  }

  private list(close: string): void {
    this.i++;
    for (;;) {
      this.blank(true);
      if (this.text[this.i] === close) {
        this.i++;
        return;
      }
      this.value();
      this.blank(true);
      if (this.text[this.i] === ",") {
        this.i++;
      } else if (this.text[this.i] !== close) {
        this.notSure();
      }
    }
  }

  private object(): void {
    this.i++;
    for (;;) {
      this.blank(true);
      if (this.text[this.i] === "}") {
        this.i++;
        return;
      }
      if (this.text[this.i] === '"') {
        this.string();
      } else {
        this.match(IDENTIFIER);
      }
      this.blank(false);
      if (this.text[this.i] !== "=" && this.text[this.i] !== ":") this.notSure();
      this.i++;
      this.blank(false);
      this.value();
      this.blank(false);
      if (this.text[this.i] === ",") this.i++;
      else if (this.text[this.i] !== "\n" && this.text[this.i] !== "}") this.notSure();
    }
  }
}
