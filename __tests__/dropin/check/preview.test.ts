// The preview (dropin/check/preview.ts) on the replacement cascades the real
// provider plans for this stack (reference: PROVIDER-FACTS section 5), on a
// state the module made: each hazard named with its way out, and the
// changes that are safe named as such. The command line: __tests__/scripts/preview.test.ts.
import * as fs from "fs";
import * as path from "path";
import { FIXTURE_MODULE } from "../../../dropin/check/check";
import { PreviewError, PreviewReport, formatPreview, previewExitStatus, previewPlan, stateResources } from "../../../dropin/check/preview";
import { projectWith, upstreamFixture, useUpstreamFixture } from "../../support/dropin";
import { tempDir } from "../../support/stack";
import { describeWithTerraform } from "../../support/terraform";

jest.setTimeout(120_000);

const TFVARS = fs.readFileSync(path.join(FIXTURE_MODULE, "terraform.tfvars"), "utf8");
const summary = (report: PreviewReport) => ({
  changes: report.plan.changes.map((change) => `${change.kind} ${change.address}`).sort(),
  hazards: report.hazards.map((hazard) => `${hazard.kind}: ${hazard.address}`).sort(),
  exit: previewExitStatus(report),
});

describe("the state, read before anything is planned", () => {
  const write = (content: string) => {
    const file = path.join(tempDir("preview-state-"), "current.tfstate");
    fs.writeFileSync(file, content);
    return file;
  };

  test("not JSON: refused, naming the file and how to write it again", () => {
    const file = write("not json {\n");
    expect(() => stateResources(file)).toThrow(PreviewError);
    expect(() => stateResources(file)).toThrow(new RegExp(`^--state ${file}: it is not JSON \\(.*\\), so it is no Terraform state\\. Write it again with \`terraform state pull > current.tfstate\`\\.$`));
  });

  test("JSON that is not a state: refused", () => {
    expect(() => stateResources(write('{"resources": {}}'))).toThrow(/: it is JSON but not a Terraform state \(no format version\)\. /);
  });

  test("a state of an older format (version 3): refused, saying which version and how to upgrade it", () => {
    expect(() => stateResources(write('{"version": 3, "modules": []}'))).toThrow(
      /: it is a state of format version 3, and Terraform 0\.12 and later write version 4\. Pull it with the Terraform that runs the stack/,
    );
  });

  test("a resource type the preview cannot plan: refused, naming it and how to leave it out", () => {
    const state = {
      version: 4,
      resources: [
        { mode: "managed", type: "aws_security_group", name: "sg-batch", instances: [{ attributes: {} }] },
        { mode: "managed", type: "aws_cloudwatch_log_stream", name: "jobs", instances: [{ attributes: {} }] },
      ],
    };
    expect(() => stateResources(write(JSON.stringify(state)))).toThrow(
      /holds aws_cloudwatch_log_stream\.jobs, of a type the preview cannot plan .* \(`terraform state rm -state=COPY 'aws_cloudwatch_log_stream\.jobs'`/,
    );
  });

  test("only resources of another kind (a type it cannot plan): another stack's state, not one to trim", () => {
    const state = { version: 4, resources: [{ mode: "managed", type: "aws_s3_bucket", name: "b", instances: [{ attributes: {} }] }] };
    expect(() => stateResources(write(JSON.stringify(state)))).toThrow(/none of its resources \(aws_s3_bucket\.b\) is one of this stack's, so it is another stack's state/);
  });

  test("another stack's state (none of this stack's resources): refused", () => {
    const state = { version: 4, resources: [{ mode: "managed", type: "aws_security_group", name: "web", instances: [{ attributes: {} }] }] };
    expect(() => stateResources(write(JSON.stringify(state)))).toThrow(/none of its resources \(aws_security_group\.web\) is one of this stack's, so it is another stack's state/);
  });

  test("a new stack's empty state: accepted (the plan creates everything)", () => {
    expect(stateResources(write(JSON.stringify({ version: 4, resources: [] })))).toEqual([]);
  });
});

describeWithTerraform("the hazards of the plan, on the module's state", () => {
  const upstream = useUpstreamFixture();

  /** The preview of the stack with upstream's tfvars and these values set, and `change` made to its Terraform. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function previewOf(tfvars: string, change: (tf: any) => void = () => undefined): PreviewReport {
    const stackDir = upstream.check.variant(upstream.stackDir, change);
    const set = tfvars.split("\n").map((line) => line.split("=")[0].trim());
    const kept = TFVARS.split("\n").filter((line) => !set.includes(line.split("=")[0].trim()));
    fs.writeFileSync(path.join(stackDir, "terraform.tfvars"), `${kept.join("\n")}\n${tfvars}\n`);
    return previewPlan(upstream.check, stackDir, { statePath: upstream.statePath, tfvarsFile: "terraform.tfvars" });
  }

  test("instance_type and subnet membership: the environment is replaced while the queue lists it; the way out is the swap", () => {
    const report = previewOf('instance_type = ["c6i.large"]\nsubnet_ids = ["subnet-0aaaa", "subnet-0cccc"]');
    expect(summary(report)).toEqual({
      changes: ["replace aws_batch_compute_environment.compute-environment", "update aws_batch_job_queue.job_queue"],
      hazards: ["environment replaced while queued: aws_batch_compute_environment.compute-environment"],
      exit: 1,
    });
    const [hazard] = report.hazards;
    expect(hazard.what).toBe(
      "is replaced (forced by compute_resources[0].instance_type, compute_resources[0].subnets) while module.batch-example.aws_batch_job_queue.job_queue lists it: " +
        'Terraform deletes it first, and AWS refuses ("Cannot delete, found existing JobQueue relationship") after the provider has disabled it. ' +
        "The apply fails, and the queue is left with a disabled environment.",
    );
    expect(hazard.wayOut).toMatch(/^keep the current value, or move the stack onto updatable environments, .*computeEnvironmentSwap: "add", apply; then "drain"/);
    expect(formatPreview(report)).toContain("Hazards:\n  1. aws_batch_compute_environment.compute-environment is replaced (forced by");
    expect(formatPreview(report).split("\n").pop()).toBe("Preview: 1 hazard (above): 0 to add, 1 to update, 1 to replace, 0 to destroy.");
  });

  test("bid_percentage and allocation_strategy: the same hazard", () => {
    const report = previewOf('bid_percentage = 80\nallocation_strategy = "SPOT_PRICE_CAPACITY_OPTIMIZED"');
    expect(report.hazards.map((hazard) => hazard.what.split(" while ")[0])).toEqual([
      "is replaced (forced by compute_resources[0].allocation_strategy, compute_resources[0].bid_percentage)",
    ]);
  });

  test("the security group's description: group, rule and environment replaced; the environment is the hazard", () => {
    const report = previewOf("", (tf) => {
      tf.resource.aws_security_group["sg-batch"].description = "Batch hosts";
    });
    expect(summary(report)).toEqual({
      changes: [
        "replace aws_batch_compute_environment.compute-environment",
        "replace aws_security_group.sg-batch",
        "replace aws_security_group_rule.batch_www_egress_all",
        "update aws_batch_job_queue.job_queue",
      ],
      hazards: ["environment replaced while queued: aws_batch_compute_environment.compute-environment"],
      exit: 1,
    });
  });

  test("the instance profile's name, and the Spot fleet role's: each replaces the environment too", () => {
    const report = previewOf("", (tf) => {
      tf.resource.aws_iam_instance_profile.batch_instance_profile.name = "role-test-myapp-batch-profile";
      tf.resource.aws_iam_role.AmazonEC2SpotFleetRole.name = "role-test-myapp-batch-spot-fleet";
    });
    expect(summary(report).hazards).toEqual(["environment replaced while queued: aws_batch_compute_environment.compute-environment"]);
    expect(report.hazards[0].what).toMatch(/^is replaced \(forced by compute_resources\[0\]\.instance_role, compute_resources\[0\]\.spot_iam_fleet_role\)/);
    expect(summary(report).changes).toEqual(
      expect.arrayContaining(["replace aws_iam_instance_profile.batch_instance_profile", "replace aws_iam_role.AmazonEC2SpotFleetRole"]),
    );
  });

  test("batch_name: the queue and the job definition are replaced, each a hazard of its own", () => {
    const report = previewOf('batch_name = "nightly"');
    expect(summary(report)).toEqual({
      changes: ["replace aws_batch_job_definition.job-definition", "replace aws_batch_job_queue.job_queue"],
      hazards: ["job definition replaced: aws_batch_job_definition.job-definition", "queue replaced: aws_batch_job_queue.job_queue"],
      exit: 1,
    });
    expect(report.hazards.find((hazard) => hazard.kind === "job definition replaced")?.what).toContain("the provider deregisters every active revision of it");
  });

  test("retry rules on exit added to the job definition: it is replaced, every revision deregistered", () => {
    const report = previewOf("", (tf) => {
      tf.resource.aws_batch_job_definition["job-definition"].retry_strategy = { attempts: 2, evaluate_on_exit: [{ action: "RETRY", on_status_reason: "Host EC2*" }] };
    });
    expect(summary(report).hazards).toEqual(["job definition replaced: aws_batch_job_definition.job-definition"]);
  });

  test("the safe ones: egress narrowed (rule replaced), vCPUs, priority, a new job definition revision: no hazard, exit 0", () => {
    const report = previewOf("max_vcpus = 16\nmin_vcpus = 1\nbatch_job_queue_priority = 5\nbatch_memory = 2048", (tf) => {
      tf.resource.aws_security_group_rule.batch_www_egress_all.cidr_blocks = ["10.0.0.0/8"];
    });
    expect(summary(report)).toEqual({
      changes: [
        "new revision aws_batch_job_definition.job-definition",
        "replace aws_security_group_rule.batch_www_egress_all",
        "update aws_batch_compute_environment.compute-environment",
        "update aws_batch_job_queue.job_queue",
      ],
      hazards: [],
      exit: 0,
    });
    expect(formatPreview(report).split("\n").pop()).toBe("Preview: no hazard: 0 to add, 3 to update (1 a new job definition revision), 1 to replace, 0 to destroy.");
  });

  describe("the swap", () => {
    /** The project with these main.ts options, synthesized against `statePath`. */
    const synthesized = (options: string, statePath: string) => {
      return upstream.check.synthesize({ modulePath: FIXTURE_MODULE, projectDir: projectWith(upstream.check, options) }, statePath);
    };

    test("updatable without the swap: the module's environment destroyed in the apply that takes it out of the queue is the hazard", () => {
      const stackDir = synthesized("updatableComputeEnvironment: true,", upstream.statePath);
      const report = previewPlan(upstream.check, stackDir, { statePath: upstream.statePath, tfvarsFile: "terraform.tfvars" });
      expect(summary(report).hazards).toEqual(["environment destroyed with its queue change: aws_batch_compute_environment.compute-environment"]);
      expect(report.hazards[0].wayOut).toContain('computeEnvironmentSwap: "drain"');
    });

    test('after "add" and "drain": destroying the disabled environment, in no queue, is no hazard; an instance-type change of the updatable one is an update', () => {
      const { statePath } = upstreamFixture(upstream.check);
      for (const phase of ['"add"', '"drain"']) {
        const stackDir = synthesized(`updatableComputeEnvironment: true, computeEnvironmentSwap: ${phase},`, statePath);
        upstream.check.plan(stackDir);
        expect(upstream.check.apply(stackDir).status).toBe(0);
      }
      const final = synthesized("updatableComputeEnvironment: true,", statePath);
      expect(summary(previewPlan(upstream.check, final, { statePath, tfvarsFile: "terraform.tfvars" }))).toEqual({
        changes: ["delete aws_batch_compute_environment.compute-environment"],
        hazards: [],
        exit: 0,
      });
    });
  });
});
