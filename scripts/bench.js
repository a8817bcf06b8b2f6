#!/usr/bin/env node
// npm run bench [-- --runs N]: wall time (median of N runs after one warm-up)
// and peak memory of synthesis and tests on this machine. Prints figures and
// the targets beside them; it passes or fails nothing, the README keeps the
// figures.
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const PROJECT_DIR = path.resolve(__dirname, "..");
const runsArg = process.argv.indexOf("--runs");
const RUNS = Math.max(5, runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5);
const CDKTF = path.join(PROJECT_DIR, "node_modules", ".bin", "cdktf");
const GNU_TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const ENV = { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", FORCE_COLOR: "0" };

/** Temporary projects, removed when the benchmark ends. */
const created = [];
process.on("exit", () => created.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** One run: wall seconds and, with GNU time, peak resident MiB of the largest process. */
function once(command, args, cwd) {
  const started = process.hrtime.bigint();
  const result = GNU_TIME
    ? spawnSync(GNU_TIME, ["-f", "BENCH_MAXRSS_KB=%M", command, ...args], { cwd, env: ENV, encoding: "utf8" })
    : spawnSync(command, args, { cwd, env: ENV, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  }
  const rss = /BENCH_MAXRSS_KB=(\d+)/.exec(result.stderr ?? "");
  return { seconds, mib: rss ? Number(rss[1]) / 1024 : undefined };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function measure(label, command, args, cwd) {
  once(command, args, cwd); // warm-up: file cache, swc's first load
  const samples = Array.from({ length: RUNS }, () => once(command, args, cwd));
  const result = {
    label,
    seconds: median(samples.map((sample) => sample.seconds)),
    mib: samples[0].mib === undefined ? undefined : Math.max(...samples.map((sample) => sample.mib)),
  };
  const memory = result.mib === undefined ? "" : `, peak ${result.mib.toFixed(0)} MiB`;
  console.log(`  ${label.padEnd(44)} ${result.seconds.toFixed(2)} s${memory}`);
  return result;
}

/** A copy of the app's files with `templates` job-definition templates in all. */
function projectWithTemplates(templates) {
  const dir = tempDir("batch-bench-");
  for (const file of ["main.ts", "cdktf.json", "package.json", "terraform.tfvars", "stacks", "scripts", "job-definitions"]) {
    fs.cpSync(path.join(PROJECT_DIR, file), path.join(dir, file), { recursive: true });
  }
  fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(dir, "node_modules"));
  const template = fs.readFileSync(path.join(PROJECT_DIR, "job-definitions", "functionaltest.json"));
  for (let i = 2; i <= templates; i++) {
    fs.writeFileSync(path.join(dir, "job-definitions", `batch-${String(i).padStart(3, "0")}.json`), template);
  }
  return dir;
}

/** The same project with every opt-in option of main.ts switched on. */
function projectWithEveryOption() {
  const dir = projectWithTemplates(1);
  const main = fs.readFileSync(path.join(dir, "main.ts"), "utf8");
  const options = `
    scopedSpotFleetRoleName: true,
    createSpotServiceLinkedRoles: false,
    onDemandFallback: true,
    egressCidrBlocks: ["10.0.0.0/8"],
    s3Trigger: { deadLetterQueue: true, jobQueue: "high", retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 3600 } },
    jobQueues: [
      { name: "high", priority: 10, computeEnvironments: ["spot", "on-demand"], cancelStuckJobs: ["COMPUTE_ENVIRONMENT_MAX_RESOURCE"], fairShare: true },
      { name: "low", priority: 1 },
    ],
    primaryJobQueue: { cancelStuckJobs: ["JOB_RESOURCE_REQUIREMENT"] },
    updatableComputeEnvironment: true,
    computeEnvironmentSwap: "add",
    launchTemplate: {},
    imageType: "ECS_AL2023",
    instanceTags: true,
    jobLogs: true,
    alerts: true,
    jobDefinitions: {
      functionaltest: { retryStrategy: { attempts: 3, retryOnSpotReclaim: true }, timeoutSeconds: 600, parameters: { day: "today" }, propagateTags: true, separateJobRole: true },
    },`;
  const wired = main.replace("backend: backendFromEnvironment(process.env, plan.environment),", (line) => `${line}${options}`);
  if (wired === main) {
    throw new Error("bench: main.ts no longer passes `backend: backendFromEnvironment(...)`; update projectWithEveryOption");
  }
  fs.writeFileSync(path.join(dir, "main.ts"), wired);
  fs.appendFileSync(path.join(dir, "terraform.tfvars"), '\ntrigger_bucket_name = "landing-bucket"\n');
  return dir;
}

/** An app that synthesizes nothing: what `cdktf synth` costs before any app work. */
function emptyApp() {
  const dir = tempDir("batch-bench-floor-");
  fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(dir, "node_modules"));
  fs.writeFileSync(
    path.join(dir, "cdktf.json"),
    JSON.stringify({ language: "typescript", app: "node empty-app.js", sendCrashReports: "false" }),
  );
  fs.writeFileSync(path.join(dir, "empty-app.js"), 'new (require("cdktf").App)().synth();\n');
  return dir;
}

const APP = ["--require", "./scripts/register-ts.js", "main.ts"];

/** The state the fixture module makes (through the stand-in), for the preview to plan against. */
function moduleState() {
  const file = path.join(tempDir("batch-bench-state-"), "module.tfstate");
  const script = [
    `const { DropinCheck, FIXTURE_MODULE } = require(${JSON.stringify(path.join(PROJECT_DIR, "dropin", "check", "check.ts"))});`,
    "const check = DropinCheck.prepare(FIXTURE_MODULE);",
    `require("fs").copyFileSync(check.applyModule({ modulePath: FIXTURE_MODULE }), ${JSON.stringify(file)});`,
    "check.remove();",
  ].join("\n");
  const result = spawnSync("node", ["--require", "./scripts/register-ts.js", "-e", script], { cwd: PROJECT_DIR, env: ENV, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`bench: the fixture module's state could not be made:\n${result.stderr}`);
  }
  return file;
}

console.log(`Benchmark: ${os.cpus().length} cores (${os.cpus()[0].model}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
  `node ${process.version}; median of ${RUNS} runs after one warm-up`);
const one = projectWithTemplates(1);
const full = measure("cdktf synth, full stack", CDKTF, ["synth"], one);
const everything = measure("cdktf synth, every option on", CDKTF, ["synth"], projectWithEveryOption());
const floor = measure("cdktf synth, empty app (CLI floor)", CDKTF, ["synth"], emptyApp());
const npmSynth = measure("npm run synth, full stack", "npm", ["run", "--silent", "synth"], one);
const app1 = measure("app alone, 1 template", "node", APP, one);
const app10 = measure("app alone, 10 templates", "node", APP, projectWithTemplates(10));
const app100 = measure("app alone, 100 templates", "node", APP, projectWithTemplates(100));
const tests = measure("npm test", "npm", ["test", "--silent"], PROJECT_DIR);
// The drop-in harness: the stand-in provider's own tests, the check's plans
// against the HCL module's state and check:dropin end to end (__tests__/dropin/).
const JEST = path.join(PROJECT_DIR, "node_modules", ".bin", "jest");
const HARNESS = fs
  .readdirSync(path.join(PROJECT_DIR, "__tests__", "dropin"), { recursive: true })
  .filter((name) => name.endsWith(".test.ts"))
  .map((name) => path.join("__tests__", "dropin", name));
const harness = measure(`drop-in harness (${HARNESS.length} jest files)`, JEST, HARNESS, PROJECT_DIR);
const dropin = measure("npm run check:dropin, fixture module", "npm", ["run", "--silent", "check:dropin", "--", "dropin/fixture-module"], PROJECT_DIR);
const state = moduleState();
const previewed = measure("npm run preview, the module's state", "npm", ["run", "--silent", "preview", "--", "--state", state, "dropin/fixture-module/terraform.tfvars"], PROJECT_DIR);

const mark = (ok) => (ok ? "met" : "MISSED");
console.log("Targets:");
console.log(`  full synth / CLI floor = ${(full.seconds / floor.seconds).toFixed(2)}x (target <= 1.2x): ${mark(full.seconds <= 1.2 * floor.seconds)}`);
console.log(`  every option on / CLI floor = ${(everything.seconds / floor.seconds).toFixed(2)}x (target <= 1.2x): ${mark(everything.seconds <= 1.2 * floor.seconds)}`);
console.log(`  npm run synth / cdktf synth = ${(npmSynth.seconds / full.seconds).toFixed(2)}x (target <= 0.5x): ${mark(npmSynth.seconds <= 0.5 * full.seconds)}`);
console.log(`  app alone = ${app1.seconds.toFixed(2)} s, ${app1.mib?.toFixed(0) ?? "?"} MiB (target < 0.5 s, < 150 MiB): ` +
  mark(app1.seconds < 0.5 && (app1.mib === undefined || app1.mib < 150)));
console.log(`  100 templates / 1 template = ${(app100.seconds / app1.seconds).toFixed(2)}x (target < 2x): ${mark(app100.seconds < 2 * app1.seconds)}`);
console.log(`  10 templates / 1 template = ${(app10.seconds / app1.seconds).toFixed(2)}x`);
console.log(`  npm test = ${tests.seconds.toFixed(1)} s (target <= 30 s): ${mark(tests.seconds <= 30)}`);
console.log(`  drop-in harness = ${harness.seconds.toFixed(1)} s (target < 60 s): ${mark(harness.seconds < 60)}`);
console.log(`  check:dropin = ${dropin.seconds.toFixed(1)} s (target <= 3 s): ${mark(dropin.seconds <= 3)}`);
console.log(`  preview = ${previewed.seconds.toFixed(1)} s (target <= 3 s): ${mark(previewed.seconds <= 3)}`);
