// What the real provider replaces, and how it reads state older providers
// wrote, as plans of the synthesized stack through the stand-in provider
// (its rules: dropin/standin-provider/*-facts.ts).
import * as fs from "fs";
import * as path from "path";
import { DropinCheck, FIXTURE_MODULE } from "../../../dropin/check/check";
import { describeChanges, describeKinds, editedState, queueAtVersion1, upstreamFixture } from "../../support/dropin";
import { describeWithTerraform } from "../../support/terraform";

jest.setTimeout(120_000);

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
