// `terraform validate`, with the AWS provider's real 6.25.0 schema and
// validators (served by the stand-in), of the stack under combinations of
// the opt-in options that hold every pair of option values at least once
// (all-pairs), plus the defaults and every option at its fullest. Each
// combination is synthesized to its own folder and called as a module of one
// configuration, so a single Terraform run validates them all. Their
// provider and backend blocks are dropped (root-only, and a provider block per
// module would start one provider process each); the root configures the
// provider once. The stack's own root, provider block included, is validated
// by every plan in dropin.test.ts.
import * as fs from "fs";
import * as path from "path";
import { App, DISABLE_STACK_TRACE_IN_METADATA } from "cdktf";
import { BatchStack, BatchStackOptions } from "../../stacks/batch-stack";
import { PROJECT_DIR, bindingsUsedBy } from "../../dropin/check/project";
import { StandinTerraform } from "../../dropin/check/terraform";
import { SECRET_TEMPLATE, UPSTREAM_TEMPLATE, tempDir, tempProject } from "../support/stack";
import { describeWithTerraform } from "../support/terraform";

jest.setTimeout(120_000);

// The defaults first and the fullest last.
/** Options that only wire the stack to its surroundings; their effects are tested where they are read. */
type WiringOption = "projectDir" | "backend" | "tfvarsFile";

/**
 * Every option that shapes the Terraform, with the values it is validated
 * with: a new option of BatchStackOptions fails the type-check until it is
 * listed here (or named a wiring option).
 */
const OPTION_VALUES: { readonly [K in Exclude<keyof BatchStackOptions, WiringOption>]-?: readonly BatchStackOptions[K][] } = {
  primaryTemplate: [undefined, "nightly.json"],
  moduleAddress: [undefined, 'module.batch["eu"]'],
  primaryJobQueue: [undefined, { cancelStuckJobs: ["COMPUTE_ENVIRONMENT_MAX_RESOURCE", "JOB_RESOURCE_REQUIREMENT"] }],
  jobQueues: [
    undefined,
    [
      { name: "high", priority: 10, cancelStuckJobs: ["JOB_RESOURCE_REQUIREMENT"], fairShare: true },
      { name: "low", priority: 0, state: "DISABLED" },
    ],
  ],
  scopedSpotFleetRoleName: [false, true],
  createSpotServiceLinkedRoles: [true, false],
  onDemandFallback: [false, true],
  updatableComputeEnvironment: [false, true],
  computeEnvironmentSwap: [undefined, "add", "drain"],
  egressCidrBlocks: [undefined, ["10.0.0.0/8"]],
  launchTemplate: [undefined, {}],
  imageType: [undefined, "ECS_AL2023"],
  instanceTags: [false, true],
  jobLogs: [false, true],
  alerts: [false, true],
  leastPrivilege: [false, true],
  egressRules: [
    undefined,
    [
      { description: "EFS", protocol: "tcp", port: 2049, cidrBlocks: ["10.0.0.0/16"] },
      { description: "PostgreSQL", protocol: "tcp", port: 5432, securityGroupId: "sg-0123456789abcdef0" },
      { description: "HTTPS", protocol: "tcp", port: 443, cidrBlocks: ["0.0.0.0/0"] },
    ],
  ],
  s3Trigger: [
    undefined,
    {},
    {
      jobDefinition: "nightly",
      deadLetterQueue: true,
      enableBucketEventBridge: false,
      retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 3600 },
    },
  ],
  jobDefinitions: [
    undefined,
    { functionaltest: { moveJobLevelKeys: true } },
    {
      functionaltest: {
        retryStrategy: { attempts: 3, retryOnSpotReclaim: true },
        timeoutSeconds: 600,
        parameters: { day: "today" },
        propagateTags: true,
        separateJobRole: true,
      },
      nightly: { separateJobRole: true, retryStrategy: { attempts: 2 } },
    },
  ],
};

type Combination = Partial<BatchStackOptions>;

const NAMES = Object.keys(OPTION_VALUES) as (keyof typeof OPTION_VALUES)[];
const VALUES = NAMES.map((name) => OPTION_VALUES[name] as readonly unknown[]);

/** Combinations synth accepts: the swap moves onto the updatable environments; egressRules replace egressCidrBlocks. */
function valid(combination: Combination): boolean {
  return (
    (combination.computeEnvironmentSwap === undefined || combination.updatableComputeEnvironment === true) &&
    (combination.egressRules === undefined || combination.egressCidrBlocks === undefined)
  );
}

/** A pair of option values some valid combination holds. */
const acceptablePair = (pair: Combination): boolean => valid({ updatableComputeEnvironment: true, ...pair });

/** A row of value indexes as options. */
function asCombination(row: readonly number[]): Combination {
  return Object.fromEntries(NAMES.map((name, index) => [name, VALUES[index][row[index]]])) as Combination;
}

const pairKey = (left: number, leftValue: number, right: number, rightValue: number): string => `${left}=${leftValue}&${right}=${rightValue}`;

/** The pairs of (option, value index) a row holds, as keys. */
function pairsOf(row: readonly number[]): string[] {
  return row.flatMap((value, left) => row.slice(left + 1).map((other, offset) => pairKey(left, value, left + 1 + offset, other)));
}

/**
 * All-pairs: options interact two at a time (a trigger on a separate job
 * role, a fallback behind a narrowed egress), so every valid pair of values
 * is validated together, in a few combinations instead of the whole product
 * (which no longer fits in memory). Greedy and deterministic, row by row: the
 * defaults, every option at its fullest, then rows each started from the
 * first pair not yet covered, every other option at the value that covers
 * most pairs left.
 */
function combinations(): Combination[] {
  const uncovered = new Set<string>();
  VALUES.forEach((leftValues, left) =>
    VALUES.slice(left + 1).forEach((rightValues, offset) => {
      const right = left + 1 + offset;
      leftValues.forEach((_, a) =>
        rightValues.forEach((_, b) => {
          if (acceptablePair({ [NAMES[left]]: leftValues[a], [NAMES[right]]: rightValues[b] } as Combination)) {
            uncovered.add(pairKey(left, a, right, b));
          }
        }),
      );
    }),
  );
  const rows: number[][] = [VALUES.map(() => 0), VALUES.map((values) => values.length - 1)];
  const updatable = NAMES.indexOf("updatableComputeEnvironment");
  const cidrBlocks = NAMES.indexOf("egressCidrBlocks");
  const take = (row: number[]): void => {
    const combination = asCombination(row);
    if (combination.computeEnvironmentSwap !== undefined) {
      row[updatable] = VALUES[updatable].indexOf(true);
    }
    if (combination.egressRules !== undefined) {
      row[cidrBlocks] = 0;
    }
    rows.push(row);
  };
  for (const row of rows.splice(0)) {
    take(row);
  }
  for (const row of rows) {
    pairsOf(row).forEach((pair) => uncovered.delete(pair));
  }
  while (uncovered.size > 0) {
    const [first] = uncovered;
    const [, left, a, right, b] = /^(\d+)=(\d+)&(\d+)=(\d+)$/.exec(first)!.map(Number);
    const row: (number | undefined)[] = VALUES.map(() => undefined);
    row[left] = a;
    row[right] = b;
    VALUES.forEach((values, option) => {
      if (row[option] !== undefined) {
        return;
      }
      const gain = (value: number) =>
        row.filter((set, other) => set !== undefined && uncovered.has(other < option ? pairKey(other, set, option, value) : pairKey(option, value, other, set))).length;
      row[option] = values.map((_, value) => value).reduce((best, value) => (gain(value) > gain(best) ? value : best), 0);
    });
    take(row as number[]);
    const before = uncovered.size;
    pairsOf(rows[rows.length - 1]).forEach((pair) => uncovered.delete(pair));
    if (uncovered.size === before) {
      uncovered.delete(first); // Only an invalid row holds it.
    }
  }
  return rows.map(asCombination);
}

/** Valid values for the variables that have no default (module calls must set them). */
const REQUIRED_VARIABLES: { readonly [name: string]: unknown } = {
  environment: "test",
  owner: "jparnaudeau",
  subnet_ids: ["subnet-0aa"],
  vpc_id: "vpc-0a1b2c3d",
  batch_name: "functionaltest",
  batch_image: "busybox",
  trigger_bucket_name: "landing-bucket",
};

describeWithTerraform("terraform validate of every combination of options", () => {
  const all = combinations();
  let root: string;
  let terraform: StandinTerraform;

  beforeAll(() => {
    terraform = StandinTerraform.install(bindingsUsedBy(path.join(PROJECT_DIR, "stacks")));
    root = tempDir("batch-combinations-");
    // Upstream's template runs privileged, which leastPrivilege refuses: its combinations get it unprivileged.
    const projectDir = tempProject({
      "job-definitions/nightly.json": SECRET_TEMPLATE,
      "job-definitions/functionaltest.json": UPSTREAM_TEMPLATE.replace('"privileged": true', '"privileged": false'),
    });
    const modules: { [name: string]: unknown } = {};
    all.forEach((options, index) => {
      const outdir = path.join(root, "combinations", String(index));
      fs.mkdirSync(outdir, { recursive: true });
      // skipValidation: cdktf's own checks run `terraform version` once per stack; Terraform validates here.
      const app = new App({ outdir, skipValidation: true, context: { [DISABLE_STACK_TRACE_IN_METADATA]: true } });
      new BatchStack(app, "batch", { projectDir, ...options });
      app.synth();
      const stackDir = path.join(outdir, "stacks", "batch");
      // templatefile() paths are relative to the working directory: the root here.
      fs.cpSync(path.join(stackDir, "assets"), path.join(root, "assets"), { recursive: true });
      const stackFile = path.join(stackDir, "cdk.tf.json");
      const tf = JSON.parse(fs.readFileSync(stackFile, "utf8"));
      delete tf.provider;
      delete tf.terraform.backend;
      fs.writeFileSync(stackFile, JSON.stringify(tf));
      const inputs: { [name: string]: unknown } = {};
      for (const [name, variable] of Object.entries<{ default?: unknown }>(tf.variable)) {
        if (variable.default === undefined) {
          if (!(name in REQUIRED_VARIABLES)) {
            throw new Error(`Variable ${name} has no default; add a valid value for it to REQUIRED_VARIABLES.`);
          }
          inputs[name] = REQUIRED_VARIABLES[name];
        }
      }
      modules[`combination_${index}`] = { source: `./combinations/${index}/stacks/batch`, ...inputs };
    });
    fs.writeFileSync(path.join(root, "main.tf.json"), JSON.stringify({ provider: { aws: { region: "eu-central-1" } }, module: modules }, null, 2));
    terraform.init(root);
  });
  afterAll(() => {
    terraform?.remove();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test("the combinations hold every pair of option values synth accepts, the defaults and every option at its fullest", () => {
    const rowOf = (combination: Combination) => NAMES.map((name, index) => VALUES[index].indexOf(combination[name]));
    const covered = new Set(all.map(rowOf).flatMap(pairsOf));
    // Every pair, checked apart from the generator: a pair synth accepts is one some valid combination holds.
    const missing: string[] = [];
    NAMES.forEach((left, i) =>
      NAMES.slice(i + 1).forEach((right, offset) =>
        VALUES[i].forEach((leftValue, a) =>
          VALUES[i + 1 + offset].forEach((rightValue, b) => {
            const pair = { [left]: leftValue, [right]: rightValue } as Combination;
            if (acceptablePair(pair) && !covered.has(pairKey(i, a, i + 1 + offset, b))) {
              missing.push(`${left}=${JSON.stringify(leftValue)} & ${right}=${JSON.stringify(rightValue)}`);
            }
          }),
        ),
      ),
    );
    expect(missing).toEqual([]);
    expect(all.every(valid)).toBe(true);
    expect(rowOf(all[0])).toEqual(NAMES.map(() => 0));
    // Every option at its fullest, egressCidrBlocks aside (egressRules replace it).
    expect(rowOf(all[1])).toEqual(VALUES.map((values, index) => (NAMES[index] === "egressCidrBlocks" ? 0 : values.length - 1)));
    expect(all.length).toBeLessThan(20);
  });

  test("every combination is valid Terraform for hashicorp/aws 6.25.0", () => {
    const result = terraform.run(root, ["validate", "-json"]);
    const report = JSON.parse(result.stdout);
    const problems = report.diagnostics
      .filter((diagnostic: { severity: string }) => diagnostic.severity === "error")
      .map((diagnostic: { summary: string; detail: string; range?: { filename: string } }) =>
        `${diagnostic.range?.filename ?? ""}: ${diagnostic.summary}: ${diagnostic.detail}`,
      );
    expect(problems).toEqual([]);
    expect(report.valid).toBe(true);
  });

  test("validation can fail: an argument the schema does not have is refused", () => {
    // One combination in a root of its own, with the old aws v5 argument put back.
    const single = fs.mkdtempSync(path.join(root, "single-"));
    fs.cpSync(path.join(root, "combinations", "0"), path.join(single, "combination"), { recursive: true });
    fs.cpSync(path.join(root, "assets"), path.join(single, "assets"), { recursive: true });
    const stackFile = path.join(single, "combination", "stacks", "batch", "cdk.tf.json");
    const tf = JSON.parse(fs.readFileSync(stackFile, "utf8"));
    tf.resource.aws_batch_job_queue.job_queue.compute_environments = ["arn"];
    fs.writeFileSync(stackFile, JSON.stringify(tf));
    const rootConfig = JSON.parse(fs.readFileSync(path.join(root, "main.tf.json"), "utf8"));
    const call = { ...rootConfig.module.combination_0, source: "./combination/stacks/batch" };
    fs.writeFileSync(path.join(single, "main.tf.json"), JSON.stringify({ ...rootConfig, module: { combination_0: call } }));
    terraform.init(single);
    const report = JSON.parse(terraform.run(single, ["validate", "-json"]).stdout);
    expect(report.valid).toBe(false);
    expect(report.diagnostics.map((diagnostic: { detail: string }) => diagnostic.detail)).toEqual([
      'No argument or block type is named "compute_environments".',
    ]);
  });
});
