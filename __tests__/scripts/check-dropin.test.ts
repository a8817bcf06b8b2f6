// `npm run check:dropin`, as a user runs it: exit codes, the report, the
// aws 5-era module, --state and --help.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { DropinCheck, FIXTURE_MODULE, exitStatus, formatReport, projectTemplatesMissingFrom } from "../../dropin/check/check";
import { declaredResources, moduleCalls } from "../../dropin/check/module-read";
import { PROJECT_DIR, cloneProject } from "../../dropin/check/project";
import { MOVED, aws5State, editedState, queueAtVersion1, toAws5Names, upstreamFixture } from "../support/dropin";
import { tempDir, tempProject } from "../support/stack";
import { describeWithTerraform } from "../support/terraform";

jest.setTimeout(120_000);

describeWithTerraform("npm run check:dropin", () => {
  let check: DropinCheck;
  let upstream: { statePath: string; stackDir: string };

  beforeAll(() => {
    check = DropinCheck.prepare(FIXTURE_MODULE);
    upstream = upstreamFixture(check);
  });
  afterAll(() => check?.remove());

  const checkDropin = (...args: string[]) =>
    spawnSync(process.execPath, ["--require", path.join(PROJECT_DIR, "scripts", "register-ts.js"), "scripts/check-dropin.ts", ...args], {
      cwd: PROJECT_DIR,
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CHECKPOINT_DISABLE: "1" },
    });

  test("on the fixture module: the plan summary, the moves, and exit 0", () => {
    const result = checkDropin(FIXTURE_MODULE);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toBe("Terraform: Plan: 0 to add, 0 to change, 0 to destroy.");
    expect(lines).toContain(`  moved        ${MOVED[1][0]} -> ${MOVED[1][1]}`);
    expect(lines).toContain("  outputs the stack adds or changes: batch_job_definition_arn, batch_job_queue_arn");
    expect(lines[lines.length - 1]).toBe("Drop-in: no resource to add, change, replace or destroy.");
  });

  test("on a copy whose security group, instance types and job queue differ: each change as the real plan has it, and exit 1", () => {
    const changed = path.join(check.workFolder("changed-module"), "module");
    fs.cpSync(FIXTURE_MODULE, changed, { recursive: true });
    const edit = (file: string, from: string, to: string) => {
      const full = path.join(changed, file);
      fs.writeFileSync(full, fs.readFileSync(full, "utf8").replace(from, to));
    };
    edit("security group.tf", '"Allow Private subnets access batch"', '"Allow private subnets"');
    edit("compute_environment.tf", "instance_type       = var.instance_type", 'instance_type       = ["c5"]');
    edit("batch-deployment/main.tf", 'state    = "ENABLED"', 'state    = "DISABLED"');
    const result = checkDropin(changed);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 1, stderr: "" });
    expect(result.stdout).toContain("Terraform: Plan: 3 to add, 1 to change, 3 to destroy.");
    expect(result.stdout).toContain("  replace      aws_security_group.sg-batch (forced by description)");
    expect(result.stdout).toContain('                 description: "Allow private subnets" -> "Allow Private subnets access batch"');
    expect(result.stdout).toMatch(
      /  replace      aws_batch_compute_environment\.compute-environment \(forced by [^)]*compute_resources\[0\]\.instance_type/,
    );
    expect(result.stdout).toContain('                 compute_resources[0].instance_type[0]: "c5" -> "m4"');
    expect(result.stdout).toContain("  update       aws_batch_job_queue.job_queue");
    expect(result.stdout).toContain('                 state: "DISABLED" -> "ENABLED"');
    expect(result.stdout.trim().split("\n").pop()).toBe("Drop-in: NOT a drop-in: 0 to add, 1 to update, 3 to replace, 0 to destroy.");
  });

  test("on the module as teams have it (aws 5-era names): each rewrite listed, and exit 0", () => {
    const aws5 = path.join(check.workFolder("aws5-module"), "module");
    fs.cpSync(FIXTURE_MODULE, aws5, { recursive: true });
    toAws5Names(aws5);
    const before = fs.readFileSync(path.join(aws5, "batch-deployment", "main.tf"), "utf8");
    const result = checkDropin(aws5);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
    expect(result.stdout).toMatch(/  rewrote      compute_environment\.tf:\d+: compute_environment_name = local\.ce_name  ->  name = local\.ce_name/);
    expect(result.stdout).toMatch(/  rewrote      batch-deployment\/main\.tf:\d+: compute_environments = \[var\.compute_environment_arn\]  ->  /);
    expect(result.stdout).toMatch(/  rewrote      batch-functional-test\.tf:\d+: .*data\.aws_region\.current\.name.*  ->  .*data\.aws_region\.current\.region/);
    expect(result.stdout.trim().split("\n").pop()).toBe("Drop-in: no resource to add, change, replace or destroy.");
    // The user's folder is never touched.
    expect(fs.readFileSync(path.join(aws5, "batch-deployment", "main.tf"), "utf8")).toBe(before);
  });

  test("--state with a job queue last written by aws < 5.14: both ways out, naming the queue, and exit 2", () => {
    const state = editedState(
      upstream.statePath,
      path.join(check.workFolder("state-v0"), "terraform.tfstate"),
      "module.batch-example.aws_batch_job_queue.job_queue",
      (instance) => {
        queueAtVersion1(instance);
        instance.schema_version = 0;
      },
    );
    const result = checkDropin(FIXTURE_MODULE, "--state", state);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("module.batch-example.aws_batch_job_queue.job_queue was last written by hashicorp/aws older than 5.14");
    expect(result.stderr).toContain("terraform apply -refresh-only");
    expect(result.stderr).toContain("terraform state rm 'module.batch-example.aws_batch_job_queue.job_queue'");
    expect(result.stderr).toContain("terraform import aws_batch_job_queue.job_queue");
  });

  test("--state with the team's state at aws 5.x schema versions: planned, the upgrades reported, and exit 0", () => {
    const state = aws5State(upstream.statePath, path.join(check.workFolder("state-aws5"), "terraform.tfstate"));
    const result = checkDropin(FIXTURE_MODULE, "--state", state);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
    expect(result.stdout).toContain("Terraform: Plan: 0 to add, 0 to change, 0 to destroy.");
    expect(result.stdout).toContain(
      "  state        aws_batch_compute_environment.compute-environment (schema version 0): compute_environment_name becomes name",
    );
    expect(result.stdout).toContain(
      "  state        module.batch-example.aws_batch_job_queue.job_queue (schema version 1): compute_environments becomes compute_environment_order",
    );
    expect(result.stdout).toContain(`  moved        ${MOVED[1][0]} -> ${MOVED[1][1]}`);
  });

  test("--state holding a resource type the stand-in has no facts for: taken out of the state copy and listed", () => {
    const statePath = path.join(check.workFolder("state-log-group"), "terraform.tfstate");
    const state = JSON.parse(fs.readFileSync(upstream.statePath, "utf8"));
    state.resources.push({
      mode: "managed",
      type: "aws_cloudwatch_log_group",
      name: "jobs",
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [{ schema_version: 0, attributes: { name: "/aws/batch/job", retention_in_days: 30 } }],
    });
    fs.writeFileSync(statePath, JSON.stringify(state));
    const copied = check.copyState(statePath);
    const report = check.plan(check.synthesize({ modulePath: FIXTURE_MODULE }, copied.statePath), { stateFindings: copied.findings, removed: check.removed });
    expect(report.changes).toEqual([]);
    expect(report.onlyInModule).toEqual([{ address: "aws_cloudwatch_log_group.jobs", type: "aws_cloudwatch_log_group", noFacts: true }]);
    expect(exitStatus(report)).toBe(1);
  });

  test("--help: the usage, and exit 0", () => {
    const result = checkDropin("--help");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run check:dropin -- <module> \[tfvars\] \[--state FILE\]/);
  });

  test.each([
    [["--state="], /--state needs a state file/],
    [["--state", "--help"], /--state needs a state file/],
    [["--state", "a.tfstate", "--state", "b.tfstate"], /--state is given twice/],
    [["--bogus"], /unknown option --bogus/],
    [["a", "b", "c"], /too many arguments: c/],
    [["/nonexistent-module"], /the module folder \/nonexistent-module does not exist/],
  ])("command line %j: exit 2 and one line saying what to change", (args, message) => {
    const result = checkDropin(...(args as string[]).map((arg) => (arg.endsWith(".tfstate") ? path.join(PROJECT_DIR, arg) : arg)));
    expect(result.status).toBe(2);
    expect(result.stderr.split("\n")[0]).toMatch(message);
  });

  test("--state naming a folder: exit 2, naming it", () => {
    const result = checkDropin(FIXTURE_MODULE, "--state", PROJECT_DIR);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      `check:dropin: the state file ${PROJECT_DIR} is not a file; write one with \`terraform state pull > terraform.tfstate\`.`,
    );
  });

  test("a module with *.auto.tfvars (values the project would not read): exit 2 and how to merge them", () => {
    const module = path.join(check.workFolder("auto-tfvars"), "module");
    fs.cpSync(FIXTURE_MODULE, module, { recursive: true });
    fs.writeFileSync(path.join(module, "sizing.auto.tfvars"), "max_vcpus = 4\n");
    const result = checkDropin(module);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("the module has sizing.auto.tfvars, which Terraform loads for the module but this project does not read");
  });

  test("on a folder that is not a module: exit 2 and why", () => {
    const result = checkDropin(path.join(PROJECT_DIR, "job-definitions"));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/job-definitions is not a Terraform module folder \(no \.tf file in it\)/);
  });
});

describeWithTerraform("check:dropin on a team's own copy of the module", () => {
  let check: DropinCheck;
  beforeAll(() => {
    check = DropinCheck.prepare(FIXTURE_MODULE);
  });
  afterAll(() => check?.remove());

  /** A copy of the fixture module with `edit` applied to its files. */
  const teamModule = (name: string, edit: (module: string) => void): string => {
    const module = path.join(check.workFolder(name), "module");
    fs.cpSync(FIXTURE_MODULE, module, { recursive: true });
    edit(module);
    return module;
  };
  const append = (module: string, file: string, text: string) => fs.appendFileSync(path.join(module, file), text);
  /** The whole check (apply, synthesize, plan) on the shared stand-in, as checkDropin runs it. */
  const checkModule = (modulePath: string, projectDir?: string) => {
    const options = { modulePath, projectDir };
    const statePath = check.applyModule(options);
    return check.plan(check.synthesize(options, statePath), {
      rewrites: check.rewrites,
      declared: declaredResources(modulePath),
      calls: moduleCalls(modulePath),
      removed: check.removed,
    });
  };
  const renamed = () =>
    teamModule("renamed", (module) => {
      const file = path.join(module, "batch-functional-test.tf");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('module "batch-example"', 'module "batch"'));
    });

  test("a renamed module block: named with the option value that makes the plan a no-op, and exit 1", () => {
    const result = spawnSync(process.execPath, ["--require", path.join(PROJECT_DIR, "scripts", "register-ts.js"), "scripts/check-dropin.ts", renamed()], {
      cwd: PROJECT_DIR,
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CHECKPOINT_DISABLE: "1" },
    });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 1, stderr: "" });
    expect(result.stdout).toContain(
      'Your module block: module "batch" (batch-functional-test.tf:1) holds the job queue and job definition, and this project\'s moved blocks ' +
        'expect module.batch-example, so the plan destroys and creates them. Set moduleAddress: "module.batch" in the options of main.ts',
    );
    expect(result.stdout).not.toContain("Only in your module");
    expect(result.stdout.trim().split("\n").pop()).toBe("Drop-in: NOT a drop-in: 2 to add, 0 to update, 0 to replace, 2 to destroy.");
  });

  test("the same module with moduleAddress set in main.ts: the queue and job definition move, and exit 0", () => {
    const project = cloneProject({}, path.join(check.workFolder("team-project"), "project"));
    const main = path.join(project, "main.ts");
    fs.writeFileSync(main, fs.readFileSync(main, "utf8").replace("backend: backendFromEnvironment(process.env, plan.environment),", '$&\n    moduleAddress: "module.batch",'));
    const report = checkModule(renamed(), project);
    expect(report.moved.map((move) => move.previousAddress)).toEqual(["module.batch.aws_batch_job_definition.job-definition", "module.batch.aws_batch_job_queue.job_queue"]);
    expect(report.moduleBlock).toBeUndefined();
    expect(exitStatus(report)).toBe(0);
  });

  test("a rule the team added: listed as only in the module, with where it is and the ways out, and counted as a destroy", () => {
    const module = teamModule("added-rule", (copy) =>
      append(
        copy,
        "security group.tf",
        '\nresource "aws_security_group_rule" "ssh_in" {\n  type              = "ingress"\n  from_port         = 22\n  to_port           = 22\n' +
          '  protocol          = "tcp"\n  cidr_blocks       = ["10.0.0.0/8"]\n  security_group_id = aws_security_group.sg-batch.id\n}\n',
      ),
    );
    const line = fs.readFileSync(path.join(module, "security group.tf"), "utf8").split("\n").indexOf('resource "aws_security_group_rule" "ssh_in" {') + 1;
    const report = checkModule(module);
    expect(report.onlyInModule).toEqual([
      { address: "aws_security_group_rule.ssh_in", type: "aws_security_group_rule", file: "security group.tf", line, noFacts: false },
    ]);
    const text = formatReport(report);
    expect(text).toContain(`Only in your module (this project does not declare them, so the plan destroys them):\n  aws_security_group_rule.ssh_in (security group.tf:${line})\n`);
    expect(text).toContain("terraform state rm '<address>'");
    expect(text).toContain("declare it beside the stack in main.ts at the same address");
    expect(text.split("\n").pop()).toBe("Drop-in: NOT a drop-in: 0 to add, 0 to update, 0 to replace, 1 to destroy.");
    expect(exitStatus(report)).toBe(1);
  });

  test("a resource type the stand-in has no facts for (a log group): taken out of the copy and listed, not an exit 2", () => {
    const module = teamModule("log-group", (copy) =>
      append(copy, "logs.tf", 'resource "aws_cloudwatch_log_group" "jobs" {\n  name              = "/aws/batch/job"\n  retention_in_days = 30\n}\n'),
    );
    const report = checkModule(module);
    expect(report.onlyInModule).toEqual([
      { address: "aws_cloudwatch_log_group.jobs", type: "aws_cloudwatch_log_group", file: "logs.tf", line: 1, noFacts: true },
    ]);
    expect(formatReport(report)).toContain(
      "  aws_cloudwatch_log_group.jobs (logs.tf:1): the stand-in provider has no planning facts for aws_cloudwatch_log_group, so the check took it out of its copy",
    );
    expect(formatReport(report).split("\n").pop()).toBe("Drop-in: NOT a drop-in: 0 to add, 0 to update, 0 to replace, 1 to destroy.");
    expect(exitStatus(report)).toBe(1);
  });
});

describe("templates the module does not have (migration step 1)", () => {
  test("are listed: a synth of the project as it stands would add a job definition for each", () => {
    // The module names its template main.json (in upstream's misspelled folder); the project still ships functionaltest.json.
    const module = tempDir("module-");
    fs.mkdirSync(path.join(module, "job-defintions"));
    fs.writeFileSync(path.join(module, "job-defintions", "main.json"), "{}");
    const project = tempProject({ "job-definitions/main.json": "{}" });
    expect(projectTemplatesMissingFrom(module, project)).toEqual(["functionaltest.json"]);
  });

  test("the report says so, and what to do, and the check does not pass", () => {
    const report = formatReport({
      summaryLine: "No changes.",
      changes: [],
      moved: [],
      unchanged: 16,
      outputChanges: [],
      failedChecks: [],
      rewrites: [],
      stateFindings: [],
      extraTemplates: ["functionaltest.json"],
      onlyInModule: [],
      planText: "",
    });
    expect(report).toContain("job-definitions/functionaltest.json is in this project but not in your module");
    expect(report.split("\n").pop()).toBe(
      "Drop-in: with your module's templates only, no resource would change; remove the extra template(s) above first.",
    );
  });
});
