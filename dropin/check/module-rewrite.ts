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
import { Attribute, Block, Edit, Item, Source, applyEdits } from "./hcl-source";
import { tfFiles } from "./project";
import { PROVIDER_VERSION } from "../standin";

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
    ...referenceEdits(source, 0, text.length)
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
      const value = rewriteReferences(source, element.start, element.end);
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
    const value = rewriteReferences(source, attribute.exprStart, attribute.exprEnd);
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
// The report

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

/** Reference edits (see REFERENCES) for matches that start and end in code. */
function referenceEdits(source: Source, start: number, end: number): Edit[] {
  const edits: Edit[] = [];
  const slice = source.text.slice(start, end);
  for (const { pattern, replace } of REFERENCES) {
    for (const match of slice.matchAll(pattern)) {
      const at = start + (match.index ?? 0);
      if (source.isCode(at) && source.isCode(at + match[0].length - 1)) {
        edits.push({ start: at, end: at + match[0].length, text: replace(match as RegExpExecArray) });
      }
    }
  }
  return edits;
}

function rewriteReferences(source: Source, start: number, end: number): string {
  return applyEdits(source.text, start, end, referenceEdits(source, start, end));
}
