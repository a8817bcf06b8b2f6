// State as the provider versions teams run wrote it (dropin/check/state-versions.ts):
// what each instance's schema version means before the plan, and the plan
// after the provider's upgraders, through the stand-in.
import * as fs from "fs";
import * as path from "path";
import { FIXTURE_MODULE, exitStatus, formatReport } from "../../../dropin/check/check";
import { MOVED, aws5State, describeChanges, editedState, queueAtVersion1, useUpstreamFixture } from "../../support/dropin";
import { describeWithTerraform } from "../../support/terraform";

jest.setTimeout(120_000);

describeWithTerraform("state as older providers wrote it, and the team's own state", () => {
  const upstream = useUpstreamFixture();

  test("--state with the team's state at aws 5.x schema versions: planned, the upgrades reported, and exit 0", () => {
    const state = aws5State(upstream.statePath, path.join(upstream.check.workFolder("state-aws5"), "terraform.tfstate"));
    const copied = upstream.check.copyState(state);
    const report = upstream.check.plan(upstream.check.synthesize({ modulePath: FIXTURE_MODULE }, copied.statePath), { stateFindings: copied.findings });
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
    const statePath = path.join(upstream.check.workFolder("state-log-group"), "terraform.tfstate");
    const state = JSON.parse(fs.readFileSync(upstream.statePath, "utf8"));
    state.resources.push({
      mode: "managed",
      type: "aws_cloudwatch_log_stream",
      name: "jobs",
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [{ schema_version: 0, attributes: { name: "/aws/batch/job", retention_in_days: 30 } }],
    });
    fs.writeFileSync(statePath, JSON.stringify(state));
    const copied = upstream.check.copyState(statePath);
    const report = upstream.check.plan(upstream.check.synthesize({ modulePath: FIXTURE_MODULE }, copied.statePath), { stateFindings: copied.findings, removed: upstream.check.removed });
    expect(report.changes).toEqual([]);
    expect(report.onlyInModule).toEqual([{ address: "aws_cloudwatch_log_stream.jobs", type: "aws_cloudwatch_log_stream", noFacts: true }]);
    expect(exitStatus(report)).toBe(1);
  });
  const planOnState = (statePath: string) =>
    upstream.check.plan(
      upstream.check.variant(upstream.stackDir, (tf) => {
        tf.terraform.backend = { local: { path: statePath } };
      }),
    );

  test("compute environment at schema version 0 (aws 5.x: compute_environment_name): upgraded in place, no change", () => {
    const state = editedState(
      upstream.statePath,
      path.join(upstream.check.workFolder("ce-v0"), "terraform.tfstate"),
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
      path.join(upstream.check.workFolder("queue-v1"), "terraform.tfstate"),
      "module.batch-example.aws_batch_job_queue.job_queue",
      queueAtVersion1,
    );
    expect(describeChanges(planOnState(state))).toEqual([]);
  });

  test("job queue at schema version 0 (aws < 5.14): the plan fails with the real provider's error", () => {
    const state = editedState(
      upstream.statePath,
      path.join(upstream.check.workFolder("queue-v0"), "terraform.tfstate"),
      "module.batch-example.aws_batch_job_queue.job_queue",
      (instance) => {
        queueAtVersion1(instance);
        instance.schema_version = 0;
      },
    );
    expect(() => planOnState(state)).toThrow(/Error: Value Conversion Error[\s\S]*Struct defines fields not\s+found in object: compute_environments/);
  });
});
