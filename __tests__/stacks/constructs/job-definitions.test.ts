import { TerraformOutput, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { BatchJobDefinition } from "@cdktf/provider-aws/lib/batch-job-definition";
import { JobDefinitions, JobDefinitionsProps } from "../../../stacks/constructs/job-definitions";
import { JobTemplate } from "../../../stacks/templates/loader";
import { synthScope, TempFolders, TEMPLATE_LINES } from "../../support/constructs";

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
