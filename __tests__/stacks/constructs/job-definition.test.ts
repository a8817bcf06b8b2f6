import * as fs from "fs";
import * as path from "path";
import { App, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { BatchJobDefinition } from "@cdktf/provider-aws/lib/batch-job-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { TemplatedJobDefinition, TemplatedJobDefinitionProps } from "../../../stacks/constructs/job-definition";
import { TemplateVariable } from "../../../stacks/templates/contract";
import { JobTemplate } from "../../../stacks/templates/loader";
import { synthScope, TempFolders, TEMPLATE_LINES, templateWith } from "../../support/constructs";

const folders = new TempFolders();
afterAll(() => folders.removeAll());

const VARIABLES: Record<TemplateVariable, string | number | undefined> = {
  REGION: "eu-central-1",
  ENV: "test",
  BATCH_NAME: "geo",
  BATCH_IMAGE: "busybox",
  BATCH_MEMORY: 2048,
  BATCH_VCPUS: 2,
  JOB_ROLE_ARN: "arn:aws:iam::111122223333:role/job",
  EXECUTION_ROLE_ARN: "arn:aws:iam::111122223333:role/exec",
  BUCKET_NAME: "mybucket",
  MY_PASSWORD_SECRET_ARN: undefined,
  LOG_GROUP: undefined,
};

/** No job-level keys. */
const PLAIN = TEMPLATE_LINES.join("\n");

type Props = Omit<TemplatedJobDefinitionProps, "template"> & { template?: JobTemplate };

function synthDefinition(props: Partial<Props> = {}) {
  let definition: TemplatedJobDefinition | undefined;
  const json = synthScope((scope) => {
    definition = create(scope, props);
  });
  const tf = JSON.parse(json);
  return { json, tf, definition: definition!, resource: tf.resource.aws_batch_job_definition[props.address ?? "job-definition"] };
}

function create(scope: Construct, props: Partial<Props> = {}): TemplatedJobDefinition {
  return new TemplatedJobDefinition(scope, "job-definition-functionaltest", {
    template: props.template ?? folders.template(PLAIN),
    address: "job-definition",
    name: "jdef-test-app-geo",
    variables: VARIABLES,
    tags: { Name: "geo" },
    ...props,
  });
}

const moved = (text: string, options = {}) =>
  synthDefinition({ template: folders.template(text), options: { moveJobLevelKeys: true, ...options } }).resource;

const warnings = (definition: Construct) =>
  definition.node.metadata.filter((entry) => entry.type === "@cdktf/warn").map((entry) => entry.data);

describe("the job definition", () => {
  test("is a container job definition at the given address, with its name and tags", () => {
    const { json, tf } = synthDefinition({ address: "job-definition-nightly" });
    expect(json).toHaveResourceWithProperties(BatchJobDefinition, { name: "jdef-test-app-geo", type: "container", tags: { Name: "geo" } });
    expect(Object.keys(tf.resource.aws_batch_job_definition)).toEqual(["job-definition-nightly"]);
  });

  test("renders the container properties with templatefile of the template's asset, relative to the stack folder", () => {
    const { resource, definition } = synthDefinition();
    expect(definition.asset.path).toMatch(/^assets\/[^/]+\/[0-9A-F]+\/functionaltest\.json$/);
    expect(resource.container_properties.startsWith(`\${templatefile("${definition.asset.path}", {`)).toBe(true);
  });

  test("passes the variables in the contract's order and leaves undefined ones out", () => {
    const reversed = Object.fromEntries(Object.entries({ ...VARIABLES, BUCKET_NAME: undefined }).reverse()) as typeof VARIABLES;
    const { resource } = synthDefinition({ variables: reversed });
    expect(resource.container_properties).toMatch(
      /, \{"REGION" = "eu-central-1", "ENV" = "test", "BATCH_NAME" = "geo", "BATCH_IMAGE" = "busybox", "BATCH_MEMORY" = 2048, "BATCH_VCPUS" = 2, "JOB_ROLE_ARN" = "arn:aws:iam::111122223333:role\/job", "EXECUTION_ROLE_ARN" = "arn:aws:iam::111122223333:role\/exec"\}\)\}$/,
    );
  });

  test("accepts tokens as variable values and passes them as references", () => {
    const tf = JSON.parse(
      synthScope((scope) => {
        const vcpus = new TerraformVariable(scope, "batch_vcpus", { type: "number" });
        vcpus.overrideLogicalId("batch_vcpus");
        create(scope, { variables: { ...VARIABLES, BATCH_VCPUS: vcpus.numberValue } });
      }),
    );
    expect(tf.resource.aws_batch_job_definition["job-definition"].container_properties).toContain('"BATCH_VCPUS" = var.batch_vcpus,');
  });

  test("copies the template into the stack folder at synthesis", () => {
    const template = folders.template(PLAIN);
    const outdir = folders.make();
    const app = new App({ outdir, skipValidation: true });
    const definition = create(new TerraformStack(app, "batch"), { template });
    app.synth();
    expect(fs.readFileSync(path.join(outdir, "stacks", "batch", definition.asset.path), "utf8")).toBe(PLAIN);
  });

  test("adds a moved block from movedFrom to its address", () => {
    const { tf } = synthDefinition({ movedFrom: "module.batch-example.aws_batch_job_definition.job-definition" });
    expect(tf.moved).toEqual([
      { from: "module.batch-example.aws_batch_job_definition.job-definition", to: "aws_batch_job_definition.job-definition" },
    ]);
  });

  test("adds no moved block without movedFrom", () => {
    expect(synthDefinition().tf.moved).toBeUndefined();
  });

  test("arn and name refer to the resource; template is the one given", () => {
    const template = folders.template(PLAIN);
    let definition: TemplatedJobDefinition | undefined;
    const tf = JSON.parse(
      synthScope((scope) => {
        definition = create(scope, { template, address: "job-definition-nightly" });
        new TerraformOutput(scope, "arn", { value: definition.arn });
        new TerraformOutput(scope, "name", { value: definition.name });
      }),
    );
    expect(tf.output.arn.value).toBe("${aws_batch_job_definition.job-definition-nightly.arn}");
    expect(tf.output.name.value).toBe("${aws_batch_job_definition.job-definition-nightly.name}");
    expect(definition!.template).toBe(template);
  });
});

describe("jobRole", () => {
  const JOB_ROLE = { roleName: "role-test-app-nightly-job", policyArn: "arn:aws:iam::111122223333:policy/additional" };

  test("adds a role of its own at <address>-job-role, trusting ecs-tasks only", () => {
    const { json, tf, definition } = synthDefinition({ address: "job-definition-nightly", jobRole: JOB_ROLE });
    expect(json).toHaveResourceWithProperties(IamRole, { name: "role-test-app-nightly-job" });
    const role = tf.resource.aws_iam_role["job-definition-nightly-job-role"];
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" } },
    ]);
    expect(definition.jobRole).toBeDefined();
  });

  test("attaches the policy at <address>-job-role-additional-policy", () => {
    const { json, tf } = synthDefinition({ address: "job-definition-nightly", jobRole: JOB_ROLE });
    expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      role: "${aws_iam_role.job-definition-nightly-job-role.name}",
      policy_arn: JOB_ROLE.policyArn,
    });
    expect(Object.keys(tf.resource.aws_iam_role_policy_attachment)).toEqual(["job-definition-nightly-job-role-additional-policy"]);
  });

  test("becomes JOB_ROLE_ARN in place of the value given", () => {
    const { resource } = synthDefinition({ address: "job-definition-nightly", jobRole: JOB_ROLE });
    expect(resource.container_properties).toContain('"JOB_ROLE_ARN" = aws_iam_role.job-definition-nightly-job-role.arn,');
    expect(resource.container_properties).not.toContain(VARIABLES.JOB_ROLE_ARN);
  });

  test("without it there is no role and JOB_ROLE_ARN stays as given", () => {
    const { tf, resource, definition } = synthDefinition();
    expect(tf.resource.aws_iam_role).toBeUndefined();
    expect(definition.jobRole).toBeUndefined();
    expect(resource.container_properties).toContain(`"JOB_ROLE_ARN" = "${VARIABLES.JOB_ROLE_ARN}"`);
  });
});

describe("options", () => {
  test("add no job-level argument by default", () => {
    const { resource } = synthDefinition();
    expect(Object.keys(resource).sort()).toEqual(["container_properties", "name", "tags", "type"]);
  });

  test("respects retryStrategy without retryOnSpotReclaim: attempts only, every failure retried", () => {
    expect(synthDefinition({ options: { retryStrategy: { attempts: 3 } } }).resource.retry_strategy).toEqual({ attempts: 3 });
  });

  test("respects propagateTags: false, written explicitly", () => {
    expect(synthDefinition({ options: { propagateTags: false } }).resource.propagate_tags).toBe(false);
  });

  test("accepts the bounds AWS Batch allows: 1 and 10 attempts, a 60-second timeout", () => {
    expect(synthDefinition({ options: { retryStrategy: { attempts: 1 }, timeoutSeconds: 60 } }).resource).toMatchObject({
      retry_strategy: { attempts: 1 },
      timeout: { attempt_duration_seconds: 60 },
    });
    expect(synthDefinition({ options: { retryStrategy: { attempts: 10 } } }).resource.retry_strategy).toEqual({ attempts: 10 });
  });

  test("fails when retryStrategy.attempts is not a whole number, naming the template", () => {
    const template = folders.template(PLAIN, "nightly.json");
    expect(() => synthDefinition({ template, options: { retryStrategy: { attempts: 2.5 } } })).toThrow(
      /^TemplatedJobDefinition 'nightly': retryStrategy\.attempts = 2\.5: AWS Batch allows a whole number from 1 to 10\. Fix: /,
    );
  });

  test("fails when timeoutSeconds is not a whole number", () => {
    expect(() => synthDefinition({ options: { timeoutSeconds: 90.5 } })).toThrow(
      /^TemplatedJobDefinition 'functionaltest': timeoutSeconds = 90\.5: AWS Batch needs a whole number of at least 60 seconds\. Fix: /,
    );
  });

  test("accepts number tokens for retryStrategy.attempts and timeoutSeconds, and passes them on", () => {
    const tf = JSON.parse(
      synthScope((scope) => {
        const attempts = new TerraformVariable(scope, "attempts", { type: "number" }).numberValue;
        const timeout = new TerraformVariable(scope, "timeout", { type: "number" }).numberValue;
        create(scope, { options: { retryStrategy: { attempts }, timeoutSeconds: timeout } });
      }),
    );
    expect(tf.resource.aws_batch_job_definition["job-definition"]).toMatchObject({
      retry_strategy: { attempts: "${var.attempts}" },
      timeout: { attempt_duration_seconds: "${var.timeout}" },
    });
  });
});

describe("job-level keys in the template", () => {
  const WITH_KEYS = templateWith('"parameters": {"input": "s3://bucket/in"}', '"propagateTags": true');

  test("without moveJobLevelKeys warn on the construct, naming the file, the keys and the option", () => {
    const { definition, resource } = synthDefinition({ template: folders.template(WITH_KEYS, "nightly.json") });
    expect(warnings(definition)).toEqual([
      "job-definitions/nightly.json puts parameters, propagateTags among container properties, where AWS Batch ignores them. " +
        'Set jobDefinitions["nightly"].moveJobLevelKeys = true in main.ts to apply parameters, propagateTags as the job definition\'s own settings ' +
        "(a new revision of the job definition).",
    ]);
    expect(resource.parameters).toBeUndefined();
    expect(resource.propagate_tags).toBeUndefined();
  });

  test("give no warning when the template has none", () => {
    expect(warnings(synthDefinition().definition)).toEqual([]);
  });

  test("give no warning when moveJobLevelKeys is set", () => {
    const { definition } = synthDefinition({ template: folders.template(WITH_KEYS), options: { moveJobLevelKeys: true } });
    expect(warnings(definition)).toEqual([]);
  });

  test("with moveJobLevelKeys become timeout, propagate_tags, scheduling_priority and platform_capabilities", () => {
    const resource = moved(
      templateWith(
        '"timeout": {"attemptDurationSeconds": 300}',
        '"propagateTags": true',
        '"schedulingPriority": 50',
        '"platformCapabilities": ["EC2"]',
      ),
    );
    expect(resource).toMatchObject({
      timeout: { attempt_duration_seconds: 300 },
      propagate_tags: true,
      scheduling_priority: 50,
      platform_capabilities: ["EC2"],
    });
  });

  test("with moveJobLevelKeys render the same container properties as without", () => {
    const template = folders.template(WITH_KEYS);
    const kept = synthDefinition({ template }).resource.container_properties;
    expect(synthDefinition({ template, options: { moveJobLevelKeys: true } }).resource.container_properties).toBe(kept);
  });

  test("with moveJobLevelKeys yield to the options: retry, timeout and tag propagation of the options win, parameters are replaced", () => {
    const resource = moved(
      templateWith(
        '"retryStrategy": {"attempts": 2}',
        '"timeout": {"attemptDurationSeconds": 180}',
        '"parameters": {"input": "from-template"}',
        '"propagateTags": false',
      ),
      { retryStrategy: { attempts: 5 }, timeoutSeconds: 600, parameters: { output: "from-options" }, propagateTags: true },
    );
    expect(resource).toMatchObject({
      retry_strategy: { attempts: 5 },
      timeout: { attempt_duration_seconds: 600 },
      parameters: { output: "from-options" },
      propagate_tags: true,
    });
  });

  test("with moveJobLevelKeys fail when retryStrategy is written with ${BATCH_VCPUS}, naming the file, the line, the key and the variable", () => {
    const template = folders.template(templateWith('"retryStrategy": {"attempts": ${BATCH_VCPUS}}'));
    expect(() => synthDefinition({ template, options: { moveJobLevelKeys: true } })).toThrow(
      /^job-definitions\/functionaltest\.json:9: "retryStrategy" is written with \$\{BATCH_VCPUS\}, so moveJobLevelKeys cannot apply it as the job definition's own setting\. Fix: write its value literally in the template, or set it with jobDefinitions\["functionaltest"\] options in main\.ts$/,
    );
  });

  test("with moveJobLevelKeys accept a literal parameters value that starts like a sample value, and apply it", () => {
    const resource = moved(templateWith('"parameters": {"dataset": "sample-2024"}'));
    expect(resource.parameters).toEqual({ dataset: "sample-2024" });
  });

  test("with moveJobLevelKeys fail when parameters hold a string variable, naming the line and the variable", () => {
    const template = folders.template(templateWith('"propagateTags": true', '"parameters": {"env": "${ENV}"}'));
    expect(() => synthDefinition({ template, options: { moveJobLevelKeys: true } })).toThrow(
      /^job-definitions\/functionaltest\.json:10: "parameters" is written with \$\{ENV\}, so moveJobLevelKeys cannot apply it/,
    );
  });

  test("with moveJobLevelKeys keep an escaped $${HOME} in parameters literal for Terraform", () => {
    const resource = moved(templateWith('"parameters": {"home": "$${HOME}"}'));
    expect(resource.parameters).toEqual({ home: "$${HOME}" });
  });
});
