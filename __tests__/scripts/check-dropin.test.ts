// `npm run check:dropin`, as a user runs it: exit codes 0, 1 and 2, the
// report, --state, --help and the command line's mistakes.
import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import { FIXTURE_MODULE } from "../../dropin/check/check";
import { PROJECT_DIR } from "../../dropin/check/project";
import { MOVED } from "../support/dropin";
import { tempDir } from "../support/stack";
import { describeWithTerraform } from "../support/terraform";

jest.setTimeout(120_000);

describeWithTerraform("npm run check:dropin", () => {
  const folder = (name: string) => path.join(tempDir(`check-dropin-${name}-`), "module");

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
    // The fixture has no backend block: its state is the local file, and the line says how to keep it.
    expect(lines).toContain(
      "State: your module keeps it in a local file (terraform.tfstate in the module folder): synthesize with BATCH_STATE_PATH=<that file, relative to this project's root> npm run synth, and the stack plans on that same state.",
    );
    expect(lines[lines.length - 1]).toBe("Drop-in: no resource to add, change, replace or destroy.");
  });

  test("on a copy whose security group, instance types and job queue differ: each change as the real plan has it, and exit 1", () => {
    const changed = folder("changed");
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


  test("--state with a job queue last written by aws < 5.14: both ways out, naming the queue, and exit 2", () => {
    // The check reads every instance's schema version before it plans: the queue alone, as aws < 5.14 wrote it, is enough.
    const state = path.join(tempDir("check-dropin-state-"), "terraform.tfstate");
    fs.writeFileSync(
      state,
      JSON.stringify({
        version: 4,
        serial: 1,
        lineage: "check-dropin-test",
        resources: [
          {
            module: "module.batch-example",
            mode: "managed",
            type: "aws_batch_job_queue",
            name: "job_queue",
            provider: 'provider["registry.terraform.io/hashicorp/aws"]',
            instances: [{ schema_version: 0, attributes: { name: "queue-test-myapp-functionaltest", compute_environments: ["arn:aws:batch:eu-central-1:123456789012:compute-environment/ce"] } }],
          },
        ],
      }),
    );
    const result = checkDropin(FIXTURE_MODULE, "--state", state);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("module.batch-example.aws_batch_job_queue.job_queue was last written by hashicorp/aws older than 5.14");
    expect(result.stderr).toContain("terraform apply -refresh-only");
    expect(result.stderr).toContain("terraform state rm 'module.batch-example.aws_batch_job_queue.job_queue'");
    expect(result.stderr).toContain("terraform import aws_batch_job_queue.job_queue");
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
    const module = folder("auto-tfvars");
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
