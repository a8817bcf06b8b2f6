// leastPrivilege (stacks/features/least-privilege.ts): what it narrows, and
// the policies as IAM evaluates them: Terraform renders the policy (a plan
// through the stand-in), @cloud-copilot/iam-simulate decides requests on it.
import * as fs from "fs";
import * as path from "path";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { FIXTURE_MODULE } from "../../../dropin/check/check";
import { describeKinds, emptyState, projectWith, upstreamFixture, usePreparedCheck } from "../../support/dropin";
import { UPSTREAM_TEMPLATE, synthStack, tempProject } from "../../support/stack";
import { describeWithTerraform } from "../../support/terraform";

jest.setTimeout(120_000);

const UNPRIVILEGED = UPSTREAM_TEMPLATE.replace('"privileged": true', '"privileged": false');
const unprivileged = () => tempProject({ "job-definitions/functionaltest.json": UNPRIVILEGED });
const ACCOUNT = "123456789012";

describe("leastPrivilege: what it emits", () => {
  test("off by default: the module's grants (the policy as upstream writes it, the execution role trusted by two services)", () => {
    const { tf } = synthStack();
    expect(JSON.parse(tf.resource.aws_iam_policy["batch-additional-policy"].policy).Statement[0].Action).toEqual(["s3:Put*", "s3:Get*", "s3:List*"]);
    expect(tf.data?.aws_caller_identity).toBeUndefined();
  });

  test("the execution role trusted by ecs-tasks.amazonaws.com only, for this account; the Batch service role for this account", () => {
    const { tf } = synthStack({ projectDir: unprivileged(), leastPrivilege: true });
    const trust = JSON.parse(tf.resource.aws_iam_role.batch_ecs_task_execution_role.assume_role_policy).Statement;
    expect(trust).toEqual([
      {
        Action: "sts:AssumeRole",
        Effect: "Allow",
        Principal: { Service: "ecs-tasks.amazonaws.com" },
        Condition: { StringEquals: { "aws:SourceAccount": "${data.aws_caller_identity.current_account.account_id}" } },
      },
    ]);
    expect(tf.data.aws_iam_policy_document["instance-assume-role-batch-policy"].statement[0].condition).toEqual([
      { test: "StringEquals", variable: "aws:SourceAccount", values: ["${data.aws_caller_identity.current_account.account_id}"] },
    ]);
  });

  test("the S3 trigger's EventBridge role and the job roles: assumable for this account only", () => {
    const { tf } = synthStack({ projectDir: unprivileged(), leastPrivilege: true, s3Trigger: {}, jobDefinitions: { functionaltest: { separateJobRole: true } } });
    for (const role of ["s3_trigger_events", "job-definition-job-role"]) {
      const [statement] = JSON.parse(tf.resource.aws_iam_role[role].assume_role_policy).Statement;
      expect({ role, condition: statement.Condition }).toEqual({ role, condition: { StringEquals: { "aws:SourceAccount": "${data.aws_caller_identity.current_account.account_id}" } } });
    }
  });

  test("with separateJobRole on every template, the data policy is on the job roles only", () => {
    const { tf } = synthStack({ projectDir: unprivileged(), leastPrivilege: true, jobDefinitions: { functionaltest: { separateJobRole: true } } });
    expect(tf.resource.aws_iam_role_policy_attachment).not.toHaveProperty("ecs-tasks-exec-batch-additional-policy-attachment");
    expect(Object.keys(tf.resource.aws_iam_role_policy_attachment)).toContain("job-definition-job-role-additional-policy");
    // Without leastPrivilege the module's attachment stays (drop-in).
    const { tf: module } = synthStack({ jobDefinitions: { functionaltest: { separateJobRole: true } } });
    expect(module.resource.aws_iam_role_policy_attachment).toHaveProperty("ecs-tasks-exec-batch-additional-policy-attachment");
  });

  test("IMDSv2 on the hosts: leastPrivilege alone attaches the launch template, with tokens required", () => {
    const { tf } = synthStack({ projectDir: unprivileged(), leastPrivilege: true });
    expect(tf.resource.aws_launch_template["batch-hosts"].metadata_options.http_tokens).toBe("required");
    expect(tf.resource.aws_batch_compute_environment["compute-environment"].compute_resources.launch_template.launch_template_id).toBe("${aws_launch_template.batch-hosts.id}");
  });

  test("a privileged template (upstream's): synth fails, naming the file and line, CKV_AWS_210", () => {
    expect(() => synthStack({ leastPrivilege: true })).toThrow(
      'job-definitions/functionaltest.json:22: "privileged": true runs the container as root on the Spot host the stack\'s other jobs share (checkov CKV_AWS_210), and leastPrivilege refuses it. Fix: set "privileged": false',
    );
  });
});

/** Whether IAM allows `action` on `resource` to a principal holding `policy` (identity policy, same account). */
async function allowed(policy: object, action: string, resource: string): Promise<boolean> {
  const response = await runSimulation(
    {
      identityPolicies: [{ name: "data", policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: { action, principal: `arn:aws:iam::${ACCOUNT}:role/role-test-myapp-batch-ecs-task-execution-role`, resource: { accountId: ACCOUNT, resource }, contextVariables: {} },
    },
    {},
  );
  if (response.resultType === "error") {
    throw new Error(`iam-simulate: ${JSON.stringify(response.errors)}`);
  }
  return response.overallResult === "Allowed";
}

describeWithTerraform("leastPrivilege: the data policy as Terraform renders it and IAM evaluates it", () => {
  const prepared = usePreparedCheck();

  /** The data policy of a new stack with `options` and these tfvars lines, as the plan holds it. */
  function plannedPolicy(options: string, tfvars = ""): { Statement: { Action: string | string[]; Resource: string | string[] }[] } {
    const project = projectWith(prepared.check, options);
    fs.writeFileSync(path.join(project, "job-definitions", "functionaltest.json"), UNPRIVILEGED);
    // The project's own (unprivileged) template, not the module's.
    const stackDir = prepared.check.variant(prepared.check.synthesize({ tfvarsFile: path.join(FIXTURE_MODULE, "terraform.tfvars"), projectDir: project }, emptyState(prepared.check)), () => undefined);
    fs.appendFileSync(path.join(stackDir, "terraform.tfvars"), `\nbucket_name = "team-data"\n${tfvars}`);
    prepared.check.plan(stackDir);
    const shown = JSON.parse(prepared.check.terraform.mustRun(stackDir, ["show", "-json", "dropin.tfplan"]).stdout);
    const policy = shown.planned_values.root_module.resources.find((resource: { address: string }) => resource.address === "aws_iam_policy.batch-additional-policy");
    return JSON.parse(policy.values.policy);
  }

  const FILE_SYSTEM = `arn:aws:elasticfilesystem:eu-central-1:${ACCOUNT}:file-system/fs-0123456789abcdef0`;

  test("objects of the bucket read and written; their ACLs, retention and legal holds not (CKV_AWS_290); other buckets not", async () => {
    const policy = plannedPolicy("leastPrivilege: true,");
    expect(await allowed(policy, "s3:PutObject", "arn:aws:s3:::team-data/in/a.csv")).toBe(true);
    expect(await allowed(policy, "s3:GetObject", "arn:aws:s3:::team-data/in/a.csv")).toBe(true);
    expect(await allowed(policy, "s3:ListBucket", "arn:aws:s3:::team-data")).toBe(true);
    for (const action of ["s3:PutObjectAcl", "s3:PutObjectVersionAcl", "s3:PutObjectRetention", "s3:PutObjectLegalHold"]) {
      expect({ action, allowed: await allowed(policy, action, "arn:aws:s3:::team-data/in/a.csv") }).toEqual({ action, allowed: false });
    }
    expect(await allowed(policy, "s3:PutObject", "arn:aws:s3:::someone-else/a.csv")).toBe(false);
  });

  test("no * in an action, and * as a resource only for s3:ListAllMyBuckets (CKV_AWS_355); no EFS statement without file systems", () => {
    const statements = plannedPolicy("leastPrivilege: true,").Statement;
    expect(statements.flatMap((statement) => [statement.Action].flat()).filter((action) => action.includes("*"))).toEqual([]);
    expect(statements.filter((statement) => [statement.Resource].flat().includes("*")).map((statement) => statement.Action)).toEqual([["s3:ListAllMyBuckets"]]);
    expect(JSON.stringify(statements)).not.toContain("elasticfilesystem");
  });

  test("EFS on the file systems of efs_file_system_arns only", async () => {
    const policy = plannedPolicy("leastPrivilege: true,", `efs_file_system_arns = ["${FILE_SYSTEM}"]\n`);
    expect(await allowed(policy, "elasticfilesystem:ClientWrite", FILE_SYSTEM)).toBe(true);
    expect(await allowed(policy, "elasticfilesystem:ClientWrite", FILE_SYSTEM.replace("0123456789abcdef0", "0fedcba9876543210"))).toBe(false);
    expect(await allowed(policy, "elasticfilesystem:CreateMountTarget", FILE_SYSTEM)).toBe(false);
  });

  test("switched on alone on the module's state: the policy and the trusts updated, the template created, and the module's environment replaced", () => {
    const { statePath } = upstreamFixture(prepared.check);
    const project = projectWith(prepared.check, "leastPrivilege: true,");
    fs.writeFileSync(path.join(project, "job-definitions", "functionaltest.json"), UNPRIVILEGED);
    const kinds = describeKinds(prepared.check.plan(prepared.check.synthesize({ tfvarsFile: path.join(FIXTURE_MODULE, "terraform.tfvars"), projectDir: project }, statePath)));
    expect(kinds).toEqual(
      expect.arrayContaining([
        "update aws_iam_policy.batch-additional-policy",
        "update aws_iam_role.batch_ecs_task_execution_role",
        "update aws_iam_role.batch_service_role",
        "create aws_launch_template.batch-hosts",
        expect.stringMatching(/^replace aws_batch_compute_environment\.compute-environment \(forced by compute_resources\[0\]\.launch_template/),
      ]),
    );
  });

  test("switched on with the swap's first phase on the module's state: nothing replaced, and the apply succeeds", () => {
    const { statePath } = upstreamFixture(prepared.check);
    const project = projectWith(prepared.check, 'leastPrivilege: true, updatableComputeEnvironment: true, computeEnvironmentSwap: "add",');
    fs.writeFileSync(path.join(project, "job-definitions", "functionaltest.json"), UNPRIVILEGED);
    const stackDir = prepared.check.synthesize({ tfvarsFile: path.join(FIXTURE_MODULE, "terraform.tfvars"), projectDir: project }, statePath);
    const kinds = describeKinds(prepared.check.plan(stackDir));
    expect(kinds.filter((kind) => kind.startsWith("replace") || kind.startsWith("delete"))).toEqual([]);
    expect(kinds).toEqual(expect.arrayContaining(["create aws_batch_compute_environment.compute-environment-updatable", "create aws_launch_template.batch-hosts"]));
    const applied = prepared.check.apply(stackDir);
    expect({ status: applied.status, output: applied.status === 0 ? "" : applied.output }).toEqual({ status: 0, output: "" });
  });

  test("the rule fails on the module's policy: drop-in grants PutObjectAcl and EFS writes on every file system", async () => {
    const policy = plannedPolicy("");
    expect(await allowed(policy, "s3:PutObjectAcl", "arn:aws:s3:::team-data/in/a.csv")).toBe(true);
    expect(await allowed(policy, "elasticfilesystem:ClientWrite", FILE_SYSTEM)).toBe(true);
  });
});
