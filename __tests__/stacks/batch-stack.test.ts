// The HCL module's addresses (its reference: dropin/fixture-module/); the
// job queue and job definition move up from module.batch-example.
import * as fs from "fs";
import * as path from "path";
import "../support/stack";
import { createHash } from "crypto";
import { App } from "cdktf";
import { BatchStack } from "../../stacks/batch-stack";
import { FIXTURE_MODULE } from "../../dropin/check/check";
import { dataAddresses, PROJECT_DIR, UPSTREAM_TEMPLATE, resourceAddresses, synthStack, tempProject } from "../support/stack";
import { RULES, Tf } from "../support/safety-rules";

const MODULE_RESOURCES = [
  "aws_security_group.sg-batch",
  "aws_security_group_rule.batch_www_egress_all",
  "aws_iam_role.batch_ecs_task_execution_role",
  "aws_iam_role_policy_attachment.batch_ecs_task_execution_role",
  "aws_iam_role_policy_attachment.ecs-tasks-exec-batch-additional-policy-attachment",
  "aws_iam_policy.batch-additional-policy",
  "aws_iam_role.batch_instance_role",
  "aws_iam_instance_profile.batch_instance_profile",
  "aws_iam_role_policy_attachment.ecs_instance_role",
  "aws_iam_role.batch_service_role",
  "aws_iam_role_policy_attachment.aws_batch_service_role",
  "aws_iam_service_linked_role.AWSServiceRoleForEC2Spot",
  "aws_iam_service_linked_role.AWSServiceRoleForEC2SpotFleet",
  "aws_iam_role.AmazonEC2SpotFleetRole",
  "aws_iam_role_policy_attachment.AmazonEC2SpotFleetRole",
  "aws_batch_compute_environment.compute-environment",
  "aws_batch_job_queue.job_queue",
  "aws_batch_job_definition.job-definition",
];

const MODULE_DATA = [
  "data.aws_region.current",
  "data.aws_iam_policy_document.instance-assume-role-ec2-policy",
  "data.aws_iam_policy_document.instance-assume-role-batch-policy",
];

const COMMON_TAGS = "${local.common_tags}";

/** The precondition every name built from variables carries (see stacks/constructs/name-limits.ts). */
const nameFitsWithin = (max: number) => ({
  precondition: [{ condition: expect.stringMatching(new RegExp(`^\\$\\{\\(length\\(.*\\) <= ${max}\\)\\}$`)), error_message: expect.any(String) }],
});

/** The container properties a template renders to, with sample values (no Terraform needed). */
function renderedTemplates(): { [file: string]: any } {
  const folder = path.join(PROJECT_DIR, "job-definitions");
  return Object.fromEntries(
    fs
      .readdirSync(folder)
      .filter((file) => file.endsWith(".json"))
      .map((file) => [
        file,
        JSON.parse(fs.readFileSync(path.join(folder, file), "utf8").replace(/(?<!\$)\$\{(\w+)\}/g, (_m, name) => (/MEMORY|VCPUS/.test(name) ? "1" : `x-${name}`))),
      ]),
  );
}

const README = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");

const safetySection = README.slice(README.indexOf("## Safety"));


describe("BatchStack default synthesis", () => {
  const { json, tf } = synthStack();

  test("has exactly the module's resources and data sources, at the module's addresses", () => {
    expect(resourceAddresses(tf).sort()).toEqual([...MODULE_RESOURCES].sort());
    expect(dataAddresses(tf).sort()).toEqual([...MODULE_DATA].sort());
  });

  test("moves the job queue and job definition out of module.batch-example", () => {
    expect(tf.moved).toEqual([
      { from: "module.batch-example.aws_batch_job_queue.job_queue", to: "aws_batch_job_queue.job_queue" },
      {
        from: "module.batch-example.aws_batch_job_definition.job-definition",
        to: "aws_batch_job_definition.job-definition",
      },
    ]);
  });

  test("moduleAddress: a team whose module block has another name moves them from there", () => {
    const moved = synthStack({ moduleAddress: 'module.batch["eu"]' }).tf.moved;
    expect(moved.map((move: { from: string }) => move.from)).toEqual([
      'module.batch["eu"].aws_batch_job_queue.job_queue',
      'module.batch["eu"].aws_batch_job_definition.job-definition',
    ]);
  });

  test.each(["batch", "module.", "module.batch.aws_batch_job_queue.job_queue"])("moduleAddress = %j is refused: no module address", (address) => {
    expect(() => synthStack({ moduleAddress: address })).toThrow(
      new RegExp(`^Stack 'batch': moduleAddress = ${JSON.stringify(address).replace(/[.[\]]/g, "\\$&")}: it is not a Terraform module address, .* Fix: write it as Terraform does, e\\.g\\. "module\\.batch"`),
    );
  });

  test("security group: upstream name, description, VPC, and a Name tag only", () => {
    expect(json).toHaveResourceWithProperties({ tfResourceType: "aws_security_group" }, {
      name: "sgr-${var.environment}-${var.application}-batch",
      description: "Allow Private subnets access batch",
      vpc_id: "${var.vpc_id}",
      tags: { Name: "sgr-${var.environment}-${var.application}-batch" },
    });
    expect(tf.resource.aws_security_group["sg-batch"].ingress).toBeUndefined();
  });

  test("egress rule: all protocols to 0.0.0.0/0", () => {
    expect(tf.resource.aws_security_group_rule.batch_www_egress_all).toEqual({
      type: "egress",
      from_port: -1,
      to_port: -1,
      protocol: "all",
      description: "Allow all Outbound Traffic for Batch",
      cidr_blocks: ["0.0.0.0/0"],
      security_group_id: "${aws_security_group.sg-batch.id}",
    });
  });

  test("task execution role trusts ecs-tasks and ec2, untagged, with its two attachments", () => {
    const role = tf.resource.aws_iam_role.batch_ecs_task_execution_role;
    expect(role.name).toBe("role-${var.environment}-${var.application}-batch-ecs-task-execution-role");
    expect(role.tags).toBeUndefined();
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Action: "sts:AssumeRole",
          Effect: "Allow",
          Principal: { Service: ["ecs-tasks.amazonaws.com", "ec2.amazonaws.com"] },
        },
      ],
    });
    const attachments = tf.resource.aws_iam_role_policy_attachment;
    expect(attachments.batch_ecs_task_execution_role).toEqual({
      role: "${aws_iam_role.batch_ecs_task_execution_role.name}",
      policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
    });
    expect(attachments["ecs-tasks-exec-batch-additional-policy-attachment"]).toEqual({
      role: "${aws_iam_role.batch_ecs_task_execution_role.name}",
      policy_arn: "${aws_iam_policy.batch-additional-policy.arn}",
    });
  });

  test("additional policy: the four upstream statements on the bucket variable", () => {
    const policy = tf.resource.aws_iam_policy["batch-additional-policy"];
    expect(policy.name).toBe("policy-${var.environment}-${var.application}-batch-additional-permissions");
    expect(JSON.parse(policy.policy).Statement).toEqual([
      {
        Sid: "AllowBucketOperations",
        Effect: "Allow",
        Action: ["s3:Put*", "s3:Get*", "s3:List*"],
        Resource: ["arn:aws:s3:::${var.bucket_name}/*"],
      },
      { Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::${var.bucket_name}"] },
      { Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:ListAllMyBuckets"], Resource: "*" },
      {
        Sid: "AllowEFSMount",
        Effect: "Allow",
        Action: [
          "elasticfilesystem:ClientMount",
          "elasticfilesystem:ClientWrite",
          "elasticfilesystem:CreateMountTarget",
        ],
        Resource: ["*"],
      },
    ]);
    expect(tf.variable.bucket_name.default).toBe("mybucket");
  });

  // The real provider compares policies by equivalence, but a reviewer diffing
  // the module's state against the stack reads text: same JSON forms (a string
  // stays a string, a list a list) and the same key order as upstream's heredocs.
  test.each([
    ["aws_iam_policy", "batch-additional-policy", "policy", "iam.tf"],
    ["aws_iam_role", "batch_ecs_task_execution_role", "assume_role_policy", "iam.tf"],
    ["aws_iam_role", "AmazonEC2SpotFleetRole", "assume_role_policy", "iam-spot-fleet.tf"],
  ])("%s.%s: the %s document in the module's exact JSON forms and key order", (type, name, argument, file) => {
    const hcl = fs.readFileSync(path.join(FIXTURE_MODULE, file), "utf8");
    const block = hcl.slice(hcl.indexOf(`resource "${type}" "${name}"`));
    const heredoc = /<<EOF\n([\s\S]*?)\nEOF/.exec(block.slice(block.indexOf(argument)))![1];
    const ours = tf.resource[type][name][argument].replaceAll("${var.bucket_name}", "mybucket");
    expect(JSON.stringify(JSON.parse(ours))).toBe(JSON.stringify(JSON.parse(heredoc)));
  });

  test("instance role, profile and attachment", () => {
    expect(tf.data.aws_iam_policy_document["instance-assume-role-ec2-policy"]).toEqual({
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }] }],
    });
    expect(tf.resource.aws_iam_role.batch_instance_role).toEqual({
      name: "role-${var.environment}-${var.application}-batch-instance",
      assume_role_policy: "${data.aws_iam_policy_document.instance-assume-role-ec2-policy.json}",
      tags: COMMON_TAGS,
      lifecycle: nameFitsWithin(64),
    });
    expect(tf.resource.aws_iam_instance_profile.batch_instance_profile).toEqual({
      name: "role-${var.environment}-${var.application}-batch-instance-profile",
      role: "${aws_iam_role.batch_instance_role.name}",
    });
    expect(tf.resource.aws_iam_role_policy_attachment.ecs_instance_role).toEqual({
      role: "${aws_iam_role.batch_instance_role.name}",
      policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
    });
  });

  test("service role and attachment", () => {
    expect(tf.data.aws_iam_policy_document["instance-assume-role-batch-policy"]).toEqual({
      statement: [
        { actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["batch.amazonaws.com"] }] },
      ],
    });
    expect(tf.resource.aws_iam_role.batch_service_role).toEqual({
      name: "role-${var.environment}-${var.application}-batch-service",
      assume_role_policy: "${data.aws_iam_policy_document.instance-assume-role-batch-policy.json}",
      tags: COMMON_TAGS,
      lifecycle: nameFitsWithin(64),
    });
    expect(tf.resource.aws_iam_role_policy_attachment.aws_batch_service_role).toEqual({
      role: "${aws_iam_role.batch_service_role.name}",
      policy_arn: "arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole",
    });
  });

  test("Spot service-linked roles and the account-wide Spot fleet role", () => {
    expect(tf.resource.aws_iam_service_linked_role).toEqual({
      AWSServiceRoleForEC2Spot: { aws_service_name: "spot.amazonaws.com" },
      AWSServiceRoleForEC2SpotFleet: { aws_service_name: "spotfleet.amazonaws.com" },
    });
    const role = tf.resource.aws_iam_role.AmazonEC2SpotFleetRole;
    expect(role.name).toBe("AmazonEC2SpotFleetRole");
    expect(role.tags).toBeUndefined();
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "spotfleet.amazonaws.com" } },
    ]);
    expect(tf.resource.aws_iam_role_policy_attachment.AmazonEC2SpotFleetRole).toEqual({
      role: "${aws_iam_role.AmazonEC2SpotFleetRole.name}",
      policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetTaggingRole",
    });
  });

  test("compute environment: managed SPOT with the module's arguments (aws v6 names)", () => {
    expect(tf.locals.ce_name).toBe("ce-${var.environment}-${var.application}-batchs");
    expect(tf.locals.common_tags).toEqual({
      environment: "${var.environment}",
      application: "${var.application}",
      owner: "${var.owner}",
    });
    const ce = tf.resource.aws_batch_compute_environment["compute-environment"];
    expect(ce).toMatchObject({
      name: "${local.ce_name}",
      service_role: "${aws_iam_role.batch_service_role.arn}",
      type: "MANAGED",
      tags: '${merge({"Name" = local.ce_name}, local.common_tags)}',
      compute_resources: {
        instance_role: "${aws_iam_instance_profile.batch_instance_profile.arn}",
        spot_iam_fleet_role: "${aws_iam_role.AmazonEC2SpotFleetRole.arn}",
        instance_type: "${var.instance_type}",
        max_vcpus: "${var.max_vcpus}",
        min_vcpus: "${var.min_vcpus}",
        desired_vcpus: "${var.desired_vcpus}",
        bid_percentage: "${var.bid_percentage}",
        allocation_strategy: "${var.allocation_strategy}",
        security_group_ids: ["${aws_security_group.sg-batch.id}"],
        subnets: "${var.subnet_ids}",
        type: "SPOT",
      },
    });
    expect(ce.compute_environment_name).toBeUndefined();
  });

  test("compute environment ignores desired_vcpus, which AWS Batch scales", () => {
    const ce = tf.resource.aws_batch_compute_environment["compute-environment"];
    expect(ce.lifecycle).toEqual({ ignore_changes: ["compute_resources[0].desired_vcpus"] });
  });

  test("job queue: name, ENABLED, priority variable, the compute environment at order 0", () => {
    expect(tf.resource.aws_batch_job_queue.job_queue).toEqual({
      name: "queue-${var.environment}-${var.application}-${var.batch_name}",
      state: "ENABLED",
      priority: "${var.batch_job_queue_priority}",
      compute_environment_order: [
        { order: 0, compute_environment: "${aws_batch_compute_environment.compute-environment.arn}" },
      ],
      tags: '${merge({"Name" = var.batch_name}, local.common_tags)}',
      lifecycle: nameFitsWithin(128),
    });
  });

  test("job definition renders the copied template with the module's template variables", () => {
    const jd = tf.resource.aws_batch_job_definition["job-definition"];
    expect(jd.name).toBe("jdef-${var.environment}-${var.application}-${var.batch_name}");
    expect(jd.type).toBe("container");
    expect(jd.tags).toBe('${merge({"Name" = var.batch_name}, local.common_tags)}');
    const match = /^\$\{templatefile\("(assets\/[^"]+\/functionaltest\.json)", \{(.*)\}\)\}$/.exec(jd.container_properties);
    expect(match).not.toBeNull();
    const vars = Object.fromEntries(
      match![2].split(", ").map((pair: string) => {
        const [key, value] = pair.split(" = ");
        return [JSON.parse(key), value];
      }),
    );
    expect(vars).toEqual({
      REGION: "data.aws_region.current.region",
      ENV: "var.environment",
      BATCH_NAME: "var.batch_name",
      BATCH_IMAGE: "var.batch_image",
      BATCH_MEMORY: "var.batch_memory",
      BATCH_VCPUS: "var.batch_vcpus",
      JOB_ROLE_ARN: "aws_iam_role.batch_ecs_task_execution_role.arn",
      EXECUTION_ROLE_ARN: "aws_iam_role.batch_ecs_task_execution_role.arn",
      BUCKET_NAME: "var.bucket_name",
    });
  });

  test("aws provider 6.25.0 in the region variable", () => {
    expect(tf.terraform.required_providers.aws.version).toBe("6.25.0");
    expect(json).toHaveProviderWithProperties({ tfResourceType: "aws" }, { region: "${var.region}" });
    expect(tf.variable.region.default).toBe("eu-central-1");
  });
});

describe("BatchStack variables and outputs", () => {
  const { tf } = synthStack();

  // name: [type, default, description], as the HCL module declares them.
  const MODULE_VARIABLES: { [name: string]: [string, unknown, string] } = {
    environment: ["string", undefined, "The environment on which we want create resources"],
    owner: ["string", undefined, "The owner of the environment"],
    application: ["string", "origenes", "The name of the application"],
    subnet_ids: ["list(string)", undefined, "subnet id's for batch"],
    vpc_id: ["string", undefined, "vpc id"],
    compute_environment_name: ["string", "default", "compute environment"],
    batch_name: ["string", undefined, "Batch geography name"],
    batch_image: ["string", undefined, "batch image"],
    batch_job_queue_priority: ["number", 1, "Batch Job Queue Priority"],
    batch_memory: [
      "number",
      1024,
      "the memory allocated to the container. Can't be greather than memory available from spot instance type",
    ],
    batch_vcpus: [
      "number",
      1,
      "the number of vcpus allocated to the container. Can't be greather than vcpus available from spot instance type",
    ],
    instance_type: ["list(string)", ["m4"], "batch instance type"],
    max_vcpus: ["number", 1, "batch max vcpus"],
    min_vcpus: ["number", 0, "batch min_vcpus"],
    desired_vcpus: ["number", 0, "batch desired vcpus"],
    job_queue_priority: ["number", 1, "Batch Job Queue Priority"],
    bid_percentage: ["number", 100, expect.stringMatching(/^Integer of minimum percentage that a Spot Instance price/)],
    allocation_strategy: ["string", "SPOT_CAPACITY_OPTIMIZED", "the allocation strategy to affect to the ComputeEnvironment"],
  };

  test.each(Object.entries(MODULE_VARIABLES))("variable %s keeps its type, default and description", (name, spec) => {
    const [type, defaultValue, description] = spec;
    expect(tf.variable[name]).toMatchObject({ type, description });
    expect(tf.variable[name].default).toEqual(defaultValue);
  });

  test("adds only the region and bucket_name variables, both with upstream's literal values as defaults", () => {
    const added = Object.keys(tf.variable).filter((name) => !(name in MODULE_VARIABLES));
    expect(added.sort()).toEqual(["bucket_name", "region"]);
  });

  test("the six module outputs keep their values and descriptions; two ARNs are added", () => {
    expect(tf.output).toEqual({
      batch_security_group_id: {
        value: "${aws_security_group.sg-batch.id}",
        description: "The Security Group Id in which each Batch is associated.",
      },
      batch_instance_profile_arn: {
        value: "${aws_iam_instance_profile.batch_instance_profile.arn}",
        description: "The Instance Profile ARN associated to each Batchs.",
      },
      batch_service_role_arn: {
        value: "${aws_iam_role.batch_service_role.arn}",
        description: "The Batch Service Role ARN for execution Batchs.",
      },
      batch_spot_iam_fleet_role_arn: {
        value: "${aws_iam_role.AmazonEC2SpotFleetRole.arn}",
        description: "The Dedicated Spot Role ARN use for interact with spot fleet.",
      },
      batch_compute_environment_name: {
        value: "${aws_batch_compute_environment.compute-environment.name}",
        description: "The Compute Environment name used to execute batchs.",
      },
      batch_compute_environment_state: {
        value: "${aws_batch_compute_environment.compute-environment.state}",
        description: "The Compute Environment state used to execute batchs",
      },
      batch_job_queue_arn: {
        value: "${aws_batch_job_queue.job_queue.arn}",
        description: expect.any(String),
      },
      batch_job_definition_arn: {
        value: "${aws_batch_job_definition.job-definition.arn}",
        description: expect.any(String),
      },
    });
  });
});

describe("BatchStack output folder", () => {
  // Given a project with the upstream tfvars and template,
  // when it is fully synthesized,
  // then the stack folder holds the template at the path the stack names, and the tfvars.
  const projectDir = tempProject({ "terraform.tfvars": fs.readFileSync(path.join(PROJECT_DIR, "terraform.tfvars"), "utf8") });
  const app = new App({ outdir: path.join(projectDir, "cdktf.out"), skipValidation: true });
  const stack = new BatchStack(app, "batch", { projectDir });
  app.synth();
  const stackDir = path.join(projectDir, "cdktf.out", "stacks", "batch");
  const tf = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));

  test("the template sits inside the stack folder, unchanged, at the relative path templatefile reads", () => {
    const templatePath = /templatefile\("([^"]+)"/.exec(tf.resource.aws_batch_job_definition["job-definition"].container_properties)![1];
    expect(path.isAbsolute(templatePath)).toBe(false);
    expect(fs.readFileSync(path.join(stackDir, templatePath), "utf8")).toBe(
      fs.readFileSync(path.join(PROJECT_DIR, "job-definitions", "functionaltest.json"), "utf8"),
    );
  });

  test("terraform.tfvars is copied into the stack folder, where terraform plan loads it", () => {
    expect(fs.readFileSync(path.join(stackDir, "terraform.tfvars"), "utf8")).toBe(
      fs.readFileSync(path.join(PROJECT_DIR, "terraform.tfvars"), "utf8"),
    );
    expect(stack.node.tryFindChild("tfvars")).toBeDefined();
  });

  test("without a terraform.tfvars, none is written and synthesis still works", () => {
    const bare = tempProject();
    const bareApp = new App({ outdir: path.join(bare, "cdktf.out"), skipValidation: true });
    new BatchStack(bareApp, "batch", { projectDir: bare });
    bareApp.synth();
    expect(fs.existsSync(path.join(bare, "cdktf.out", "stacks", "batch", "terraform.tfvars"))).toBe(false);
  });

  test("a tfvars file asked for by name must exist", () => {
    const bare = tempProject();
    expect(() => new BatchStack(new App({ outdir: path.join(bare, "cdktf.out") }), "batch", {
      projectDir: bare,
      tfvarsFile: "prod.tfvars",
    })).toThrow(/TfvarsFile 'tfvars': prod.tfvars: the file does not exist/);
  });
});

describe("upstream data files", () => {
  // SHA-256 of upstream's terraform.tfvars and job-defintions/functionaltest.json
  // (jparnaudeau/demo-aws-batch), as this project copied them: the drop-in
  // proof runs on upstream's own files, so none may drift.
  const UPSTREAM_SHA256 = {
    "terraform.tfvars": "d63a139e7f3d9a354bbdcae83764b8721187b15903205f1a5f6a5a1b7c8aeb15",
    "functionaltest.json": "1143e2cdd618dcb0a9eeb1876bc6c40fd94f61af0d800ac307122ad324d8da4d",
  };
  const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

  test.each([
    ["the project's", PROJECT_DIR, "job-definitions"],
    ["the drop-in fixture module's", FIXTURE_MODULE, "job-defintions"],
  ])("%s template and tfvars are upstream's, unchanged", (_which, folder, templates) => {
    expect(sha256(path.join(folder, templates, "functionaltest.json"))).toBe(UPSTREAM_SHA256["functionaltest.json"]);
    expect(sha256(path.join(folder, "terraform.tfvars"))).toBe(UPSTREAM_SHA256["terraform.tfvars"]);
  });
});

describe("security rules on the default synthesis", () => {
  const { tf } = synthStack();
  test.each(Object.keys(RULES))("%s: no finding", (id) => {
    expect(RULES[id](tf)).toEqual([]);
  });
});

describe("security rules with every option on", () => {
  const { tf } = synthStack({
    onDemandFallback: true,
    s3Trigger: { deadLetterQueue: true },
    egressCidrBlocks: ["10.0.0.0/8"],
    scopedSpotFleetRoleName: true,
    jobDefinitions: { functionaltest: { separateJobRole: true, moveJobLevelKeys: true } },
    launchTemplate: {},
    imageType: "ECS_AL2023",
    instanceTags: true,
    jobLogs: true,
    alerts: true,
  });
  test.each(Object.keys(RULES))("%s: no finding", (id) => {
    expect(RULES[id](tf)).toEqual([]);
  });
});

describe("security rules with leastPrivilege and egressRules", () => {
  const { tf } = synthStack({
    projectDir: tempProject({ "job-definitions/functionaltest.json": UPSTREAM_TEMPLATE.replace('"privileged": true', '"privileged": false') }),
    leastPrivilege: true,
    s3Trigger: { deadLetterQueue: true },
    jobDefinitions: { functionaltest: { separateJobRole: true } },
    egressRules: [{ description: "HTTPS", protocol: "tcp", port: 443, cidrBlocks: ["0.0.0.0/0"] }],
    alerts: true,
  });
  test.each(Object.keys(RULES))("%s: no finding", (id) => {
    expect(RULES[id](tf)).toEqual([]);
  });
  test("the execution role trusted by the module's two services is a finding here", () => {
    const broken = JSON.parse(JSON.stringify(tf));
    const trust = JSON.parse(broken.resource.aws_iam_role.batch_ecs_task_execution_role.assume_role_policy);
    trust.Statement[0].Principal.Service = ["ecs-tasks.amazonaws.com", "ec2.amazonaws.com"];
    broken.resource.aws_iam_role.batch_ecs_task_execution_role.assume_role_policy = JSON.stringify(trust);
    expect(RULES.CKV_AWS_60_61(broken)).toEqual(["batch_ecs_task_execution_role"]);
  });
});

describe("each security rule catches a stack that breaks it", () => {
  // The rules of the opt-in resources break on the stack that has them.
  const everyOption = synthStack({ launchTemplate: {}, alerts: true, s3Trigger: { deadLetterQueue: true } }).json;
  const broken = (mutate: (tf: Tf) => void): Tf => {
    const tf = JSON.parse(everyOption);
    mutate(tf);
    return tf;
  };
  const cases: [string, (tf: Tf) => void][] = [
    ["CKV_AWS_23", (tf) => delete tf.resource.aws_security_group_rule.batch_www_egress_all.description],
    ["NO_INGRESS", (tf) => (tf.resource.aws_security_group_rule.ssh = { type: "ingress", description: "ssh" })],
    [
      "CKV_AWS_63",
      (tf) => {
        const policy = JSON.parse(tf.resource.aws_iam_policy["batch-additional-policy"].policy);
        policy.Statement[3].Action = "*";
        tf.resource.aws_iam_policy["batch-additional-policy"].policy = JSON.stringify(policy);
      },
    ],
    [
      "S3_SCOPED_TO_BUCKET",
      (tf) => {
        const policy = JSON.parse(tf.resource.aws_iam_policy["batch-additional-policy"].policy);
        policy.Statement[0].Resource = ["arn:aws:s3:::*/*"];
        tf.resource.aws_iam_policy["batch-additional-policy"].policy = JSON.stringify(policy);
      },
    ],
    [
      "CKV_AWS_60_61",
      (tf) =>
        tf.data.aws_iam_policy_document["instance-assume-role-batch-policy"].statement[0].principals[0].identifiers.push(
          "lambda.amazonaws.com",
        ),
    ],
    [
      "SPOT_FLEET_TAGGING_ROLE",
      (tf) =>
        (tf.resource.aws_iam_role_policy_attachment.AmazonEC2SpotFleetRole.policy_arn =
          "arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetRole"),
    ],
    ["CE_DEPENDS_ON_SERVICE_ROLE_POLICY", (tf) => delete tf.resource.aws_batch_compute_environment["compute-environment"].depends_on],
    ["CKV_AWS_79", (tf) => (tf.resource.aws_launch_template["batch-hosts"].metadata_options.http_tokens = "optional")],
    ["CKV_AWS_341", (tf) => (tf.variable.instance_metadata_hop_limit.default = 2)],
    ["EBS_ENCRYPTED_BY_DEFAULT", (tf) => (tf.variable.root_volume_encrypted.default = false)],
    ["CKV_AWS_26", (tf) => delete tf.resource.aws_sns_topic["batch-alerts"].kms_master_key_id],
    ["CKV_AWS_7", (tf) => (tf.resource.aws_kms_key["batch-alerts-key"].enable_key_rotation = false)],
    [
      "SNS_PUBLISH_BY_SOURCE_ARN",
      (tf) => {
        const policy = JSON.parse(tf.resource.aws_sns_topic_policy["batch-alerts-publishers"].policy);
        delete policy.Statement[1].Condition;
        tf.resource.aws_sns_topic_policy["batch-alerts-publishers"].policy = JSON.stringify(policy);
      },
    ],
  ];
  test("every rule has a broken case", () => {
    expect(cases.map(([id]) => id).sort()).toEqual(Object.keys(RULES).sort());
  });
  test.each(cases)("%s finds the break", (id, mutate) => {
    expect(RULES[id](broken(mutate)).length).toBeGreaterThan(0);
  });
});

describe("templates", () => {
  // CKV_AWS_210: no privileged container unless the README's Safety section names its template.
  test("CKV_AWS_210: every privileged template is listed in the README's Safety section", () => {
    const privileged = Object.entries(renderedTemplates()).filter(([, properties]) => properties.privileged === true);
    for (const [file] of privileged) {
      expect({ file, listed: safetySection.includes(`job-definitions/${file}`) }).toEqual({ file, listed: true });
    }
  });

  test("secrets only as valueFrom: no environment value and no other key holds a secret reference", () => {
    for (const [file, properties] of Object.entries(renderedTemplates())) {
      const outsideSecrets = JSON.stringify({ ...properties, secrets: undefined });
      expect({ file, leaks: outsideSecrets.includes("x-MY_PASSWORD_SECRET_ARN") }).toEqual({ file, leaks: false });
    }
  });
});

describe("accepted findings, each removed by its option", () => {
  test("egress to 0.0.0.0/0 by default; egressCidrBlocks narrows it", () => {
    expect(synthStack().tf.resource.aws_security_group_rule.batch_www_egress_all.cidr_blocks).toEqual(["0.0.0.0/0"]);
    const rule = synthStack({ egressCidrBlocks: ["10.0.0.0/8"] }).tf.resource.aws_security_group_rule.batch_www_egress_all;
    expect(rule.cidr_blocks).toEqual(["10.0.0.0/8"]);
    expect(rule.description).toBe("Allow Outbound Traffic for Batch to its allow-list only");
  });

  test.each([[[]], [["10.0.0.0"]], [["anywhere"]]])("egressCidrBlocks %j is refused at synth", (blocks) => {
    expect(() => synthStack({ egressCidrBlocks: blocks })).toThrow(/BatchSecurityGroup 'network': egressCidrBlocks/);
  });

  test("account-wide AmazonEC2SpotFleetRole by default; scopedSpotFleetRoleName names it per environment", () => {
    expect(synthStack().tf.resource.aws_iam_role.AmazonEC2SpotFleetRole.name).toBe("AmazonEC2SpotFleetRole");
    expect(synthStack({ scopedSpotFleetRoleName: true }).tf.resource.aws_iam_role.AmazonEC2SpotFleetRole.name).toBe(
      "role-${var.environment}-${var.application}-batch-spot-fleet",
    );
  });

  test("Spot service-linked roles created by default; createSpotServiceLinkedRoles: false skips them", () => {
    expect(Object.keys(synthStack().tf.resource.aws_iam_service_linked_role)).toHaveLength(2);
    expect(synthStack({ createSpotServiceLinkedRoles: false }).tf.resource.aws_iam_service_linked_role).toBeUndefined();
  });
});

describe("options off leave the default synthesis byte-identical", () => {
  test.each([
    [{ onDemandFallback: false }],
    [{ s3Trigger: undefined }],
    [{ jobDefinitions: {} }],
  ])("%j", (overrides) => {
    expect(synthStack(overrides).json).toBe(synthStack().json);
  });
});
