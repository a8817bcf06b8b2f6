// The check's report (dropin/check/report.ts) on a team's own copy of the
// module: the rewrites of an aws 5-era module, a module block of another
// name, resources only in the team's module, and templates only in the
// project, with the counts and the exit status the command gives.
import * as fs from "fs";
import * as path from "path";
import { FIXTURE_MODULE, exitStatus, formatReport, projectTemplatesMissingFrom } from "../../../dropin/check/check";
import { declaredResources, moduleCalls } from "../../../dropin/check/module-read";
import { projectWith, toAws5Names, usePreparedCheck } from "../../support/dropin";
import { tempDir, tempProject } from "../../support/stack";
import { describeWithTerraform } from "../../support/terraform";

jest.setTimeout(120_000);

describeWithTerraform("check:dropin on a team's own copy of the module", () => {
  const prepared = usePreparedCheck();

  /** A copy of the fixture module with `edit` applied to its files. */
  test("on the module as teams have it (aws 5-era names): each rewrite listed, and exit 0", () => {
    const aws5 = path.join(prepared.check.workFolder("aws5-module"), "module");
    fs.cpSync(FIXTURE_MODULE, aws5, { recursive: true });
    toAws5Names(aws5);
    const before = fs.readFileSync(path.join(aws5, "batch-deployment", "main.tf"), "utf8");
    const statePath = prepared.check.applyModule({ modulePath: aws5 });
    const report = prepared.check.plan(prepared.check.synthesize({ modulePath: aws5 }, statePath), { rewrites: prepared.check.rewrites });
    const stdout = formatReport(report);
    expect(exitStatus(report)).toBe(0);
    expect(stdout).toMatch(/  rewrote      compute_environment\.tf:\d+: compute_environment_name = local\.ce_name  ->  name = local\.ce_name/);
    expect(stdout).toMatch(/  rewrote      batch-deployment\/main\.tf:\d+: compute_environments = \[var\.compute_environment_arn\]  ->  /);
    expect(stdout).toMatch(/  rewrote      batch-functional-test\.tf:\d+: .*data\.aws_region\.current\.name.*  ->  .*data\.aws_region\.current\.region/);
    expect(stdout.trim().split("\n").pop()).toBe("Drop-in: no resource to add, change, replace or destroy.");
    // The user's folder is never touched.
    expect(fs.readFileSync(path.join(aws5, "batch-deployment", "main.tf"), "utf8")).toBe(before);
  });

  const teamModule = (name: string, edit: (module: string) => void): string => {
    const module = path.join(prepared.check.workFolder(name), "module");
    fs.cpSync(FIXTURE_MODULE, module, { recursive: true });
    edit(module);
    return module;
  };
  const append = (module: string, file: string, text: string) => fs.appendFileSync(path.join(module, file), text);
  /** The whole check (apply, synthesize, plan) on the shared stand-in, as checkDropin runs it. */
  const checkModule = (modulePath: string, projectDir?: string) => {
    const options = { modulePath, projectDir };
    const statePath = prepared.check.applyModule(options);
    return prepared.check.plan(prepared.check.synthesize(options, statePath), {
      rewrites: prepared.check.rewrites,
      declared: declaredResources(modulePath),
      calls: moduleCalls(modulePath),
      removed: prepared.check.removed,
    });
  };
  const renamed = () =>
    teamModule("renamed", (module) => {
      const file = path.join(module, "batch-functional-test.tf");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('module "batch-example"', 'module "batch"'));
    });

  test("a renamed module block: named with the option value that makes the plan a no-op, and exit 1", () => {
    const report = checkModule(renamed());
    const stdout = formatReport(report);
    expect(exitStatus(report)).toBe(1);
    expect(stdout).toContain(
      'Your module block: module "batch" (batch-functional-test.tf:1) holds the job queue and job definition, and this project\'s moved blocks ' +
        'expect module.batch-example, so the plan destroys and creates them. Set moduleAddress: "module.batch" in the options of main.ts',
    );
    expect(stdout).not.toContain("Only in your module");
    expect(stdout.trim().split("\n").pop()).toBe("Drop-in: NOT a drop-in: 2 to add, 0 to update, 0 to replace, 2 to destroy.");
  });


  test("the same module with moduleAddress set in main.ts: the queue and job definition move, and exit 0", () => {
    const project = projectWith(prepared.check, 'moduleAddress: "module.batch",');
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
      append(copy, "logs.tf", 'resource "aws_cloudwatch_log_stream" "jobs" {\n  name           = "nightly"\n  log_group_name = "/aws/batch/job"\n}\n'),
    );
    const report = checkModule(module);
    expect(report.onlyInModule).toEqual([
      { address: "aws_cloudwatch_log_stream.jobs", type: "aws_cloudwatch_log_stream", file: "logs.tf", line: 1, noFacts: true },
    ]);
    expect(formatReport(report)).toContain(
      "  aws_cloudwatch_log_stream.jobs (logs.tf:1): the stand-in provider has no planning facts for aws_cloudwatch_log_stream, so the check took it out of its copy",
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
