// Copies of this project, synthesized the way the cdktf CLI runs the app.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/** What the app needs to synthesize; node_modules is linked, not copied. */
const APP_FILES = ["main.ts", "cdktf.json", "package.json", "terraform.tfvars", "stacks", "scripts", "job-definitions"];

/**
 * A copy of this project (or of the project in `from`) in `target` (the
 * caller's folder, which it removes), with `files` written over it (a null
 * content removes the file or folder).
 */
export function cloneProject(files: { readonly [file: string]: string | null }, target: string, from: string = PROJECT_DIR): string {
  fs.mkdirSync(target, { recursive: true });
  for (const file of APP_FILES) {
    if (fs.existsSync(path.join(from, file))) {
      fs.cpSync(path.join(from, file), path.join(target, file), { recursive: true });
    }
  }
  fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(target, "node_modules"));
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(target, file);
    if (content === null) {
      fs.rmSync(full, { recursive: true, force: true });
      continue;
    }
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return target;
}

/** Runs the app of the project in `dir` (its cdktf.json `app` command); output goes to `dir`/cdktf.out. */
export function synthesizeProject(dir: string, env: NodeJS.ProcessEnv = {}): string {
  const app = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.json"), "utf8")).app as string;
  const [command, ...args] = app.split(" ");
  const result = spawnSync(command, args, {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: "cdktf.out", ...env },
  });
  if (result.status !== 0) {
    throw new Error(`synth failed in ${dir}:\n${result.stderr}`);
  }
  // A mistake in the project is an error annotation, which the cdktf CLI would print and fail on.
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "manifest.json"), "utf8"));
  const errors = Object.values<{ annotations?: { level: string; message: string }[] }>(manifest.stacks)
    .flatMap((stack) => stack.annotations ?? [])
    .filter((annotation) => annotation.level === "@cdktf/error")
    .map((annotation) => annotation.message);
  if (errors.length > 0) {
    throw new SynthError(errors.join("\n"));
  }
  return path.join(dir, "cdktf.out");
}

/** Every file below `folder` whose name `keep` accepts (`.terraform` folders skipped). */
export function listFiles(folder: string, keep: (name: string) => boolean = () => true): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      return entry.name === ".terraform" ? [] : listFiles(full, keep);
    }
    return keep(entry.name) ? [full] : [];
  });
}

/** The .tf files of a module and its child module folders, in path order. */
export function tfFiles(folder: string): string[] {
  return listFiles(folder, (name) => name.endsWith(".tf")).sort((a, b) => a.localeCompare(b));
}

/** The @cdktf/provider-aws bindings the project's stacks import. */
export function bindingsUsedBy(folder: string): string[] {
  const names = new Set<string>();
  for (const file of listFiles(folder, (name) => name.endsWith(".ts"))) {
    for (const match of fs.readFileSync(file, "utf8").matchAll(/@cdktf\/provider-aws\/lib\/([a-z0-9-]+)/g)) {
      names.add(match[1]);
    }
  }
  return [...names].sort();
}

/** The project did not synthesize: the messages cdktf synth would print. */
export class SynthError extends Error {}
