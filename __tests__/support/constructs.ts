// Shared by the construct and template tests: synthesis of one construct in a
// stack of its own, and temporary folders that are removed after the file's tests.
import "cdktf/lib/testing/adapters/jest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Testing } from "cdktf";
import { Construct } from "constructs";
import { JobTemplate, loadTemplate } from "../../stacks/templates/loader";

/**
 * `Testing.synthScope`, minus the temporary out folder its app creates (and
 * never removes): the callback's scope is the stack "stack".
 */
export function synthScope(fn: (scope: Construct) => void): string {
  let outdir: string | undefined;
  try {
    return Testing.synthScope((scope) => {
      outdir = App.of(scope).outdir;
      fn(scope);
    });
  } finally {
    if (outdir !== undefined) {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
}

/** Synthesized one construct alone: the JSON string for the cdktf matchers, and parsed for exact checks. */
export interface Synthesized {
  readonly json: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly tf: any;
}

export function synth(define: (scope: Construct) => void): Synthesized {
  const json = synthScope(define);
  return { json, tf: JSON.parse(json) };
}

/** A RegExp that matches `text` literally, for toThrow on messages quoting user input. */
export function literally(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
}

/** The synthesized JSON, parsed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function synthJson(fn: (scope: Construct) => void): any {
  return JSON.parse(synthScope(fn));
}

/** Temporary folders of one test file; call `removeAll` in afterAll. */
export class TempFolders {
  private readonly folders: string[] = [];

  /** A new folder holding `files` (relative path to content). */
  public make(files: { [relativePath: string]: string } = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "construct-test-"));
    this.folders.push(dir);
    for (const [relative, content] of Object.entries(files)) {
      const target = path.join(dir, relative);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    }
    return dir;
  }

  /**
   * A template loaded as the stack loads it, from `job-definitions/<fileName>`
   * of a new folder. The file stays until `removeAll`: the job definition's
   * asset reads it.
   */
  public template(text: string, fileName = "functionaltest.json"): JobTemplate {
    const dir = this.make({ [`job-definitions/${fileName}`]: text });
    return loadTemplate(path.join(dir, "job-definitions", fileName), `job-definitions/${fileName}`);
  }

  public removeAll(): void {
    for (const dir of this.folders.splice(0)) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** A container-properties template of the article's shape, as lines, for tests that need line numbers. */
export const TEMPLATE_LINES = [
  "{",
  '  "command": [],',
  '  "environment": [{"name": "environment", "value": "${ENV}"}],',
  '  "image": "${BATCH_IMAGE}",',
  '  "jobRoleArn": "${JOB_ROLE_ARN}",',
  '  "executionRoleArn": "${EXECUTION_ROLE_ARN}",',
  '  "vcpus": ${BATCH_VCPUS},',
  '  "memory": ${BATCH_MEMORY}',
  "}",
];

/**
 * The template above with `members` (each one line, e.g. `"timeout": {...}`)
 * added after its last property, from line 9 on.
 */
export function templateWith(...members: string[]): string {
  const lines = [...TEMPLATE_LINES];
  const last = lines.length - 2;
  lines[last] = `${lines[last]},`;
  lines.splice(lines.length - 1, 0, ...members.map((member, index) => `  ${member}${index < members.length - 1 ? "," : ""}`));
  return lines.join("\n");
}
