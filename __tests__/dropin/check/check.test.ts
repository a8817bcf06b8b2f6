// The drop-in check (dropin/check/upstream.check.ts), as Terraform itself sees it:
// the HCL module (dropin/fixture-module) is applied with the stand-in AWS
// provider, the stack is synthesized with the same variables and templates,
// and `terraform plan` runs on the synthesized folder against the module's
// state: no change, each kind of drift caught for the right reason, and what
// the real provider replaces. State from older providers:
// state-versions.test.ts; the report on a team's own copy: report.test.ts;
// the command line: __tests__/scripts/check-dropin.test.ts.
import * as fs from "fs";
import * as path from "path";
import { DropinCheck, FIXTURE_MODULE } from "../../../dropin/check/check";
import { MOVED, describeChanges, describeKinds, editedState, managedInstances, useUpstreamFixture } from "../../support/dropin";
import { describeWithTerraform } from "../../support/terraform";

jest.setTimeout(120_000);

describeWithTerraform("drop-in: terraform plan of the stack against the HCL module's state", () => {
  const upstream = useUpstreamFixture();

  test("under upstream's terraform.tfvars: nothing to add, change, replace or destroy; two resources move", () => {
    const plan = upstream.check.plan(upstream.stackDir);
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
    const tfvarsFile = path.join(upstream.check.workFolder("tfvars"), "other.tfvars");
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
    const statePath = upstream.check.applyModule(options);
    const plan = upstream.check.plan(upstream.check.synthesize(options, statePath));
    expect(describeChanges(plan)).toEqual([]);
    expect(plan.moved.map((move) => [move.previousAddress, move.address])).toEqual(MOVED);
    expect(plan.unchanged + plan.moved.length).toBe(managedInstances(statePath));
    expect(plan.failedChecks).toEqual([]);
  });

  test("under a tfvars whose allocation strategy is in lower case (the provider validates it ignoring case and upper-cases it): nothing to change", () => {
    const tfvarsFile = path.join(upstream.check.workFolder("lower-case"), "lower.tfvars");
    const upstreamValues = fs.readFileSync(path.join(FIXTURE_MODULE, "terraform.tfvars"), "utf8");
    fs.writeFileSync(tfvarsFile, `${upstreamValues.replace(/^allocation_strategy.*$/m, "")}\nallocation_strategy = "spot_capacity_optimized"\n`);
    const options = { modulePath: FIXTURE_MODULE, tfvarsFile };
    const plan = upstream.check.plan(upstream.check.synthesize(options, upstream.check.applyModule(options)));
    expect(describeChanges(plan)).toEqual([]);
  });

  describe("each kind of drift is caught, for the right reason", () => {
    test("an address without its moved block: the queue and job definition are destroyed and created again", () => {
      const variant = upstream.check.variant(upstream.stackDir, (tf) => {
        delete tf.moved;
      });
      const plan = upstream.check.plan(variant);
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
      const scaledState = path.join(upstream.check.workFolder("scaled"), "terraform.tfstate");
      fs.writeFileSync(scaledState, JSON.stringify({ ...state, serial: state.serial + 1 }));
      const onScaledState = (tf: { terraform: { backend: unknown } }) => {
        tf.terraform.backend = { local: { path: scaledState } };
      };

      const withRule = upstream.check.plan(upstream.check.variant(upstream.stackDir, onScaledState));
      expect(describeChanges(withRule)).toEqual([]);

      const withoutRule = upstream.check.plan(
        upstream.check.variant(upstream.stackDir, (tf) => {
          onScaledState(tf);
          delete tf.resource.aws_batch_compute_environment["compute-environment"].lifecycle;
        }),
      );
      expect(describeChanges(withoutRule)).toEqual([
        "update aws_batch_compute_environment.compute-environment (compute_resources)",
      ]);
    });

    test("a template variable: ENV rendered from another value changes the container properties", () => {
      const variant = upstream.check.variant(upstream.stackDir, (tf) => {
        const definition = tf.resource.aws_batch_job_definition["job-definition"];
        definition.container_properties = definition.container_properties.replace(
          '"ENV" = var.environment',
          '"ENV" = var.application',
        );
      });
      const plan = upstream.check.plan(variant);
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
      const plan = launched.plan(upstream.check.variant(upstream.stackDir, () => undefined));
      const shared = upstream.check.plan(upstream.stackDir);
      expect([plan.summaryLine, plan.moved.length, plan.unchanged]).toEqual([shared.summaryLine, shared.moved.length, shared.unchanged]);
    } finally {
      launched.remove();
    }
  });

  describe("replacement cascades", () => {
    test("an argument: a changed group description replaces the group, its rule and the compute environment", () => {
      const variant = upstream.check.variant(upstream.stackDir, (tf) => {
        tf.resource.aws_security_group["sg-batch"].description = "Allow private subnets";
      });
      expect(describeKinds(upstream.check.plan(variant))).toEqual([
        "replace aws_batch_compute_environment.compute-environment (forced by compute_resources[0].security_group_ids)",
        "replace aws_security_group.sg-batch (forced by description)",
        "replace aws_security_group_rule.batch_www_egress_all (forced by security_group_id)",
        "update aws_batch_job_queue.job_queue",
      ]);
    });

    test("instance_type replaces the compute environment (its own service role: never updatable); the queue follows in place", () => {
      const variant = upstream.check.variant(upstream.stackDir, (tf) => {
        tf.resource.aws_batch_compute_environment["compute-environment"].compute_resources.instance_type = ["c5"];
      });
      const plan = upstream.check.plan(variant);
      expect(describeKinds(plan)).toEqual([
        "replace aws_batch_compute_environment.compute-environment (forced by compute_resources[0].instance_type)",
        "update aws_batch_job_queue.job_queue",
      ]);
      const environment = plan.changes.find((change) => change.address === "aws_batch_compute_environment.compute-environment")!;
      expect(environment.differences).toContainEqual({ path: "compute_resources[0].instance_type[0]", before: '"m4"', after: '"c5"' });
    });

    test("a scoped Spot fleet role name replaces the role, its attachment and the compute environment", () => {
      const variant = upstream.check.variant(upstream.stackDir, (tf) => {
        tf.resource.aws_iam_role.AmazonEC2SpotFleetRole.name = "role-test-myapp-batch-spot-fleet";
      });
      expect(describeKinds(upstream.check.plan(variant))).toEqual([
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
        path.join(upstream.check.workFolder("service-linked"), "terraform.tfstate"),
        "aws_batch_compute_environment.compute-environment",
        (instance) => {
          instance.attributes.service_role = serviceLinkedRole;
        },
      );
      const variant = upstream.check.variant(upstream.stackDir, (tf) => {
        tf.terraform.backend = { local: { path: state } };
        const environment = tf.resource.aws_batch_compute_environment["compute-environment"];
        environment.service_role = serviceLinkedRole;
        environment.compute_resources.instance_type = ["c5"];
      });
      expect(describeKinds(upstream.check.plan(variant))).toEqual(["update aws_batch_compute_environment.compute-environment"]);
    });
  });

  describe("the provider's validators", () => {
    test("a CIDR block with host bits set fails the plan with the provider's message, at the argument", () => {
      const variant = upstream.check.variant(upstream.stackDir, (tf) => {
        tf.resource.aws_security_group_rule.batch_www_egress_all.cidr_blocks = ["10.0.0.1/8"];
      });
      expect(() => upstream.check.plan(variant)).toThrow(
        /Error: "10\.0\.0\.1\/8" is not a valid IPv4 CIDR block; did you mean "10\.0\.0\.0\/8"\?[\s\S]*aws_security_group_rule\.batch_www_egress_all/,
      );
    });
  });

  describe("names built from variables", () => {
    test("an IAM role name over 64 characters fails the plan at its precondition, naming the name and its length", () => {
      const variant = upstream.check.variant(upstream.stackDir, () => undefined);
      fs.writeFileSync(path.join(variant, "long.auto.tfvars"), 'environment = "production-europe-west"\napplication = "genomics-pipeline"\n');
      expect(() => upstream.check.plan(variant)).toThrow(
        /The IAM role name\s+"role-production-europe-west-genomics-pipeline-batch-ecs-task-execution-role"\s+has\s+75\s+characters, and AWS takes at most\s+64/,
      );
    });
  });
});
