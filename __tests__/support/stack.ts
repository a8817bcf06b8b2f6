import "cdktf/lib/testing/adapters/jest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Testing } from "cdktf";
import { BatchStack, BatchStackOptions } from "../../stacks/batch-stack";
import { PROJECT_DIR } from "../../dropin/check/project";

export { PROJECT_DIR };
export const UPSTREAM_TEMPLATE = fs.readFileSync(path.join(PROJECT_DIR, "job-definitions", "functionaltest.json"), "utf8");

/** The article's template variant: it reads the RDS password secret as MY_PASSWORD_SECRET_ARN. */
export const SECRET_TEMPLATE = JSON.stringify(
  {
    command: [],
    environment: [{ name: "environment", value: "${ENV}" }],
    secrets: [{ name: "MY_PASSWORD", valueFrom: "${MY_PASSWORD_SECRET_ARN}" }],
    image: "${BATCH_IMAGE}",
    jobRoleArn: "${JOB_ROLE_ARN}",
    executionRoleArn: "${EXECUTION_ROLE_ARN}",
    memory: 1024,
    vcpus: 1,
  },
  null,
  2,
);

const created: string[] = [];
// Every test file that makes temporary folders removes them when it ends.
afterAll(() => {
  for (const dir of created.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A new temporary folder, removed when the test file ends. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/**
 * PATH as on a machine without Terraform (a CI runner that only synthesizes):
 * the folders holding a `terraform` left out, the other programs they hold
 * linked from a folder of their own.
 */
export function pathWithoutTerraform(): string {
  const folders = (process.env.PATH ?? "").split(path.delimiter).filter((folder) => folder !== "");
  const links = tempDir("no-terraform-");
  const kept = folders.map((folder) => {
    if (!fs.existsSync(path.join(folder, "terraform"))) {
      return folder;
    }
    for (const name of fs.readdirSync(folder)) {
      if (name !== "terraform" && !fs.existsSync(path.join(links, name))) {
        fs.symlinkSync(path.join(folder, name), path.join(links, name));
      }
    }
    return links;
  });
  return [...new Set(kept)].join(path.delimiter);
}

/** The synthesized stack as Terraform reads it. */
export interface Synthesized {
  readonly stack: BatchStack;
  /** Testing.synth's JSON string, for cdktf's matchers. */
  readonly json: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly tf: any;
}

export type StackOverrides = Partial<BatchStackOptions>;

/** Synthesizes a BatchStack of `projectDir` (default: this repository) in memory. */
export function synthStack(overrides: StackOverrides = {}, id = "batch"): Synthesized {
  const projectDir = overrides.projectDir ?? PROJECT_DIR;
  const app = new App({ outdir: path.join(projectDir, "cdktf.out"), skipValidation: true });
  Testing.stubVersion(app);
  const stack = new BatchStack(app, id, { projectDir, ...overrides });
  const json = Testing.synth(stack);
  return { stack, json, tf: JSON.parse(json) };
}

/**
 * A throw-away project folder: the upstream template (unless replaced), the
 * given extra files, and no tfvars unless given.
 */
export function tempProject(files: { [relativePath: string]: string } = {}): string {
  const dir = tempDir("batch-project-");
  const all = { "job-definitions/functionaltest.json": UPSTREAM_TEMPLATE, ...files };
  for (const [relative, content] of Object.entries(all)) {
    const target = path.join(dir, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return dir;
}

/** Every `type.name` resource address of a synthesized stack. */
export function resourceAddresses(tf: Synthesized["tf"]): string[] {
  return Object.entries(tf.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName as object).map((name) => `${type}.${name}`),
  );
}

/** Every `data.type.name` address of a synthesized stack. */
export function dataAddresses(tf: Synthesized["tf"]): string[] {
  return Object.entries(tf.data ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName as object).map((name) => `data.${type}.${name}`),
  );
}

/** The main.ts line options are written after (the backend, which every main.ts passes). */
const WIRING_LINE = "backend: backendFromEnvironment(process.env, plan.environment),";

/** `main` (a main.ts's text) passing `options` (TypeScript source of object members) too; throws if main.ts no longer has the line. */
export function mainWithOptions(main: string, options: string): string {
  if (!main.includes(WIRING_LINE)) {
    throw new Error(`main.ts no longer passes \`${WIRING_LINE}\`: update mainWithOptions (__tests__/support/stack.ts)`);
  }
  return main.replace(WIRING_LINE, `${WIRING_LINE}\n    ${options}`);
}
