// Drop-in, as Terraform itself sees it: the HCL module (test-support/dropin/
// fixture-module) is applied with the stand-in AWS provider, the stack is
// synthesized with the same variables and templates, and `terraform plan` runs
// on the synthesized folder against the module's state.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { DropinCheck, FIXTURE_MODULE, PlanReport } from "../test-support/dropin/check";
import { PROJECT_DIR } from "../test-support/dropin/project";
import { describeWithTerraform } from "./terraform";

jest.setTimeout(120_000);

const MOVED = [
  ["module.batch-example.aws_batch_job_definition.job-definition", "aws_batch_job_definition.job-definition"],
  ["module.batch-example.aws_batch_job_queue.job_queue", "aws_batch_job_queue.job_queue"],
];

/** Every managed resource instance in a state file. */
function managedInstances(statePath: string): number {
  const state = JSON.parse(fs.readFileSync(statePath, "utf8"));
  return state.resources
    .filter((resource: { mode: string }) => resource.mode === "managed")
    .reduce((sum: number, resource: { instances: unknown[] }) => sum + resource.instances.length, 0);
}

function describeChanges(plan: PlanReport): string[] {
  return plan.changes.map((change) => `${change.actions.join("+")} ${change.address} (${change.changedAttributes.join(", ")})`);
}

describeWithTerraform("drop-in: terraform plan of the stack against the HCL module's state", () => {
  let check: DropinCheck;
  let upstream: { statePath: string; stackDir: string };
  const upstreamOptions = { modulePath: FIXTURE_MODULE };

  beforeAll(() => {
    check = DropinCheck.prepare(FIXTURE_MODULE);
    const statePath = check.applyModule(upstreamOptions);
    upstream = { statePath, stackDir: check.synthesize(upstreamOptions, statePath) };
  });
  afterAll(() => check?.remove());

  test("under upstream's terraform.tfvars: nothing to add, change, replace or destroy; two resources move", () => {
    const plan = check.plan(upstream.stackDir);
    expect(describeChanges(plan)).toEqual([]);
    expect(plan.moved.map((move) => [move.previousAddress, move.address])).toEqual(MOVED);
    expect(plan.unchanged + plan.moved.length).toBe(managedInstances(upstream.statePath));
    expect(plan.summaryLine).toBe("Plan: 0 to add, 0 to change, 0 to destroy.");
    // Upstream's 8-vCPU job on a 1-vCPU environment is reported, not refused.
    expect(plan.failedChecks).toEqual([
      expect.stringMatching(/^check\.job_fits_compute_environment: batch_vcpus = 8 is more than max_vcpus = 1:/),
    ]);
  });

  test("under another variable set (every variable changed from upstream's): nothing to change either", () => {
    const tfvarsFile = path.join(check.workFolder("tfvars"), "other.tfvars");
    fs.writeFileSync(
      tfvarsFile,
      [
        'vpc_id = "vpc-0a1b2c3d"',
        'subnet_ids = ["subnet-0aa", "subnet-0bb", "subnet-0cc"]',
        'environment = "prod"',
        'application = "ingest"',
        'owner = "data-team"',
        'batch_name = "nightly"',
        'batch_image = "public.ecr.aws/docker/library/python:3.12"',
        "batch_memory = 2048",
        "batch_vcpus = 2",
        "batch_job_queue_priority = 10",
        'instance_type = ["c5", "m5"]',
        "max_vcpus = 16",
        "min_vcpus = 0",
        "desired_vcpus = 2",
        "bid_percentage = 60",
        'allocation_strategy = "SPOT_PRICE_CAPACITY_OPTIMIZED"',
        "",
      ].join("\n"),
    );
    const options = { modulePath: FIXTURE_MODULE, tfvarsFile };
    const statePath = check.applyModule(options);
    const plan = check.plan(check.synthesize(options, statePath));
    expect(describeChanges(plan)).toEqual([]);
    expect(plan.moved.map((move) => [move.previousAddress, move.address])).toEqual(MOVED);
    expect(plan.unchanged + plan.moved.length).toBe(managedInstances(statePath));
    expect(plan.failedChecks).toEqual([]);
  });

  describe("each kind of drift is caught, for the right reason", () => {
    test("an argument: a changed security group description is an update of that argument only", () => {
      const variant = check.variant(upstream.stackDir, (tf) => {
        tf.resource.aws_security_group["sg-batch"].description = "Allow private subnets";
      });
      expect(describeChanges(check.plan(variant))).toEqual(["update aws_security_group.sg-batch (description)"]);
    });

    test("an address without its moved block: the queue and job definition are destroyed and created again", () => {
      const variant = check.variant(upstream.stackDir, (tf) => {
        delete tf.moved;
      });
      const plan = check.plan(variant);
      expect(plan.changes.map((change) => `${change.actions.join("+")} ${change.address}`).sort()).toEqual([
        "create aws_batch_job_definition.job-definition",
        "create aws_batch_job_queue.job_queue",
        "delete module.batch-example.aws_batch_job_definition.job-definition",
        "delete module.batch-example.aws_batch_job_queue.job_queue",
      ]);
      expect(plan.moved).toEqual([]);
    });

    test("the lifecycle rule: desired_vcpus scaled by AWS is ignored with the rule and reverted without it", () => {
      // AWS Batch moves desired_vcpus as it scales; a refresh records it in the state.
      const state = JSON.parse(fs.readFileSync(upstream.statePath, "utf8"));
      const environment = state.resources.find(
        (resource: { type: string; module?: string }) => resource.type === "aws_batch_compute_environment" && !resource.module,
      );
      environment.instances[0].attributes.compute_resources[0].desired_vcpus = 3;
      const scaledState = path.join(check.workFolder("scaled"), "terraform.tfstate");
      fs.writeFileSync(scaledState, JSON.stringify({ ...state, serial: state.serial + 1 }));
      const onScaledState = (tf: { terraform: { backend: unknown } }) => {
        tf.terraform.backend = { local: { path: scaledState } };
      };

      const withRule = check.plan(check.variant(upstream.stackDir, onScaledState));
      expect(describeChanges(withRule)).toEqual([]);

      const withoutRule = check.plan(
        check.variant(upstream.stackDir, (tf) => {
          onScaledState(tf);
          delete tf.resource.aws_batch_compute_environment["compute-environment"].lifecycle;
        }),
      );
      expect(describeChanges(withoutRule)).toEqual([
        "update aws_batch_compute_environment.compute-environment (compute_resources)",
      ]);
    });

    test("a template variable: ENV rendered from another value changes the container properties", () => {
      const variant = check.variant(upstream.stackDir, (tf) => {
        const definition = tf.resource.aws_batch_job_definition["job-definition"];
        definition.container_properties = definition.container_properties.replace(
          '"ENV" = var.environment',
          '"ENV" = var.application',
        );
      });
      expect(describeChanges(check.plan(variant))).toEqual([
        "update aws_batch_job_definition.job-definition (container_properties)",
      ]);
    });
  });

  describe("npm run check:dropin", () => {
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
      expect(lines).toContain(`  moved      ${MOVED[1][0]} -> ${MOVED[1][1]}`);
      expect(lines).toContain("  outputs the stack adds or changes: batch_job_definition_arn, batch_job_queue_arn");
      expect(lines[lines.length - 1]).toBe("Drop-in: no resource to add, change, replace or destroy.");
    });

    test("on a copy whose security group and job queue differ: each difference, and exit 1", () => {
      const changed = path.join(check.workFolder("changed-module"), "module");
      fs.cpSync(FIXTURE_MODULE, changed, { recursive: true });
      const edit = (file: string, from: string, to: string) => {
        const full = path.join(changed, file);
        fs.writeFileSync(full, fs.readFileSync(full, "utf8").replace(from, to));
      };
      edit("security group.tf", '"Allow Private subnets access batch"', '"Allow private subnets"');
      edit("batch-deployment/main.tf", 'state    = "ENABLED"', 'state    = "DISABLED"');
      const result = checkDropin(changed);
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 1, stderr: "" });
      expect(result.stdout).toContain("Terraform: Plan: 0 to add, 2 to change, 0 to destroy.");
      expect(result.stdout).toContain("  update     aws_batch_job_queue.job_queue (state)");
      expect(result.stdout).toContain("  update     aws_security_group.sg-batch (description)");
      expect(result.stdout.trim().split("\n").pop()).toBe("Drop-in: NOT a drop-in, 2 resource instance(s) would change.");
    });

    test("on a folder that is not a module: exit 2 and why", () => {
      const result = checkDropin(path.join(PROJECT_DIR, "job-definitions"));
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/job-definitions is not a Terraform module folder \(no \.tf file in it\)/);
    });
  });
});
