// An HCL file's text as the drop-in tools read it, without a parser that
// would lose the user's formatting: what each character is (code, template
// code, string or heredoc text, comment), the attributes and blocks of a
// body with their offsets, and text edits applied by offset. The module
// rewrite and the module reading both work on it.

export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Set on a construct replaced as a whole (possibly multi-line): reported by itself, in this form. */
  readonly summary?: { readonly before: string; readonly after: string };
}

/** `text[from, to)` with the (non-overlapping) edits inside it applied. */
export function applyEdits(text: string, from: number, to: number, edits: readonly Edit[]): string {
  let out = "";
  let at = from;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    if (edit.start < at || edit.end > to) {
      continue;
    }
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at, to);
}

/** Code outside any string; code inside a `${}`/`%{}` template sequence; string or heredoc text; comment. */
const CODE = 0;
const TEMPLATE_CODE = 1;
const LITERAL = 2;
const COMMENT = 3;

export interface Attribute {
  readonly kind: "attribute";
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly equals: number;
  readonly exprStart: number;
  /** Exclusive, trailing whitespace and comments excluded. */
  readonly exprEnd: number;
}

export interface Block {
  readonly kind: "block";
  readonly type: string;
  readonly labels: readonly string[];
  readonly open: number;
  readonly close: number;
}

export type Item = Attribute | Block;

export interface ListElement {
  readonly start: number;
  readonly end: number;
  /** Comments on lines of their own before the element. */
  readonly leading: readonly string[];
  /** Comments after the element on its last line. */
  readonly trailing: readonly string[];
}

export class Source {
  private readonly kinds: Uint8Array;
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    this.kinds = classify(text);
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i += 1) {
      if (text[i] === "\n") {
        this.lineStarts.push(i + 1);
      }
    }
  }

  isCode(at: number): boolean {
    return this.kinds[at] === CODE || this.kinds[at] === TEMPLATE_CODE;
  }

  lineOf(at: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= at) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low + 1;
  }

  /** 0-based offset of a position in its line. */
  column(at: number): number {
    return at - this.lineStarts[this.lineOf(at) - 1];
  }

  /** [start, end) of a 1-based line, without its newline. */
  lineRange(line: number): [number, number] {
    const start = this.lineStarts[line - 1];
    const next = line < this.lineStarts.length ? this.lineStarts[line] - 1 : this.text.length;
    return [start, next];
  }

  body(block: Block): Item[] {
    return this.items(block.open + 1, block.close);
  }

  /** The attributes and blocks of a body (the file, or a block's inside). */
  items(start: number, end: number): Item[] {
    const items: Item[] = [];
    const text = this.text;
    let i = start;
    while (i < end) {
      while (i < end && (/\s/.test(text[i]) || this.kinds[i] === COMMENT)) {
        i += 1;
      }
      if (i >= end) {
        break;
      }
      const name = this.kinds[i] === CODE ? /^[A-Za-z_][\w-]*/.exec(text.slice(i, Math.min(end, i + 256)))?.[0] : undefined;
      if (!name) {
        i = this.statementEnd(i, end);
        continue;
      }
      let j = skipBlanks(text, i + name.length, end);
      if (text[j] === "=" && text[j + 1] !== "=") {
        const exprStart = skipBlanks(text, j + 1, end);
        const stop = this.statementEnd(exprStart, end);
        let exprEnd = stop;
        while (exprEnd > exprStart && (/\s/.test(text[exprEnd - 1]) || this.kinds[exprEnd - 1] === COMMENT)) {
          exprEnd -= 1;
        }
        items.push({ kind: "attribute", name, nameStart: i, nameEnd: i + name.length, equals: j, exprStart, exprEnd });
        i = stop;
        continue;
      }
      const labels: string[] = [];
      for (;;) {
        const label = /^(?:"((?:[^"\\\n]|\\.)*)"|([A-Za-z_][\w-]*))/.exec(text.slice(j, Math.min(end, j + 512)));
        if (!label) {
          break;
        }
        labels.push(label[1] ?? label[2]);
        j = skipBlanks(text, j + label[0].length, end);
      }
      const close = text[j] === "{" && this.kinds[j] === CODE ? this.closing(j, end) : -1;
      if (close < 0) {
        i = this.statementEnd(i, end);
        continue;
      }
      items.push({ kind: "block", type: name, labels, open: j, close });
      i = close + 1;
    }
    return items;
  }

  /** The newline (or `end`) that ends the statement starting at `from`: the first one outside brackets, strings and heredocs. */
  private statementEnd(from: number, end: number): number {
    return this.scanCode(from, end, (c, depth) => c === "\n" && depth <= 0) ?? end;
  }

  /**
   * The first code character in [from, end) (strings, heredocs and comments
   * skipped) for which `stop` holds, given the bracket depth after it.
   */
  private scanCode(from: number, end: number, stop: (c: string, depth: number) => boolean): number | undefined {
    let depth = 0;
    for (let k = from; k < end; k += 1) {
      if (this.kinds[k] !== CODE) {
        continue;
      }
      const c = this.text[k];
      depth += "{[(".includes(c) ? 1 : "}])".includes(c) ? -1 : 0;
      if (stop(c, depth)) {
        return k;
      }
    }
    return undefined;
  }

  /** The elements of a tuple literal `[a, b]` spanning [start, end); undefined if it is not one (a for expression included). */
  listElements(start: number, end: number): ListElement[] | undefined {
    const text = this.text;
    if (text[start] !== "[" || text[end - 1] !== "]" || this.kinds[start] !== CODE || this.closing(start, end) !== end - 1) {
      return undefined;
    }
    const firstCode = this.nextCode(start + 1, end - 1);
    if (/^for\s/.test(text.slice(firstCode, firstCode + 4))) {
      return undefined;
    }
    // Split at top-level commas, then give each comment between elements to one of them.
    const spans: { start: number; end: number }[] = [];
    const comments: { start: number; end: number }[] = [];
    let depth = 0;
    let segment = start + 1;
    const closeSegment = (to: number): void => {
      const from = this.nextCode(segment, to);
      let until = to;
      while (until > from && (/\s/.test(text[until - 1]) || this.kinds[until - 1] === COMMENT)) {
        until -= 1;
      }
      if (until > from) {
        spans.push({ start: from, end: until });
      }
    };
    for (let k = start + 1; k < end - 1; k += 1) {
      if (this.kinds[k] === COMMENT) {
        const commentEnd = this.runEnd(k, COMMENT);
        if (depth === 0) {
          comments.push({ start: k, end: commentEnd });
        }
        k = commentEnd - 1;
        continue;
      }
      if (this.kinds[k] !== CODE) {
        continue;
      }
      const c = text[k];
      if (c === "{" || c === "[" || c === "(") {
        depth += 1;
      } else if (c === "}" || c === "]" || c === ")") {
        depth -= 1;
      } else if (c === "," && depth === 0) {
        closeSegment(k);
        segment = k + 1;
      }
    }
    closeSegment(end - 1);
    const elements = spans.map((span) => ({ ...span, leading: [] as string[], trailing: [] as string[] }));
    for (const comment of comments) {
      const body = text.slice(comment.start, comment.end).trimEnd();
      const insideElement = elements.some((element) => comment.start > element.start && comment.end < element.end);
      if (insideElement || elements.length === 0) {
        continue;
      }
      // Beside an element on its line: that element's; on a line of its own: the next element's
      // (after the last one: the last one's).
      const previous = [...elements].reverse().find((element) => element.end <= comment.start);
      const next = elements.find((element) => element.start >= comment.end);
      if (previous && (this.lineOf(previous.end) === this.lineOf(comment.start) || !next)) {
        previous.trailing.push(body);
      } else if (next) {
        next.leading.push(body);
      }
    }
    return elements;
  }

  /** The bracket closing the one at `open` (brackets in strings, heredocs and comments not counted), or -1. */
  private closing(open: number, end: number): number {
    return this.scanCode(open, end, (c, depth) => "}])".includes(c) && depth === 0) ?? -1;
  }

  private nextCode(from: number, to: number): number {
    let k = from;
    while (k < to && (/\s/.test(this.text[k]) || this.kinds[k] === COMMENT)) {
      k += 1;
    }
    return k;
  }

  private runEnd(from: number, kind: number): number {
    let k = from;
    while (k < this.text.length && this.kinds[k] === kind) {
      k += 1;
    }
    return k;
  }

  /**
   * One line for a report: comments dropped, whitespace runs in code collapsed,
   * none just inside brackets or before a comma. `replacement` is the same span's
   * text after other edits, compacted the same way when given (its kinds unknown,
   * so only its whitespace is collapsed).
   */
  compact(start: number, end: number, replacement?: string): string {
    let out = "";
    if (replacement !== undefined) {
      out = replacement.replace(/\s+/g, " ");
    } else {
      for (let k = start; k < end; k += 1) {
        if (this.kinds[k] === COMMENT) {
          continue;
        }
        out += this.kinds[k] === LITERAL || !/\s/.test(this.text[k]) ? this.text[k] : out.endsWith(" ") ? "" : " ";
      }
    }
    return out.replace(/([[({]) /g, "$1").replace(/ ([\])},])/g, "$1").replace(/,([\])}])/g, "$1").trim();
  }
}

function skipBlanks(text: string, from: number, end: number): number {
  let k = from;
  while (k < end && (text[k] === " " || text[k] === "\t")) {
    k += 1;
  }
  return k;
}

/**
 * Classifies each character. Strings and heredocs are template text whose
 * `${...}` / `%{...}` sequences are code again (references live there too);
 * `$${` / `%%{` are escapes, not sequences. Heredoc text does not interpret
 * backslashes; a quoted string ends at its line's end at the latest.
 */
function classify(text: string): Uint8Array {
  const kinds = new Uint8Array(text.length);
  type Frame = { mode: "code"; braces: number; kind: number } | { mode: "string" } | { mode: "heredoc"; marker: string };
  const stack: Frame[] = [{ mode: "code", braces: 0, kind: CODE }];
  const lineEnd = (from: number): number => {
    const newline = text.indexOf("\n", from);
    return newline < 0 ? text.length : newline;
  };
  let i = 0;
  while (i < text.length) {
    const top = stack[stack.length - 1];
    const c = text[i];
    if (top.mode === "code") {
      if (c === "#" || (c === "/" && text[i + 1] === "/")) {
        const end = lineEnd(i);
        kinds.fill(COMMENT, i, end);
        i = end;
      } else if (c === "/" && text[i + 1] === "*") {
        const close = text.indexOf("*/", i + 2);
        const end = close < 0 ? text.length : close + 2;
        kinds.fill(COMMENT, i, end);
        i = end;
      } else if (c === '"') {
        kinds[i] = LITERAL;
        stack.push({ mode: "string" });
        i += 1;
      } else if (c === "<" && text[i + 1] === "<" && /^<<-?[A-Za-z_][\w-]*[ \t]*\r?\n/.test(text.slice(i, i + 260))) {
        const header = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 260)) as RegExpExecArray;
        kinds.fill(LITERAL, i, i + header[0].length);
        stack.push({ mode: "heredoc", marker: header[1] });
        i += header[0].length;
      } else if (c === "}" && top.braces === 0 && stack.length > 1) {
        // Closes a template sequence.
        kinds[i] = LITERAL;
        stack.pop();
        i += 1;
      } else {
        if (c === "{") {
          top.braces += 1;
        } else if (c === "}" && top.braces > 0) {
          top.braces -= 1;
        }
        kinds[i] = top.kind;
        i += 1;
      }
      continue;
    }
    if (top.mode === "heredoc" && (i === 0 || text[i - 1] === "\n")) {
      const end = lineEnd(i);
      if (text.slice(i, end).trim() === top.marker) {
        kinds.fill(LITERAL, i, end);
        stack.pop();
        i = end;
        continue;
      }
    }
    if (top.mode === "string" && c === "\\") {
      kinds.fill(LITERAL, i, i + 2);
      i += 2;
    } else if ((c === "$" || c === "%") && text[i + 1] === c && text[i + 2] === "{") {
      kinds.fill(LITERAL, i, i + 3);
      i += 3;
    } else if ((c === "$" || c === "%") && text[i + 1] === "{") {
      kinds.fill(LITERAL, i, i + 2);
      stack.push({ mode: "code", braces: 0, kind: TEMPLATE_CODE });
      i += 2;
    } else if (top.mode === "string" && (c === '"' || c === "\n")) {
      stack.pop();
      if (c === '"') {
        kinds[i] = LITERAL;
        i += 1;
      }
    } else {
      kinds[i] = LITERAL;
      i += 1;
    }
  }
  return kinds;
}
