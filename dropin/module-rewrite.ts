// Rewrites an HCL module written for hashicorp/aws 3.x-5.x to the argument
// names aws 6.x accepts, so that the drop-in check (which runs the stand-in
// provider at the project's pinned 6.x version) can apply a module exactly as
// a team runs it today. It works on the text, not on a parsed tree: the user's
// formatting and comments survive, and every change is reported by line.
//
// The changes, as the provider's v6 upgrade guide and source state them
// (website/docs/guides/version-6-upgrade.html.markdown,
// internal/service/batch/compute_environment.go and compute_environment_migrate.go,
// internal/service/batch/job_queue.go and job_queue_migrate.go,
// website/docs/d/region.html.markdown):
// - aws_batch_compute_environment: `compute_environment_name` -> `name`,
//   `compute_environment_name_prefix` -> `name_prefix` (and the data source's
//   `compute_environment_name` -> `name`), in arguments, in `ignore_changes`
//   and in references;
// - aws_batch_job_queue: `compute_environments = [a, b]` removed for
//   `compute_environment_order` blocks, order = list position (what the
//   provider's own state upgrader assumes, and what every older version sent
//   to AWS);
// - data "aws_region": the `name` argument and attribute are deprecated for
//   `region`;
// - the provider version constraint must admit 6.x, or `terraform init` finds
//   no provider to install.
import * as fs from "fs";
import * as path from "path";
import { PROVIDER_VERSION } from "./standin-provider";

export interface Rewrite {
  /** Path relative to the module root ("/"-separated). */
  readonly file: string;
  /** 1-based, in the ORIGINAL file. */
  readonly line: number;
  /** The trimmed source line, or a compact one-line rendering for a multi-line construct. */
  readonly before: string;
  readonly after: string;
}

export interface RewriteOptions {
  /** The aws provider version the rewritten module runs with. @default the stand-in's version */
  readonly awsVersion?: string;
}

/** Rewrites, in place, every .tf file below `moduleCopy` (a temporary copy; child module folders included, .terraform skipped) to the aws v6 forms; returns every rewrite made. */
export function rewriteToV6(moduleCopy: string, options: RewriteOptions = {}): Rewrite[] {
  const rewrites: Rewrite[] = [];
  for (const file of tfFiles(moduleCopy)) {
    const relative = path.relative(moduleCopy, file).split(path.sep).join("/");
    const result = rewriteTextToV6(fs.readFileSync(file, "utf8"), relative, options);
    if (result.rewrites.length > 0) {
      fs.writeFileSync(file, result.text);
      rewrites.push(...result.rewrites);
    }
  }
  return rewrites;
}

/** The same on one file's text, for tests. */
export function rewriteTextToV6(text: string, file: string, options: RewriteOptions = {}): { text: string; rewrites: Rewrite[] } {
  const source = new Source(text);
  const edits: Edit[] = [];
  const awsVersion = options.awsVersion ?? PROVIDER_VERSION;
  for (const block of source.items(0, text.length)) {
    if (block.kind !== "block") {
      continue;
    }
    const [type] = block.labels;
    if (block.type === "resource" && type === "aws_batch_compute_environment") {
      edits.push(...renameArguments(source, block, COMPUTE_ENVIRONMENT_RENAMES));
    } else if (block.type === "data" && type === "aws_batch_compute_environment") {
      edits.push(...renameArguments(source, block, { compute_environment_name: "name" }));
    } else if (block.type === "data" && type === "aws_region") {
      edits.push(...renameArguments(source, block, { name: "region" }));
    } else if (block.type === "resource" && type === "aws_batch_job_queue") {
      edits.push(...rewriteJobQueue(source, block));
    } else if (block.type === "terraform") {
      edits.push(...rewriteRequiredProviders(source, block, awsVersion));
    } else if (block.type === "provider" && type === "aws") {
      // The pre-0.13 `version` argument in the provider block constrains too.
      const version = source.body(block).find((item): item is Attribute => item.kind === "attribute" && item.name === "version");
      if (version) {
        edits.push(...constrainVersion(source, version.exprStart, version.exprEnd, awsVersion));
      }
    }
  }
  // References anywhere else (outputs, locals, other resources, interpolations
  // in strings and heredocs); a rewritten job queue list already carries its own.
  const replaced = edits.filter((edit) => edit.summary !== undefined);
  edits.push(
    ...source
      .referenceEdits(0, text.length)
      .filter((edit) => !replaced.some((outer) => edit.start >= outer.start && edit.end <= outer.end)),
  );
  return { text: applyEdits(text, 0, text.length, edits), rewrites: describe(source, edits, file) };
}

// ---------------------------------------------------------------------------
// The rewrites

const COMPUTE_ENVIRONMENT_RENAMES: { readonly [name: string]: string } = {
  compute_environment_name: "name",
  compute_environment_name_prefix: "name_prefix",
};

/** Where Terraform's splat/index forms may sit between a resource name and its attribute. */
const INDEX = String.raw`(?:\[[^\[\]\n]*\]|\.\*|\.\d+)?`;
const NAME = String.raw`[A-Za-z_][\w-]*`;
const END = String.raw`(?![\w-])`;

/** Reference rewrites; each regex's first group is kept, the rest replaced. */
const REFERENCES: readonly { readonly pattern: RegExp; readonly replace: (match: RegExpExecArray) => string }[] = [
  {
    // The resource and the data source both renamed the attribute.
    pattern: new RegExp(String.raw`(?<![\w.-])((?:data\.)?aws_batch_compute_environment\.${NAME}${INDEX}\.)(compute_environment_name(?:_prefix)?)${END}`, "g"),
    replace: (match) => `${match[1]}${COMPUTE_ENVIRONMENT_RENAMES[match[2]]}`,
  },
  {
    pattern: new RegExp(String.raw`(?<![\w.-])(data\.aws_region\.${NAME}${INDEX}\.)name${END}`, "g"),
    replace: (match) => `${match[1]}region`,
  },
  {
    // The list of ARNs is, in v6, the `compute_environment` of each order block.
    pattern: new RegExp(String.raw`(?<![\w.-])(aws_batch_job_queue\.${NAME}${INDEX}\.)compute_environments${END}`, "g"),
    replace: (match) => `${match[1]}compute_environment_order[*].compute_environment`,
  },
];

/** Renames top-level arguments of a block, and the same names in its `lifecycle { ignore_changes }`. */
function renameArguments(source: Source, block: Block, renames: { readonly [name: string]: string }): Edit[] {
  const body = source.body(block);
  const present = new Set(body.filter((item) => item.kind === "attribute").map((item) => item.name));
  const edits: Edit[] = [];
  body.forEach((item, index) => {
    if (item.kind === "attribute" && renames[item.name] !== undefined && !present.has(renames[item.name])) {
      edits.push(renameAttribute(source, item, renames[item.name], [body[index - 1], body[index + 1]]));
    }
  });
  return [...edits, ...ignoreChangesEdits(source, body, renames)];
}

/**
 * Renames an argument. When its `=` is aligned with a neighbour's on the next
 * or previous line (as `terraform fmt` aligns a group), the `=` keeps its
 * column; otherwise the spacing is kept as written.
 */
function renameAttribute(source: Source, attribute: Attribute, name: string, neighbours: readonly (Item | undefined)[]): Edit {
  const gap = source.text.slice(attribute.nameEnd, attribute.equals);
  const line = source.lineOf(attribute.nameStart);
  const aligned = neighbours.some(
    (other) =>
      other?.kind === "attribute" &&
      Math.abs(source.lineOf(other.nameStart) - line) === 1 &&
      source.column(other.equals) === source.column(attribute.equals),
  );
  const padding = aligned ? " ".repeat(Math.max(1, attribute.name.length + gap.length - name.length)) : gap;
  return { start: attribute.nameStart, end: attribute.equals, text: `${name}${padding}` };
}

function ignoreChangesEdits(source: Source, body: readonly Item[], renames: { readonly [name: string]: string }): Edit[] {
  const edits: Edit[] = [];
  for (const lifecycle of body) {
    if (lifecycle.kind !== "block" || lifecycle.type !== "lifecycle") {
      continue;
    }
    for (const item of source.body(lifecycle)) {
      if (item.kind !== "attribute" || item.name !== "ignore_changes") {
        continue;
      }
      const pattern = /(?<![\w.-])([A-Za-z_][\w-]*)(?![\w-])/g;
      const expression = source.text.slice(item.exprStart, item.exprEnd);
      for (const match of expression.matchAll(pattern)) {
        const start = item.exprStart + (match.index ?? 0);
        if (renames[match[1]] !== undefined && source.isCode(start)) {
          edits.push({ start, end: start + match[1].length, text: renames[match[1]] });
        }
      }
    }
  }
  return edits;
}

function rewriteJobQueue(source: Source, block: Block): Edit[] {
  const body = source.body(block);
  const edits: Edit[] = ignoreChangesEdits(source, body, { compute_environments: "compute_environment_order" });
  const attribute = body.find((item): item is Attribute => item.kind === "attribute" && item.name === "compute_environments");
  const hasOrder = body.some(
    (item) => item.kind === "block" && (item.type === "compute_environment_order" || (item.type === "dynamic" && item.labels[0] === "compute_environment_order")),
  );
  if (!attribute || hasOrder) {
    return edits;
  }
  const lineStart = source.text.lastIndexOf("\n", attribute.nameStart - 1) + 1;
  const indent = /^[ \t]*/.exec(source.text.slice(lineStart, attribute.nameStart))?.[0] ?? "";
  const unit = indent.includes("\t") ? "\t" : "  ";
  const inner = indent + unit;
  const elements = source.listElements(attribute.exprStart, attribute.exprEnd);
  const before = `compute_environments = ${
    elements ? `[${elements.map((element) => source.compact(element.start, element.end)).join(", ")}]` : source.compact(attribute.exprStart, attribute.exprEnd)
  }`;
  let text: string;
  let after: string;
  if (elements) {
    const blocks = elements.map((element, order) => {
      const value = source.rewriteReferences(element.start, element.end);
      const trailing = element.trailing.length > 0 ? ` ${element.trailing.join(" ")}` : "";
      return {
        text: [
          ...element.leading.map((comment) => `${comment}\n${indent}`),
          `compute_environment_order {\n`,
          `${inner}${"order".padEnd(19)} = ${order}\n`,
          `${inner}compute_environment = ${value}${trailing}\n`,
          `${indent}}`,
        ].join(""),
        summary: `compute_environment_order { order = ${order}  compute_environment = ${source.compact(element.start, element.end, value)} }`,
      };
    });
    text = blocks.map((b) => b.text).join(`\n${indent}`);
    after = blocks.length > 0 ? blocks.map((b) => b.summary).join("  ") : "(no compute_environment_order block)";
  } else {
    // Not a list literal (a variable, concat(), a for expression, ...): one block per element at plan time.
    const value = source.rewriteReferences(attribute.exprStart, attribute.exprEnd);
    text = [
      `dynamic "compute_environment_order" {\n`,
      `${inner}for_each = ${value}\n`,
      `${inner}content {\n`,
      `${inner}${unit}${"order".padEnd(19)} = compute_environment_order.key\n`,
      `${inner}${unit}compute_environment = compute_environment_order.value\n`,
      `${inner}}\n`,
      `${indent}}`,
    ].join("");
    after =
      `dynamic "compute_environment_order" { for_each = ${source.compact(attribute.exprStart, attribute.exprEnd, value)}  ` +
      `content { order = compute_environment_order.key  compute_environment = compute_environment_order.value } }`;
  }
  const eol = source.text.includes("\r\n") ? "\r\n" : "\n";
  edits.push({ start: attribute.nameStart, end: attribute.exprEnd, text: text.replace(/\n/g, eol), summary: { before, after } });
  return edits;
}

/** `terraform { required_providers { aws = { source = "hashicorp/aws", version = "..." } } }`, and the legacy `aws = "..."`. */
function rewriteRequiredProviders(source: Source, terraform: Block, awsVersion: string): Edit[] {
  const edits: Edit[] = [];
  for (const required of source.body(terraform)) {
    if (required.kind !== "block" || required.type !== "required_providers") {
      continue;
    }
    for (const provider of source.body(required)) {
      if (provider.kind !== "attribute") {
        continue;
      }
      const expression = source.text.slice(provider.exprStart, provider.exprEnd);
      if (expression.startsWith('"')) {
        if (provider.name === "aws") {
          edits.push(...constrainVersion(source, provider.exprStart, provider.exprEnd, awsVersion));
        }
        continue;
      }
      const sourceAddress = /(?<![\w-])source\s*=\s*"([^"\n]*)"/.exec(expression)?.[1];
      const isAws = sourceAddress === undefined ? provider.name === "aws" : /^(registry\.terraform\.io\/)?hashicorp\/aws$/i.test(sourceAddress);
      const version = /(?<![\w-])version\s*=\s*("[^"\n]*")/.exec(expression);
      if (isAws && version) {
        const start = provider.exprStart + (version.index ?? 0) + version[0].length - version[1].length;
        if (source.isCode(provider.exprStart + (version.index ?? 0))) {
          edits.push(...constrainVersion(source, start, start + version[1].length, awsVersion));
        }
      }
    }
  }
  return edits;
}

/** Replaces a quoted version constraint by the version the check runs, when the constraint excludes it. */
function constrainVersion(source: Source, start: number, end: number, awsVersion: string): Edit[] {
  const literal = /^"([^"\\$%]*)"$/.exec(source.text.slice(start, end));
  if (!literal) {
    return [];
  }
  const admits = constraintAdmits(literal[1], awsVersion);
  return admits === false ? [{ start, end, text: JSON.stringify(awsVersion) }] : [];
}

/**
 * Whether a Terraform version constraint ("~> 5.0", ">= 4.0, < 6.0", "5.31.0")
 * admits `version`; undefined when the constraint cannot be read (left alone).
 */
function constraintAdmits(constraint: string, version: string): boolean | undefined {
  const target = parseVersion(version);
  if (!target) {
    return undefined;
  }
  let admits = true;
  for (const part of constraint.split(",")) {
    const match = /^\s*(~>|>=|<=|!=|=|>|<)?\s*v?(\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?)\s*$/.exec(part);
    const bound = match ? parseVersion(match[2]) : undefined;
    if (!match || !bound) {
      return undefined;
    }
    const order = compareVersions(target.numbers, bound.numbers);
    switch (match[1] ?? "=") {
      case "=":
        admits &&= order === 0 && target.prerelease === bound.prerelease;
        break;
      case "!=":
        admits &&= order !== 0 || target.prerelease !== bound.prerelease;
        break;
      case ">":
        admits &&= order > 0;
        break;
      case ">=":
        admits &&= order >= 0;
        break;
      case "<":
        admits &&= order < 0;
        break;
      case "<=":
        admits &&= order <= 0;
        break;
      case "~>": {
        // Only the rightmost given segment may grow: ~> 5 and ~> 5.1 stay below 6.0, ~> 5.1.2 below 5.2.0.
        const upper = bound.given <= 2 ? [bound.numbers[0] + 1, 0, 0] : [bound.numbers[0], bound.numbers[1] + 1, 0];
        admits &&= order >= 0 && compareVersions(target.numbers, upper) < 0;
        break;
      }
    }
  }
  return admits;
}

function parseVersion(text: string): { numbers: number[]; given: number; prerelease: string } | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?$/.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const given = match.slice(1, 4).filter((part) => part !== undefined).length;
  return { numbers: match.slice(1, 4).map((part) => Number(part ?? 0)), given, prerelease: match[4] ?? "" };
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i += 1) {
    if (a[i] !== b[i]) {
      return a[i] - b[i];
    }
  }
  return 0;
}

// ---------------------------------------------------------------------------
// Edits and their report

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Set on a construct replaced as a whole (possibly multi-line): reported by itself, in this form. */
  readonly summary?: { readonly before: string; readonly after: string };
}

/** `text[from, to)` with the (non-overlapping) edits inside it applied. */
function applyEdits(text: string, from: number, to: number, edits: readonly Edit[]): string {
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

/** One rewrite per changed source line (its edits combined), one per construct replaced as a whole. */
function describe(source: Source, edits: readonly Edit[], file: string): Rewrite[] {
  const rewrites: Rewrite[] = [];
  const byLine = new Map<number, Edit[]>();
  for (const edit of edits) {
    const line = source.lineOf(edit.start);
    if (edit.summary) {
      rewrites.push({ file, line, ...edit.summary });
    } else {
      byLine.set(line, [...(byLine.get(line) ?? []), edit]);
    }
  }
  for (const [line, lineEdits] of byLine) {
    const [from, to] = source.lineRange(line);
    rewrites.push({
      file,
      line,
      before: source.text.slice(from, to).trim(),
      after: applyEdits(source.text, from, to, lineEdits).trim(),
    });
  }
  return rewrites.sort((a, b) => a.line - b.line);
}

// ---------------------------------------------------------------------------
// The source: what each character is, and the items of a body

/** Code outside any string; code inside a `${}`/`%{}` template sequence; string or heredoc text; comment. */
const CODE = 0;
const TEMPLATE_CODE = 1;
const LITERAL = 2;
const COMMENT = 3;

interface Attribute {
  readonly kind: "attribute";
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly equals: number;
  readonly exprStart: number;
  /** Exclusive, trailing whitespace and comments excluded. */
  readonly exprEnd: number;
}

interface Block {
  readonly kind: "block";
  readonly type: string;
  readonly labels: readonly string[];
  readonly open: number;
  readonly close: number;
}

type Item = Attribute | Block;

interface ListElement {
  readonly start: number;
  readonly end: number;
  /** Comments on lines of their own before the element. */
  readonly leading: readonly string[];
  /** Comments after the element on its last line. */
  readonly trailing: readonly string[];
}

class Source {
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

  /** Reference edits (see REFERENCES) for matches that start and end in code. */
  referenceEdits(start: number, end: number): Edit[] {
    const edits: Edit[] = [];
    const slice = this.text.slice(start, end);
    for (const { pattern, replace } of REFERENCES) {
      for (const match of slice.matchAll(pattern)) {
        const at = start + (match.index ?? 0);
        if (this.isCode(at) && this.isCode(at + match[0].length - 1)) {
          edits.push({ start: at, end: at + match[0].length, text: replace(match as RegExpExecArray) });
        }
      }
    }
    return edits;
  }

  rewriteReferences(start: number, end: number): string {
    return applyEdits(this.text, start, end, this.referenceEdits(start, end));
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

function tfFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== ".terraform") {
        files.push(...tfFiles(full));
      }
    } else if (entry.isFile() && entry.name.endsWith(".tf")) {
      files.push(full);
    }
  }
  return files;
}
