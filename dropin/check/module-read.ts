// What the drop-in check reads of a team's module before it plans: the
// module blocks of its root (the one that holds the job queue names the
// `moved` blocks' source), and its resources with their addresses, so that
// those the stand-in cannot plan are taken out of the check's copy and listed
// rather than stopping the check.
import * as fs from "fs";
import * as path from "path";
import { Attribute, Block, Source, applyEdits } from "./hcl-source";
import { tfFiles } from "./project";

/** A `module "<name>" { source = "..." }` block of the root module. */
export interface ModuleCall {
  readonly name: string;
  /** The `source` string, as written (`./batch-deployment`). */
  readonly source?: string;
  readonly file: string;
  readonly line: number;
}

/** A `resource` block, at the address its instances have in the state. */
export interface DeclaredResource {
  /** `aws_security_group_rule.ssh` at the root, `module.batch.aws_batch_job_queue.job_queue` in a called child. */
  readonly address: string;
  readonly type: string;
  /** Path relative to the module root ("/"-separated). */
  readonly file: string;
  readonly line: number;
}

function blocksOf(file: string): { source: Source; blocks: Block[] } {
  const source = new Source(fs.readFileSync(file, "utf8"));
  return { source, blocks: source.items(0, source.text.length).filter((item): item is Block => item.kind === "block") };
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}

/** The module blocks of the root module's own .tf files. */
export function moduleCalls(modulePath: string): ModuleCall[] {
  const calls: ModuleCall[] = [];
  for (const file of fs.readdirSync(modulePath).filter((name) => name.endsWith(".tf")).sort()) {
    const full = path.join(modulePath, file);
    const { source, blocks } = blocksOf(full);
    for (const block of blocks.filter((candidate) => candidate.type === "module" && candidate.labels.length === 1)) {
      const attribute = source.body(block).find((item): item is Attribute => item.kind === "attribute" && item.name === "source");
      const literal = attribute ? /^"([^"]*)"$/.exec(source.text.slice(attribute.exprStart, attribute.exprEnd)) : null;
      calls.push({ name: block.labels[0], source: literal?.[1], file, line: source.lineOf(block.open) });
    }
  }
  return calls;
}

/**
 * Every resource block of the module and of the local child modules its root
 * calls, at its state address (a child called twice is listed twice; count
 * and for_each keys are left out).
 */
export function declaredResources(modulePath: string): DeclaredResource[] {
  const prefixes = new Map<string, string[]>([[path.resolve(modulePath), [""]]]);
  for (const call of moduleCalls(modulePath)) {
    if (call.source?.startsWith("./") || call.source?.startsWith("../")) {
      const folder = path.resolve(modulePath, call.source);
      prefixes.set(folder, [...(prefixes.get(folder) ?? []), `module.${call.name}.`]);
    }
  }
  const resources: DeclaredResource[] = [];
  for (const file of tfFiles(modulePath)) {
    const { source, blocks } = blocksOf(file);
    for (const block of blocks.filter((candidate) => candidate.type === "resource" && candidate.labels.length === 2)) {
      for (const prefix of prefixes.get(path.dirname(path.resolve(file))) ?? []) {
        const [type, name] = block.labels;
        resources.push({ address: `${prefix}${type}.${name}`, type, file: relative(modulePath, file), line: source.lineOf(block.open) });
      }
    }
  }
  return resources;
}

/**
 * Takes the resource blocks `remove` chooses out of the .tf files of a
 * module's copy, in place; returns what was taken out, at its state address.
 */
export function removeResources(moduleCopy: string, remove: (type: string) => boolean): DeclaredResource[] {
  const removed = declaredResources(moduleCopy).filter((resource) => remove(resource.type));
  for (const file of tfFiles(moduleCopy)) {
    const { source, blocks } = blocksOf(file);
    const edits = blocks
      .filter((block) => block.type === "resource" && block.labels.length === 2 && remove(block.labels[0]))
      .map((block) => ({ start: source.lineRange(source.lineOf(block.open))[0], end: block.close + 1, text: "" }));
    if (edits.length > 0) {
      fs.writeFileSync(file, applyEdits(source.text, 0, source.text.length, edits));
    }
  }
  return removed;
}

/** Where the module keeps its state: its `backend` or `cloud` block, with the settings written as literals. */
export interface ModuleBackend {
  /** `s3`, `local`, `cloud`, `remote`, ... */
  readonly type: string;
  /** Literal string and boolean settings (`bucket`, `key`, `region`, `organization`, the workspace's `name`). */
  readonly settings: { readonly [name: string]: string };
  readonly file: string;
  readonly line: number;
}

/** The root module's backend or cloud block; undefined: none (local state in the module folder). */
export function moduleBackend(modulePath: string): ModuleBackend | undefined {
  for (const file of fs.readdirSync(modulePath).filter((name) => name.endsWith(".tf")).sort()) {
    const { source, blocks } = blocksOf(path.join(modulePath, file));
    for (const terraform of blocks.filter((block) => block.type === "terraform")) {
      const inner = source.body(terraform).filter((item): item is Block => item.kind === "block");
      const chosen = inner.find((block) => (block.type === "backend" && block.labels.length === 1) || block.type === "cloud");
      if (chosen) {
        const settings: { [name: string]: string } = {};
        const read = (block: Block, prefix: string): void => {
          for (const item of source.body(block)) {
            if (item.kind === "attribute") {
              const literal = /^"([^"$]*)"$|^(true|false)$/.exec(source.text.slice(item.exprStart, item.exprEnd));
              if (literal) {
                settings[`${prefix}${item.name}`] = literal[1] ?? literal[2];
              }
            } else if (item.type === "workspaces") {
              read(item, "workspaces.");
            }
          }
        };
        read(chosen, "");
        return { type: chosen.type === "cloud" ? "cloud" : chosen.labels[0], settings, file, line: source.lineOf(chosen.open) };
      }
    }
  }
  return undefined;
}
