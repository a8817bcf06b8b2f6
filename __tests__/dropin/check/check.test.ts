// The drop-in check (dropin/check/check.ts), as Terraform itself sees it:
// the HCL module (dropin/fixture-module) is applied with the stand-in AWS
// provider, the stack is synthesized with the same variables and templates,
// and `terraform plan` runs on the synthesized folder against the module's
// state (or a team's). What the real provider replaces, how it reads state
// older providers wrote, and what the report says of a team's own copy. The
// command line: __tests__/scripts/check-dropin.test.ts.
import * as fs from "fs";
import * as path from "path";
import { DropinCheck, FIXTURE_MODULE, exitStatus, formatReport, projectTemplatesMissingFrom } from "../../../dropin/check/check";
import { declaredResources, moduleCalls } from "../../../dropin/check/module-read";
import { cloneProject } from "../../../dropin/check/project";
import { MOVED, aws5State, describeChanges, describeKinds, editedState, managedInstances, queueAtVersion1, toAws5Names, upstreamFixture } from "../../support/dropin";
import { tempDir, tempProject } from "../../support/stack";
import { describeWithTerraform } from "../../support/terraform";

jest.setTimeout(120_000);

describeWithTerraform("drop-in: terraform plan of the stack against the HCL module's state", () => {
  let check: DropinCheck;
  let upstream: { statePath: string; stackDir: string };

  beforeAll(() => {
    check = DropinCheck.prepare(FIXTURE_MODULE);
    upstream = upstreamFixture(check);
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

  test("under a tfvars whose allocation strategy is in lower case (the provider validates it ignoring case and upper-cases it): nothing to change", () => {
    const tfvarsFile = path.join(check.workFolder("lower-case"), "lower.tfvars");
    const upstreamValues = fs.readFileSync(path.join(FIXTURE_MODULE, "terraform.tfvars"), "utf8");
    fs.writeFileSync(tfvarsFile, `${upstreamValues.replace(/^allocation_strategy.*$/m, "")}\nallocation_strategy = "spot_capacity_optimized"\n`);
    const options = { modulePath: FIXTURE_MODULE, tfvarsFile };
    const plan = check.plan(check.synthesize(options, check.applyModule(options)));
    expect(describeChanges(plan)).toEqual([]);
  });

  describe("each kind of drift is caught, for the right reason", () => {
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
      const plan = check.plan(variant);
      expect(describeKinds(plan)).toEqual(["new revision aws_batch_job_definition.job-definition"]);
      expect(plan.changes[0].differences).toContainEqual({
        path: "container_properties environment[0].value",
        before: '"test"',
        after: '"myapp"',
      });
    });
  });

  test("Terraform starting the stand-in itself (mirror, go-plugin handshake, mutual TLS) plans the same as the shared process", () => {
    const launched = DropinCheck.prepare(FIXTURE_MODULE, { shared: false });
    try {
      const plan = launched.plan(check.variant(upstream.stackDir, () => undefined));
      const shared = check.plan(upstream.stackDir);
      expect([plan.summaryLine, plan.moved.length, plan.unchanged]).toEqual([shared.summaryLine, shared.moved.length, shared.unchanged]);
    } finally {
      launched.remove();
    }
  });

  test("on the module as teams have it (aws 5-era names): each rewrite listed, and exit 0", () => {
    const aws5 = path.join(check.workFolder("aws5-module"), "module");
    fs.cpSync(FIXTURE_MODULE, aws5, { recursive: true });
    toAws5Names(aws5);
    const before = fs.readFileSync(path.join(aws5, "batch-deployment", "main.tf"), "utf8");
    const statePath = check.applyModule({ modulePath: aws5 });
    const report = check.plan(check.synthesize({ modulePath: aws5 }, statePath), { rewrites: check.rewrites });
    const stdout = formatReport(report);
    expect(exitStatus(report)).toBe(0);
    expect(stdout).toMatch(/  rewrote      compute_environment\.tf:\d+: compute_environment_name = local\.ce_name  ->  name = local\.ce_name/);
    expect(stdout).toMatch(/  rewrote      batch-deployment\/main\.tf:\d+: compute_environments = \[var\.compute_environment_arn\]  ->  /);
    expect(stdout).toMatch(/  rewrote      batch-functional-test\.tf:\d+: .*data\.aws_region\.current\.name.*  ->  .*data\.aws_region\.current\.region/);
    expect(stdout.trim().split("\n").pop()).toBe("Drop-in: no resource to add, change, replace or destroy.");
    // The user's folder is never touched.
    expect(fs.readFileSync(path.join(aws5, "batch-deployment", "main.tf"), "utf8")).toBe(before);
  });

  test("--state with the team's state at aws 5.x schema versions: planned, the upgrades reported, and exit 0", () => {
    const state = aws5State(upstream.statePath, path.join(check.workFolder("state-aws5"), "terraform.tfstate"));
    const copied = check.copyState(state);
    const report = check.plan(check.synthesize({ modulePath: FIXTURE_MODULE }, copied.statePath), { stateFindings: copied.findings });
    const stdout = formatReport(report);
    expect(exitStatus(report)).toBe(0);
    expect(stdout).toContain("Terraform: Plan: 0 to add, 0 to change, 0 to destroy.");
    expect(stdout).toContain(
      "  state        aws_batch_compute_environment.compute-environment (schema version 0): compute_environment_name becomes name",
    );
    expect(stdout).toContain(
      "  state        module.batch-example.aws_batch_job_queue.job_queue (schema version 1): compute_environments becomes compute_environment_order",
    );
    expect(stdout).toContain(`  moved        ${MOVED[1][0]} -> ${MOVED[1][1]}`);
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
});

describeWithTerraform("the real plan's replacements and state upgrades, through the stand-in", () => {
  let check: DropinCheck;
  let upstream: { statePath: string; stackDir: string };

  beforeAll(() => {
    check = DropinCheck.prepare(FIXTURE_MODULE);
    upstream = upstreamFixture(check);
  });
  afterAll(() => check?.remove());

  describe("replacement cascades", () => {
    test("an argument: a changed group description replaces the group, its rule and the compute environment", () => {
      const variant = check.variant(upstream.stackDir, (tf) => {
        tf.resource.aws_security_group["sg-batch"].description = "Allow private subnets";
      });
      expect(describeKinds(check.plan(variant))).toEqual([
        "replace aws_batch_compute_environment.compute-environment (forced by compute_resources[0].security_group_ids)",
        "replace aws_security_group.sg-batch (forced by description)",
        "replace aws_security_group_rule.batch_www_egress_all (forced by security_group_id)",
        "update aws_batch_job_queue.job_queue",
      ]);
    });

    test("instance_type replaces the compute environment (its own service role: never updatable); the queue follows in place", () => {
      const variant = check.variant(upstream.stackDir, (tf) => {
        tf.resource.aws_batch_compute_environment["compute-environment"].compute_resources.instance_type = ["c5"];
      });
      const plan = check.plan(variant);
      expect(describeKinds(plan)).toEqual([
        "replace aws_batch_compute_environment.compute-environment (forced by compute_resources[0].instance_type)",
        "update aws_batch_job_queue.job_queue",
      ]);
      const environment = plan.changes.find((change) => change.address === "aws_batch_compute_environment.compute-environment")!;
      expect(environment.differences).toContainEqual({ path: "compute_resources[0].instance_type[0]", before: '"m4"', after: '"c5"' });
    });

    test("a scoped Spot fleet role name replaces the role, its attachment and the compute environment", () => {
      const variant = check.variant(upstream.stackDir, (tf) => {
        tf.resource.aws_iam_role.AmazonEC2SpotFleetRole.name = "role-test-myapp-batch-spot-fleet";
      });
      expect(describeKinds(check.plan(variant))).toEqual([
        "replace aws_batch_compute_environment.compute-environment (forced by compute_resources[0].spot_iam_fleet_role)",
        "replace aws_iam_role.AmazonEC2SpotFleetRole (forced by name)",
        "replace aws_iam_role_policy_attachment.AmazonEC2SpotFleetRole (forced by role)",
        "update aws_batch_job_queue.job_queue",
      ]);
    });

    test("the updatable rule: with the service-linked role and SPOT_CAPACITY_OPTIMIZED, instance_type is an update", () => {
      const serviceLinkedRole = "arn:aws:iam::123456789012:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch";
      const state = editedState(
        upstream.statePath,
        path.join(check.workFolder("service-linked"), "terraform.tfstate"),
        "aws_batch_compute_environment.compute-environment",
        (instance) => {
          instance.attributes.service_role = serviceLinkedRole;
        },
      );
      const variant = check.variant(upstream.stackDir, (tf) => {
        tf.terraform.backend = { local: { path: state } };
        const environment = tf.resource.aws_batch_compute_environment["compute-environment"];
        environment.service_role = serviceLinkedRole;
        environment.compute_resources.instance_type = ["c5"];
      });
      expect(describeKinds(check.plan(variant))).toEqual(["update aws_batch_compute_environment.compute-environment"]);
    });
  });

  describe("state as the provider versions teams run wrote it", () => {
    const planOnState = (statePath: string) =>
      check.plan(
        check.variant(upstream.stackDir, (tf) => {
          tf.terraform.backend = { local: { path: statePath } };
        }),
      );

    test("compute environment at schema version 0 (aws 5.x: compute_environment_name): upgraded in place, no change", () => {
      const state = editedState(
        upstream.statePath,
        path.join(check.workFolder("ce-v0"), "terraform.tfstate"),
        "aws_batch_compute_environment.compute-environment",
        (instance) => {
          const { name, name_prefix, ...rest } = instance.attributes;
          instance.schema_version = 0;
          instance.attributes = { ...rest, compute_environment_name: name, compute_environment_name_prefix: name_prefix };
        },
      );
      expect(describeChanges(planOnState(state))).toEqual([]);
    });

    test("job queue at schema version 1 (aws 5.14 to 5.x): the single environment gets order 0, no change", () => {
      const state = editedState(
        upstream.statePath,
        path.join(check.workFolder("queue-v1"), "terraform.tfstate"),
        "module.batch-example.aws_batch_job_queue.job_queue",
        queueAtVersion1,
      );
      expect(describeChanges(planOnState(state))).toEqual([]);
    });

    test("job queue at schema version 0 (aws < 5.14): the plan fails with the real provider's error", () => {
      const state = editedState(
        upstream.statePath,
        path.join(check.workFolder("queue-v0"), "terraform.tfstate"),
        "module.batch-example.aws_batch_job_queue.job_queue",
        (instance) => {
          queueAtVersion1(instance);
          instance.schema_version = 0;
        },
      );
      expect(() => planOnState(state)).toThrow(/Error: Value Conversion Error[\s\S]*Struct defines fields not\s+found in object: compute_environments/);
    });
  });

  describe("the provider's validators", () => {
    test("a CIDR block with host bits set fails the plan with the provider's message, at the argument", () => {
      const variant = check.variant(upstream.stackDir, (tf) => {
        tf.resource.aws_security_group_rule.batch_www_egress_all.cidr_blocks = ["10.0.0.1/8"];
      });
      expect(() => check.plan(variant)).toThrow(
        /Error: "10\.0\.0\.1\/8" is not a valid IPv4 CIDR block; did you mean "10\.0\.0\.0\/8"\?[\s\S]*aws_security_group_rule\.batch_www_egress_all/,
      );
    });
  });

  describe("names built from variables", () => {
    test("an IAM role name over 64 characters fails the plan at its precondition, naming the name and its length", () => {
      const variant = check.variant(upstream.stackDir, () => undefined);
      fs.writeFileSync(path.join(variant, "long.auto.tfvars"), 'environment = "production-europe-west"\napplication = "genomics-pipeline"\n');
      expect(() => check.plan(variant)).toThrow(
        /The IAM role name\s+"role-production-europe-west-genomics-pipeline-batch-ecs-task-execution-role"\s+has\s+75\s+characters, and AWS takes at most\s+64/,
      );
    });
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
