import { TerraformOutput, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { BatchJobDefinition } from "@cdktf/provider-aws/lib/batch-job-definition";
import { JobDefinitions, JobDefinitionsProps } from "../../../stacks/constructs/job-definitions";
import { JobTemplate } from "../../../stacks/templates/loader";
import { synthScope, TempFolders, TEMPLATE_LINES } from "../../support/constructs";
import { BatchStack } from "../../../stacks/batch-stack";
import { resourceAddresses, synthStack, tempProject, UPSTREAM_TEMPLATE } from "../../support/stack";

const folders = new TempFolders();

afterAll(() => folders.removeAll());

const PLAIN = TEMPLATE_LINES.join("\n");

const SECRET = JSON.stringify({
  image: "${BATCH_IMAGE}",
  secrets: [{ name: "MY_PASSWORD", valueFrom: "${MY_PASSWORD_SECRET_ARN}" }],
});

let functionaltest: JobTemplate;

let nightly: JobTemplate;

let withSecret: JobTemplate;

beforeAll(() => {
  functionaltest = folders.template(PLAIN, "functionaltest.json");
  nightly = folders.template(PLAIN, "nightly.json");
  withSecret = folders.template(SECRET, "with-secret.json");
});

const props = (overrides: Partial<JobDefinitionsProps> = {}): JobDefinitionsProps => ({
  templates: [functionaltest, nightly],
  namePrefix: "test-app",
  batchName: "geo",
  movedFrom: "module.batch-example.aws_batch_job_definition.job-definition",
  variables: {
    REGION: "eu-central-1",
    ENV: "test",
    BATCH_IMAGE: "busybox",
    BATCH_MEMORY: 1024,
    BATCH_VCPUS: 1,
    BUCKET_NAME: "mybucket",
  },
  executionRoleArn: "arn:aws:iam::111122223333:role/exec",
  jobRolePolicyArn: "arn:aws:iam::111122223333:policy/additional",
  secretArn: "arn:aws:secretsmanager:eu-central-1:111122223333:secret:RDS_PASSWORD",
  tagsNamed: (name) => ({ Name: name }),
  ...overrides,
});

function synthDefinitions(overrides: Partial<JobDefinitionsProps> = {}, extra?: (definitions: JobDefinitions, scope: Construct) => void) {
  let definitions: JobDefinitions | undefined;
  const json = synthScope((scope) => {
    definitions = new JobDefinitions(scope, "job-definitions", props(overrides));
    extra?.(definitions, scope);
  });
  const tf = JSON.parse(json);
  return { json, tf, definitions: definitions!, byAddress: tf.resource.aws_batch_job_definition };
}

describe("addresses and names", () => {
  test("gives the primary template the module's address, and every other template job-definition-<name>", () => {
    expect(Object.keys(synthDefinitions().byAddress).sort()).toEqual(["job-definition", "job-definition-nightly"]);
  });

  test("moves the primary job definition from the module's child module, and no other", () => {
    expect(synthDefinitions().tf.moved).toEqual([
      { from: "module.batch-example.aws_batch_job_definition.job-definition", to: "aws_batch_job_definition.job-definition" },
    ]);
  });

  test("names the primary jdef-<prefix>-<batch name> and the others jdef-<prefix>-<template>", () => {
    const { json } = synthDefinitions();
    expect(json).toHaveResourceWithProperties(BatchJobDefinition, { name: "jdef-test-app-geo", tags: { Name: "geo" } });
    expect(json).toHaveResourceWithProperties(BatchJobDefinition, { name: "jdef-test-app-nightly", tags: { Name: "nightly" } });
  });

  test("takes the first template as the primary one, whatever its name", () => {
    const { byAddress } = synthDefinitions({ templates: [nightly, functionaltest] });
    expect(byAddress["job-definition"].name).toBe("jdef-test-app-geo");
    expect(byAddress["job-definition"].container_properties).toMatch(/\/nightly\.json"/);
    expect(byAddress["job-definition-functionaltest"].name).toBe("jdef-test-app-functionaltest");
  });

  test("accepts tokens for the name prefix and the batch name", () => {
    const tf = JSON.parse(
      synthScope((scope) => {
        const variable = (name: string) => {
          const declared = new TerraformVariable(scope, name, { type: "string" });
          declared.overrideLogicalId(name);
          return declared.stringValue;
        };
        new JobDefinitions(scope, "job-definitions", props({ namePrefix: variable("prefix"), batchName: variable("batch_name") }));
      }),
    );
    const primary = tf.resource.aws_batch_job_definition["job-definition"];
    expect(primary.name).toBe("jdef-${var.prefix}-${var.batch_name}");
    expect(primary.container_properties).toContain('"BATCH_NAME" = var.batch_name');
    expect(tf.resource.aws_batch_job_definition["job-definition-nightly"].name).toBe("jdef-${var.prefix}-nightly");
  });

  test("creates the job definitions beside itself, as job-definition-<template>, and nothing under its own node", () => {
    const { definitions } = synthDefinitions();
    expect(definitions.all.map((definition) => definition.node.path)).toEqual([
      "stack/job-definition-functionaltest",
      "stack/job-definition-nightly",
    ]);
    expect(definitions.node.children).toEqual([]);
  });
});

describe("template variables", () => {
  test("passes BATCH_NAME: the batch name to the primary template, its own name to the others", () => {
    const { byAddress } = synthDefinitions();
    expect(byAddress["job-definition"].container_properties).toContain('"BATCH_NAME" = "geo"');
    expect(byAddress["job-definition-nightly"].container_properties).toContain('"BATCH_NAME" = "nightly"');
  });

  test("passes the execution role as both EXECUTION_ROLE_ARN and JOB_ROLE_ARN", () => {
    const properties: string = synthDefinitions().byAddress["job-definition-nightly"].container_properties;
    expect(properties).toContain('"JOB_ROLE_ARN" = "arn:aws:iam::111122223333:role/exec"');
    expect(properties).toContain('"EXECUTION_ROLE_ARN" = "arn:aws:iam::111122223333:role/exec"');
  });

  test("passes the shared variables to every template", () => {
    for (const definition of Object.values(synthDefinitions().byAddress) as { container_properties: string }[]) {
      expect(definition.container_properties).toContain(
        '"REGION" = "eu-central-1", "ENV" = "test", "BATCH_NAME" = ',
      );
      expect(definition.container_properties).toContain('"BATCH_MEMORY" = 1024, "BATCH_VCPUS" = 1, ');
      expect(definition.container_properties).toContain('"BUCKET_NAME" = "mybucket"');
    }
  });

  test("passes MY_PASSWORD_SECRET_ARN only to the templates that use it", () => {
    const { byAddress } = synthDefinitions({ templates: [functionaltest, withSecret] });
    expect(byAddress["job-definition-with-secret"].container_properties).toContain(
      '"MY_PASSWORD_SECRET_ARN" = "arn:aws:secretsmanager:eu-central-1:111122223333:secret:RDS_PASSWORD"',
    );
    expect(byAddress["job-definition"].container_properties).not.toContain("MY_PASSWORD_SECRET_ARN");
  });
});

describe("options per template", () => {
  test("apply to their template only", () => {
    const { byAddress } = synthDefinitions({ options: { nightly: { timeoutSeconds: 600 } } });
    expect(byAddress["job-definition-nightly"].timeout).toEqual({ attempt_duration_seconds: 600 });
    expect(byAddress["job-definition"].timeout).toBeUndefined();
  });

  test("separateJobRole gives that template a role of its own, role-<prefix>-<template>-job, with the job role policy", () => {
    const { tf, byAddress } = synthDefinitions({ options: { nightly: { separateJobRole: true } } });
    expect(Object.keys(tf.resource.aws_iam_role)).toEqual(["job-definition-nightly-job-role"]);
    expect(tf.resource.aws_iam_role["job-definition-nightly-job-role"].name).toBe("role-test-app-nightly-job");
    expect(tf.resource.aws_iam_role_policy_attachment["job-definition-nightly-job-role-additional-policy"].policy_arn).toBe(
      "arn:aws:iam::111122223333:policy/additional",
    );
    expect(byAddress["job-definition-nightly"].container_properties).toContain(
      '"JOB_ROLE_ARN" = aws_iam_role.job-definition-nightly-job-role.arn',
    );
    expect(byAddress["job-definition"].container_properties).toContain('"JOB_ROLE_ARN" = "arn:aws:iam::111122223333:role/exec"');
  });

  test("separateJobRole on the primary template names its role after the template, not the batch name", () => {
    const { tf } = synthDefinitions({ options: { functionaltest: { separateJobRole: true } } });
    expect(tf.resource.aws_iam_role["job-definition-job-role"].name).toBe("role-test-app-functionaltest-job");
  });

  test("fail when they name a template that does not exist, listing every template there is", () => {
    expect(() => synthDefinitions({ options: { weekly: { propagateTags: true } } })).toThrow(
      /^Stack 'stack': option jobDefinitions\["weekly"\]: job-definitions\/ has no weekly\.json\. Fix: use one of "functionaltest", "nightly"$/,
    );
  });
});

describe("getters", () => {
  test("all holds the job definitions in the templates' order", () => {
    expect(synthDefinitions().definitions.all.map((definition) => definition.template.name)).toEqual(["functionaltest", "nightly"]);
  });

  test("primary is the module's own job definition", () => {
    const { tf } = synthDefinitions({}, (definitions, scope) => new TerraformOutput(scope, "arn", { value: definitions.primary.arn }));
    expect(tf.output.arn.value).toBe("${aws_batch_job_definition.job-definition.arn}");
  });

  test("byTemplate finds a template's job definition", () => {
    const { tf } = synthDefinitions({}, (definitions, scope) =>
      new TerraformOutput(scope, "arn", { value: definitions.byTemplate("nightly", "s3Trigger.jobDefinition").arn }),
    );
    expect(tf.output.arn.value).toBe("${aws_batch_job_definition.job-definition-nightly.arn}");
  });

  test("byTemplate fails for an unknown template, naming the option and the templates there are", () => {
    const { definitions } = synthDefinitions();
    expect(() => definitions.byTemplate("weekly", "s3Trigger.jobDefinition")).toThrow(
      /^Stack 'stack': s3Trigger\.jobDefinition = "weekly": job-definitions\/ has no weekly\.json\. Fix: use one of "functionaltest", "nightly"$/,
    );
  });
});

const synthProject = (files: { [file: string]: string }, overrides = {}) =>
  synthStack({ projectDir: tempProject(files), ...overrides });

describe("several job definitions from job-definitions/", () => {
  test("a second template adds exactly one job definition and changes nothing else", () => {
    const before = synthProject({});
    const after = synthProject({ "job-definitions/nightly-report.json": UPSTREAM_TEMPLATE });
    const added = resourceAddresses(after.tf).filter((address) => !resourceAddresses(before.tf).includes(address));
    expect(added).toEqual(["aws_batch_job_definition.job-definition-nightly-report"]);
    for (const [type, byName] of Object.entries(before.tf.resource)) {
      for (const [name, config] of Object.entries(byName as object)) {
        if (type === "aws_batch_job_definition") {
          // Same arguments; only the asset folder of the primary template is named the same way.
          expect(after.tf.resource[type][name].name).toEqual((config as { name: string }).name);
        } else {
          expect(after.tf.resource[type][name]).toEqual(config);
        }
      }
    }
    expect(after.tf.moved).toEqual(before.tf.moved);
  });

  test("a further template is named after its file and gets no moved block", () => {
    const { tf } = synthProject({ "job-definitions/nightly-report.json": UPSTREAM_TEMPLATE });
    const jd = tf.resource.aws_batch_job_definition["job-definition-nightly-report"];
    expect(jd.name).toBe("jdef-${var.environment}-${var.application}-nightly-report");
    expect(jd.container_properties).toContain('"BATCH_NAME" = "nightly-report"');
    expect(jd.container_properties).toMatch(/templatefile\("assets\/[^"]+\/nightly-report\.json"/);
    expect(tf.moved.map((move: { to: string }) => move.to)).not.toContain(
      "aws_batch_job_definition.job-definition-nightly-report",
    );
  });

  test("the primary template can be named with primaryTemplate", () => {
    const { tf } = synthStack({
      projectDir: tempProject({ "job-definitions/main.json": UPSTREAM_TEMPLATE }),
      primaryTemplate: "main.json",
    });
    expect(tf.resource.aws_batch_job_definition["job-definition"].container_properties).toMatch(/\/main\.json"/);
  });
});

describe("synth-time template checks", () => {
  const expectSynthError = (template: string, message: RegExp) =>
    expect(() => synthProject({ "job-definitions/functionaltest.json": template })).toThrow(message);

  test("an unknown ${VAR} names the file, the line, the variable and those provided", () => {
    const template = UPSTREAM_TEMPLATE.replace('"${BATCH_IMAGE}"', '"${IMAGE_TAG}"');
    expectSynthError(
      template,
      /job-definitions\/functionaltest\.json:17: \$\{IMAGE_TAG\} is not a template variable the stack provides\. Fix: use one of REGION, ENV, BATCH_NAME, BATCH_IMAGE/,
    );
  });

  test("an escaped $${VAR} is left to the job and passes", () => {
    const template = UPSTREAM_TEMPLATE.replace('"command": []', () => '"command": ["echo", "$${HOME}"]');
    expect(() => synthProject({ "job-definitions/functionaltest.json": template })).not.toThrow();
  });

  test("a trailing comma is invalid JSON once rendered, reported at the line JSON breaks", () => {
    const template = UPSTREAM_TEMPLATE.replace('"attemptDurationSeconds": 180', '"attemptDurationSeconds": 180,');
    // The parser fails on the closing brace after the comma.
    const line = template.split("\n").findIndex((text) => text.includes("attemptDurationSeconds")) + 2;
    expectSynthError(
      template,
      new RegExp(`job-definitions/functionaltest\\.json:${line}: not valid JSON`),
    );
  });

  test("a string variable without quotes is refused at its line, naming the variable and never a sample value", () => {
    expectSynthError(
      UPSTREAM_TEMPLATE.replace('"${BATCH_IMAGE}"', "${BATCH_IMAGE}"),
      /^job-definitions\/functionaltest\.json:17: \$\{BATCH_IMAGE\} is a string, and it stands here without quotes\. Fix: write "\$\{BATCH_IMAGE\}" in quotes$/,
    );
  });

  test("a key that is no container property is a synth warning, naming the key and the line", () => {
    const template = UPSTREAM_TEMPLATE.replace('"privileged": true,', '"privileged": true,\n  "memoryReservation": 512,');
    const { stack } = synthProject({ "job-definitions/functionaltest.json": template });
    const warnings = stack.node
      .findAll()
      .flatMap((node) => node.node.metadata)
      .filter((entry) => entry.type === "@cdktf/warn");
    expect(warnings.map((entry) => entry.data)).toContainEqual(
      expect.stringMatching(/^job-definitions\/functionaltest\.json:23: "memoryReservation" is not an AWS Batch container property, so the provider drops it/),
    );
  });

  test("the HCL module's misspelled folder is pointed out", () => {
    expect(() => synthProject({ "job-defintions/functionaltest.json": UPSTREAM_TEMPLATE })).toThrow(
      /found the HCL module's misspelled folder "job-defintions\/"\. Fix: move its templates into "job-definitions\/"/,
    );
  });

  test("a missing primary template says which resource needs it", () => {
    expect(() => synthStack({ projectDir: tempProject(), primaryTemplate: "absent.json" })).toThrow(
      /job-definitions\/absent\.json: missing: the module's job definition \(aws_batch_job_definition\.job-definition\)/,
    );
  });

  test("options for a template that does not exist name the templates there are", () => {
    expect(() => synthStack({ jobDefinitions: { nightly: { propagateTags: true } } })).toThrow(
      /option jobDefinitions\["nightly"\]: job-definitions\/ has no nightly\.json\. Fix: use one of "functionaltest"/,
    );
  });
});

describe("job-level keys inside container properties", () => {
  test("by default they stay (drop-in) and synthesis warns, naming the keys and the option", () => {
    const projectDir = tempProject();
    const app = Testing.app();
    const stack = new BatchStack(app, "batch", { projectDir });
    Testing.synth(stack);
    const warnings = stack.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === "@cdktf/warn")
      .map((entry) => String(entry.data));
    expect(warnings).toEqual([
      expect.stringMatching(
        /functionaltest\.json puts retryStrategy, timeout among container properties, where AWS Batch ignores them\. Set jobDefinitions\["functionaltest"\]\.moveJobLevelKeys = true/,
      ),
    ]);
    const { tf } = synthStack({ projectDir });
    expect(tf.resource.aws_batch_job_definition["job-definition"].retry_strategy).toBeUndefined();
    expect(tf.resource.aws_batch_job_definition["job-definition"].timeout).toBeUndefined();
  });

  test("with moveJobLevelKeys they become the job definition's retry_strategy and timeout", () => {
    const { tf } = synthStack({ jobDefinitions: { functionaltest: { moveJobLevelKeys: true } } });
    const jd = tf.resource.aws_batch_job_definition["job-definition"];
    expect(jd.retry_strategy).toEqual({ attempts: 2 });
    expect(jd.timeout).toEqual({ attempt_duration_seconds: 180 });
  });
});

describe("per-job-definition options", () => {
  test("the Spot-reclaim retry: retry on Host EC2*, exit on anything else", () => {
    const { tf } = synthStack({
      jobDefinitions: { functionaltest: { retryStrategy: { attempts: 3, retryOnSpotReclaim: true } } },
    });
    expect(tf.resource.aws_batch_job_definition["job-definition"].retry_strategy).toEqual({
      attempts: 3,
      evaluate_on_exit: [
        { on_status_reason: "Host EC2*", action: "RETRY" },
        { on_reason: "*", action: "EXIT" },
      ],
    });
  });

  test("timeout, parameters and propagate tags", () => {
    const { tf } = synthStack({
      jobDefinitions: {
        functionaltest: { timeoutSeconds: 600, parameters: { input: "s3://bucket/in" }, propagateTags: true },
      },
    });
    expect(tf.resource.aws_batch_job_definition["job-definition"]).toMatchObject({
      timeout: { attempt_duration_seconds: 600 },
      parameters: { input: "s3://bucket/in" },
      propagate_tags: true,
    });
  });

  test("a separate job role trusts ecs-tasks only and becomes JOB_ROLE_ARN", () => {
    const { tf } = synthStack({ jobDefinitions: { functionaltest: { separateJobRole: true } } });
    const role = tf.resource.aws_iam_role["job-definition-job-role"];
    expect(role.name).toBe("role-${var.environment}-${var.application}-functionaltest-job");
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: "ecs-tasks.amazonaws.com" });
    expect(tf.resource.aws_iam_role_policy_attachment["job-definition-job-role-additional-policy"].policy_arn).toBe(
      "${aws_iam_policy.batch-additional-policy.arn}",
    );
    const properties = tf.resource.aws_batch_job_definition["job-definition"].container_properties;
    expect(properties).toContain('"JOB_ROLE_ARN" = aws_iam_role.job-definition-job-role.arn');
    expect(properties).toContain('"EXECUTION_ROLE_ARN" = aws_iam_role.batch_ecs_task_execution_role.arn');
  });

  test.each([
    [{ retryStrategy: { attempts: 0 } }, /TemplatedJobDefinition 'functionaltest': retryStrategy\.attempts = 0: AWS Batch allows a whole number from 1 to 10/],
    [{ retryStrategy: { attempts: 11 } }, /retryStrategy\.attempts = 11/],
    [{ timeoutSeconds: 30 }, /TemplatedJobDefinition 'functionaltest': timeoutSeconds = 30: AWS Batch needs a whole number of at least 60 seconds/],
  ])("bad option %j is refused at synth", (options, message) => {
    expect(() => synthStack({ jobDefinitions: { functionaltest: options } })).toThrow(message);
  });
});

test("names: the primary and the longest extra job definition carry the length precondition, which covers the shorter ones", () => {
  const { tf } = synthProject({ "job-definitions/a.json": UPSTREAM_TEMPLATE, "job-definitions/a-much-longer-name.json": UPSTREAM_TEMPLATE });
  const definitions = tf.resource.aws_batch_job_definition;
  expect(Object.keys(definitions).filter((address) => definitions[address].lifecycle?.precondition).sort()).toEqual([
    "job-definition",
    "job-definition-a-much-longer-name",
  ]);
});
