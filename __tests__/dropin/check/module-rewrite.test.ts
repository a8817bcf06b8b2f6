// The rewrite of an aws 3.x-5.x HCL module to the aws 6.x names the drop-in
// check runs it with: only in the right blocks, formatting and comments kept,
// every change reported at its original line, and the result still HCL.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "@cdktf/hcl2json";
import { Rewrite, rewriteTextToV6, rewriteToV6 } from "../../../dropin/check/module-rewrite";

// Not imported from check.ts: these tests need none of the Terraform machinery.
const FIXTURE_MODULE = path.join(__dirname, "..", "..", "..", "dropin", "fixture-module");

/**
 * The fixture's child module batch-deployment/main.tf as a team wrote it for
 * aws 5.x: `compute_environment_name` and `compute_environments`.
 */
const AWS5_BATCH_DEPLOYMENT = `locals {
  common_tags = {
    environment = var.environment
    application = var.application
    owner       = var.owner
  }
}

# Upstream's module can own a compute environment too; this call uses the root one.
resource "aws_batch_compute_environment" "compute-environment" {
  count = var.create_compute_environment ? 1 : 0

  compute_environment_name = "ce-\${var.environment}-\${var.application}-\${var.batch_name}"
  type                     = "UNMANAGED"
}

resource "aws_batch_job_queue" "job_queue" {
  name                 = "queue-\${var.environment}-\${var.application}-\${var.batch_name}"
  state                = "ENABLED"
  priority             = var.batch_job_queue_priority
  compute_environments = [var.compute_environment_arn]

  tags = merge({ Name = var.batch_name }, local.common_tags)
}

resource "aws_batch_job_definition" "job-definition" {
  name = "jdef-\${var.environment}-\${var.application}-\${var.batch_name}"
  type = "container"
  tags = merge({ Name = var.batch_name }, local.common_tags)

  container_properties = templatefile("job-defintions/functionaltest.json", {
    REGION             = var.region
    ENV                = var.environment
    BATCH_NAME         = var.batch_name
    BATCH_IMAGE        = var.batch_image
    BATCH_MEMORY       = var.batch_memory
    BATCH_VCPUS        = var.batch_vcpus
    JOB_ROLE_ARN       = var.job_role_arn
    EXECUTION_ROLE_ARN = var.execution_role_arn
    BUCKET_NAME        = "mybucket"
  })
}
`;

/** Upstream's own child module (jparnaudeau/demo-aws-batch), in its own formatting. */
const UPSTREAM_BATCH_DEPLOYMENT = `resource "aws_batch_compute_environment" "compute-environment" {
  count                    = var.create_compute_environment ? 1 : 0
  compute_environment_name = var.ce_name
  service_role             = var.batch_service_role_arn
  type                     = var.ce_type

  compute_resources {
    instance_role = var.batch_instance_profile_arn
    instance_type = var.instance_type
    max_vcpus     = var.max_vcpus
    type    = "SPOT"
  }

  // To prevent a race condition during environment deletion, make sure to set depends_on to the related
  //depends_on = [aws_iam_role_policy_attachment.aws_batch_service_role]

  tags = merge({Name = var.batch_name},var.tags)

  lifecycle {
    ignore_changes = [
       compute_resources.0.desired_vcpus
    ]
   }
}

resource "aws_batch_job_queue" "job_queue" {
  name                 = var.batch_job_queue_name
  state                = var.batch_job_queue_state
  priority             = var.batch_job_queue_priority
  compute_environments = [try(aws_batch_compute_environment.compute-environment.0.arn,var.compute_environment_arn)]
  tags                 = merge({Name = var.batch_name},var.tags)
}
`;

const rewrite = (text: string, file = "main.tf") => rewriteTextToV6(text, file, { awsVersion: "6.25.0" });

/** hcl2json's JSON of one file, or the parse error. */
const hcl = (text: string, file = "main.tf"): Promise<Record<string, any>> => parse(file, text);

const queueOf = (json: Record<string, any>, name = "job_queue") => json.resource.aws_batch_job_queue[name][0];

describe("compute_environment_name -> name", () => {
  test("the argument is renamed inside aws_batch_compute_environment, its = kept in its aligned column", () => {
    const text = [
      `resource "aws_batch_compute_environment" "ce" {`,
      `  compute_environment_name = "ce-x"`,
      `  type                     = "MANAGED"`,
      `}`,
      ``,
    ].join("\n");
    const result = rewrite(text);
    expect(result.text).toBe(text.replace(`compute_environment_name = "ce-x"`, `name                     = "ce-x"`));
    expect(result.rewrites).toEqual<Rewrite[]>([
      { file: "main.tf", line: 2, before: `compute_environment_name = "ce-x"`, after: `name                     = "ce-x"` },
    ]);
  });

  test("a lone argument keeps its spacing; the prefix becomes name_prefix", () => {
    const result = rewrite(`resource "aws_batch_compute_environment" "ce" {\n  compute_environment_name_prefix = "ce-"\n\n  type = "MANAGED"\n}\n`);
    expect(result.text).toContain(`\n  name_prefix = "ce-"\n`);
    expect(result.rewrites.map((r) => [r.line, r.after])).toEqual([[2, `name_prefix = "ce-"`]]);
  });

  test("references, with index and splat forms, and ignore_changes follow", () => {
    const text = [
      `output "a" { value = aws_batch_compute_environment.ce.compute_environment_name }`,
      `output "b" { value = aws_batch_compute_environment.ce[0].compute_environment_name }`,
      `output "c" { value = aws_batch_compute_environment.ce.*.compute_environment_name }`,
      `output "d" { value = aws_batch_compute_environment.ce[*].compute_environment_name_prefix }`,
      `output "e" { value = "\${aws_batch_compute_environment.ce.0.compute_environment_name}-x" }`,
      `output "f" { value = data.aws_batch_compute_environment.existing.compute_environment_name }`,
      `resource "aws_batch_compute_environment" "ce" {`,
      `  name = "x"`,
      `  lifecycle {`,
      `    ignore_changes = [compute_environment_name, compute_resources.0.desired_vcpus]`,
      `  }`,
      `}`,
    ].join("\n");
    const result = rewrite(text);
    expect(result.rewrites.map((r) => `${r.line}: ${r.after}`)).toEqual([
      `1: output "a" { value = aws_batch_compute_environment.ce.name }`,
      `2: output "b" { value = aws_batch_compute_environment.ce[0].name }`,
      `3: output "c" { value = aws_batch_compute_environment.ce.*.name }`,
      `4: output "d" { value = aws_batch_compute_environment.ce[*].name_prefix }`,
      `5: output "e" { value = "\${aws_batch_compute_environment.ce.0.name}-x" }`,
      `6: output "f" { value = data.aws_batch_compute_environment.existing.name }`,
      `10: ignore_changes = [name, compute_resources.0.desired_vcpus]`,
    ]);
  });

  test("the data source's argument is renamed too", () => {
    const result = rewrite(`data "aws_batch_compute_environment" "existing" {\n  compute_environment_name = "shared"\n}\n`);
    expect(result.text).toBe(`data "aws_batch_compute_environment" "existing" {\n  name = "shared"\n}\n`);
  });

  test("the ROOT variable named compute_environment_name, its uses and a module argument are untouched", () => {
    const text = [
      `variable "compute_environment_name" {`,
      `  type        = string`,
      `  description = "compute environment"`,
      `  default     = "default"`,
      `}`,
      ``,
      `module "batch-example" {`,
      `  source                   = "./batch-deployment"`,
      `  compute_environment_name = var.compute_environment_name`,
      `}`,
      ``,
      `locals {`,
      `  compute_environment_name = "\${var.compute_environment_name}-x"`,
      `}`,
      ``,
      `resource "aws_batch_compute_environment" "ce" {`,
      `  # compute_environment_name = "commented out"`,
      `  compute_environment_name = var.compute_environment_name`,
      `  description_of_it        = "compute_environment_name = x"`,
      `}`,
      ``,
    ].join("\n");
    const result = rewrite(text);
    expect(result.rewrites).toEqual<Rewrite[]>([
      {
        file: "main.tf",
        line: 18,
        before: "compute_environment_name = var.compute_environment_name",
        after: "name                     = var.compute_environment_name",
      },
    ]);
    expect(result.text.split("\n").filter((line, i) => line !== text.split("\n")[i])).toEqual([
      "  name                     = var.compute_environment_name",
    ]);
  });
});

describe("compute_environments -> compute_environment_order", () => {
  test("one environment: one block at order 0, in place, in the argument's indentation", async () => {
    const result = rewrite(
      `resource "aws_batch_job_queue" "q" {\n  name                 = "q"\n  compute_environments = [aws_batch_compute_environment.ce.arn]\n  priority             = 1\n}\n`,
    );
    expect(result.text).toBe(
      [
        `resource "aws_batch_job_queue" "q" {`,
        `  name                 = "q"`,
        `  compute_environment_order {`,
        `    order               = 0`,
        `    compute_environment = aws_batch_compute_environment.ce.arn`,
        `  }`,
        `  priority             = 1`,
        `}`,
        ``,
      ].join("\n"),
    );
    expect(result.rewrites).toEqual<Rewrite[]>([
      {
        file: "main.tf",
        line: 3,
        before: "compute_environments = [aws_batch_compute_environment.ce.arn]",
        after: "compute_environment_order { order = 0  compute_environment = aws_batch_compute_environment.ce.arn }",
      },
    ]);
  });

  test("two environments get order 0 and 1, in list order", async () => {
    const result = rewrite(
      `resource "aws_batch_job_queue" "q" {\n  compute_environments = [aws_batch_compute_environment.spot.arn, aws_batch_compute_environment.ondemand.arn]\n}\n`,
    );
    const orders = queueOf(await hcl(result.text), "q").compute_environment_order;
    expect(orders).toEqual([
      { order: 0, compute_environment: "${aws_batch_compute_environment.spot.arn}" },
      { order: 1, compute_environment: "${aws_batch_compute_environment.ondemand.arn}" },
    ]);
    expect(result.rewrites[0].after).toBe(
      "compute_environment_order { order = 0  compute_environment = aws_batch_compute_environment.spot.arn }  " +
        "compute_environment_order { order = 1  compute_environment = aws_batch_compute_environment.ondemand.arn }",
    );
  });

  test("a multi-line list with comments and a trailing comma: comments kept beside their environment", async () => {
    const text = [
      `resource "aws_batch_job_queue" "q" {`,
      `  name = "q"`,
      ``,
      `  compute_environments = [`,
      `    aws_batch_compute_environment.spot.arn, # cheap first`,
      `    # then on demand`,
      `    try(aws_batch_compute_environment.ondemand[0].arn, var.fallback_arn),`,
      `  ]`,
      `  state = "ENABLED"`,
      `}`,
      ``,
    ].join("\n");
    const result = rewrite(text);
    expect(result.text).toBe(
      [
        `resource "aws_batch_job_queue" "q" {`,
        `  name = "q"`,
        ``,
        `  compute_environment_order {`,
        `    order               = 0`,
        `    compute_environment = aws_batch_compute_environment.spot.arn # cheap first`,
        `  }`,
        `  # then on demand`,
        `  compute_environment_order {`,
        `    order               = 1`,
        `    compute_environment = try(aws_batch_compute_environment.ondemand[0].arn, var.fallback_arn)`,
        `  }`,
        `  state = "ENABLED"`,
        `}`,
        ``,
      ].join("\n"),
    );
    expect(result.rewrites).toEqual<Rewrite[]>([
      {
        file: "main.tf",
        line: 4,
        before: "compute_environments = [aws_batch_compute_environment.spot.arn, try(aws_batch_compute_environment.ondemand[0].arn, var.fallback_arn)]",
        after:
          "compute_environment_order { order = 0  compute_environment = aws_batch_compute_environment.spot.arn }  " +
          "compute_environment_order { order = 1  compute_environment = try(aws_batch_compute_environment.ondemand[0].arn, var.fallback_arn) }",
      },
    ]);
    expect(queueOf(await hcl(result.text), "q").state).toBe("ENABLED");
  });

  test("a list that is not a literal becomes a dynamic block over it", async () => {
    const text = `resource "aws_batch_job_queue" "q" {\n  compute_environments = var.ce_arns\n  lifecycle {\n    ignore_changes = [compute_environments]\n  }\n}\n`;
    const result = rewrite(text);
    const queue = queueOf(await hcl(result.text), "q");
    expect(queue.dynamic.compute_environment_order).toEqual([
      {
        for_each: "${var.ce_arns}",
        content: [{ order: "${compute_environment_order.key}", compute_environment: "${compute_environment_order.value}" }],
      },
    ]);
    expect(queue.lifecycle).toEqual([{ ignore_changes: ["${compute_environment_order}"] }]);
    expect(result.rewrites.map((r) => [r.line, r.before])).toEqual([
      [2, "compute_environments = var.ce_arns"],
      [4, "ignore_changes = [compute_environments]"],
    ]);
  });

  test("a for expression is not a list literal", async () => {
    const result = rewrite(`resource "aws_batch_job_queue" "q" {\n  compute_environments = [for ce in aws_batch_compute_environment.all : ce.arn]\n}\n`);
    expect(queueOf(await hcl(result.text), "q").dynamic.compute_environment_order[0].for_each).toBe(
      "${[for ce in aws_batch_compute_environment.all : ce.arn]}",
    );
  });

  test("references to the queue's list read the order blocks' environments", () => {
    const result = rewrite(`output "ces" {\n  value = aws_batch_job_queue.q.compute_environments\n}\n`);
    expect(result.rewrites.map((r) => r.after)).toEqual(["value = aws_batch_job_queue.q.compute_environment_order[*].compute_environment"]);
  });

  test("only inside aws_batch_job_queue: another resource's or a module's compute_environments stay", () => {
    const text = `module "m" {\n  source               = "./m"\n  compute_environments = [var.a]\n}\n`;
    expect(rewrite(text)).toEqual({ text, rewrites: [] });
  });
});

describe("data.aws_region name -> region", () => {
  test("attribute references in every form, in code and in interpolations; literal text untouched", () => {
    const text = [
      `locals {`,
      `  a = data.aws_region.current.name`,
      `  b = data.aws_region.other[0].name`,
      `  c = data.aws_region.other.*.name`,
      `  d = data.aws_region.other[*].name`,
      `  e = "arn:aws:s3:\${data.aws_region.current.name}:x"`,
      `  f = data.aws_regions.all.names`,
      `  g = data.aws_region.current.description`,
      `  h = "data.aws_region.current.name"`,
      `  policy = <<EOF`,
      `{"Resource": "arn:aws:logs:\${data.aws_region.current.name}:*"}`,
      `EOF`,
      `}`,
    ].join("\n");
    const result = rewrite(text);
    expect(result.rewrites.map((r) => `${r.line}: ${r.after}`)).toEqual([
      `2: a = data.aws_region.current.region`,
      `3: b = data.aws_region.other[0].region`,
      `4: c = data.aws_region.other.*.region`,
      `5: d = data.aws_region.other[*].region`,
      `6: e = "arn:aws:s3:\${data.aws_region.current.region}:x"`,
      `11: {"Resource": "arn:aws:logs:\${data.aws_region.current.region}:*"}`,
    ]);
  });

  test("the deprecated name argument of the data source becomes region", () => {
    const result = rewrite(`data "aws_region" "other" {\n  name = "eu-west-1"\n}\n`);
    expect(result.text).toBe(`data "aws_region" "other" {\n  region = "eu-west-1"\n}\n`);
  });
});

describe("the aws version constraint", () => {
  const terraform = (constraint: string) =>
    `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "${constraint}"\n    }\n  }\n}\n`;

  test.each(["~> 5.0", "~> 4.67", ">= 3.0, < 6.0", "5.31.0", "~> 6.26"])("%s, which excludes 6.25.0, is replaced by it", (constraint) => {
    const result = rewrite(terraform(constraint));
    expect(result.text).toBe(terraform("6.25.0"));
    expect(result.rewrites).toEqual<Rewrite[]>([{ file: "main.tf", line: 5, before: `version = "${constraint}"`, after: `version = "6.25.0"` }]);
  });

  test.each([">= 3.0", "~> 6.0", "~> 6", "6.25.0", ">= 4.0, != 6.1.0"])("%s, which admits 6.25.0, is kept", (constraint) => {
    expect(rewrite(terraform(constraint)).rewrites).toEqual([]);
  });

  test("the legacy string form and the provider block's version argument", () => {
    const text = `terraform {\n  required_providers {\n    aws = "~> 3.0"\n  }\n}\n\nprovider "aws" {\n  region  = "eu-central-1"\n  version = "~> 2.70"\n}\n`;
    expect(rewrite(text).rewrites.map((r) => [r.line, r.after])).toEqual([
      [3, `aws = "6.25.0"`],
      [9, `version = "6.25.0"`],
    ]);
  });

  test("another provider's constraint is not touched", () => {
    const text = `terraform {\n  required_providers {\n    random = {\n      source  = "hashicorp/random"\n      version = "~> 2.0"\n    }\n  }\n}\n`;
    expect(rewrite(text).rewrites).toEqual([]);
  });
});

describe("structure and robustness", () => {
  test("the aws 5 batch-deployment/main.tf turns into the fixture's v6 one, as HCL", async () => {
    const result = rewrite(AWS5_BATCH_DEPLOYMENT, "batch-deployment/main.tf");
    const fixture = fs.readFileSync(path.join(FIXTURE_MODULE, "batch-deployment", "main.tf"), "utf8");
    expect(await hcl(result.text)).toEqual(await hcl(fixture));
    expect(result.rewrites).toEqual<Rewrite[]>([
      {
        file: "batch-deployment/main.tf",
        line: 13,
        before: 'compute_environment_name = "ce-${var.environment}-${var.application}-${var.batch_name}"',
        after: 'name                     = "ce-${var.environment}-${var.application}-${var.batch_name}"',
      },
      {
        file: "batch-deployment/main.tf",
        line: 21,
        before: "compute_environments = [var.compute_environment_arn]",
        after: "compute_environment_order { order = 0  compute_environment = var.compute_environment_arn }",
      },
    ]);
    // The lines around the rewrites, the comment among them, are the user's.
    expect(result.text).toContain("# Upstream's module can own a compute environment too; this call uses the root one.\n");
    expect(result.text).toContain(`  priority             = var.batch_job_queue_priority\n  compute_environment_order {\n`);
  });

  test("upstream's own child module: the try() inside the list is one environment", async () => {
    const result = rewrite(UPSTREAM_BATCH_DEPLOYMENT);
    const json = await hcl(result.text);
    expect(json.resource.aws_batch_compute_environment["compute-environment"][0].name).toBe("${var.ce_name}");
    expect(queueOf(json).compute_environment_order).toEqual([
      { order: 0, compute_environment: "${try(aws_batch_compute_environment.compute-environment.0.arn,var.compute_environment_arn)}" },
    ]);
    expect(queueOf(json).compute_environments).toBeUndefined();
    expect(result.rewrites.map((r) => r.line)).toEqual([3, 30]);
  });

  test("braces in strings, heredocs and comments do not end a block early", async () => {
    const text = [
      `resource "aws_batch_job_definition" "jd" {`,
      `  name = "}"`,
      `  # a stray { in a comment`,
      `  container_properties = <<EOF`,
      `{"command": ["echo", "}"], "environment": [{"name": "X", "value": "\${var.x}"}]}`,
      `}`,
      `EOF`,
      `  /* } */ tags = { Note = "{" }`,
      `}`,
      ``,
      `resource "aws_batch_compute_environment" "ce" {`,
      `  tags = { Name = "\${format("%s}", var.y)}" }`,
      `  compute_environment_name = "ce"`,
      `}`,
      ``,
    ].join("\n");
    const result = rewrite(text);
    expect(result.rewrites).toEqual<Rewrite[]>([{ file: "main.tf", line: 13, before: `compute_environment_name = "ce"`, after: `name = "ce"` }]);
    expect((await hcl(result.text)).resource.aws_batch_compute_environment.ce[0].name).toBe("ce");
  });

  test("idempotent: the rewritten text rewrites to itself with no rewrite", () => {
    for (const text of [AWS5_BATCH_DEPLOYMENT, UPSTREAM_BATCH_DEPLOYMENT]) {
      const once = rewrite(text).text;
      expect(rewrite(once)).toEqual({ text: once, rewrites: [] });
    }
  });

  test("the v6 fixture module is unchanged, file by file", () => {
    const files = ["batch-deployment/main.tf", "batch-deployment/outputs.tf", "batch-deployment/variables.tf"].concat(
      fs.readdirSync(FIXTURE_MODULE).filter((name) => name.endsWith(".tf")),
    );
    for (const file of files) {
      const text = fs.readFileSync(path.join(FIXTURE_MODULE, file), "utf8");
      expect({ file, ...rewrite(text, file) }).toEqual({ file, text, rewrites: [] });
    }
  });
});

describe("rewriteToV6 on a module copy", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "module-rewrite-"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test("a copy of the v6 fixture: no rewrite, no file touched", () => {
    const copy = path.join(root, "module");
    fs.cpSync(FIXTURE_MODULE, copy, { recursive: true });
    const before = fs.readFileSync(path.join(copy, "compute_environment.tf"), "utf8");
    expect(rewriteToV6(copy)).toEqual([]);
    expect(fs.readFileSync(path.join(copy, "compute_environment.tf"), "utf8")).toBe(before);
  });

  test("rewrites the root and child module files in place, skips .terraform, reports paths from the root", () => {
    const copy = path.join(root, "module");
    fs.mkdirSync(path.join(copy, "batch-deployment"), { recursive: true });
    fs.mkdirSync(path.join(copy, ".terraform", "modules", "x"), { recursive: true });
    fs.writeFileSync(path.join(copy, "batch-deployment", "main.tf"), AWS5_BATCH_DEPLOYMENT);
    fs.writeFileSync(path.join(copy, "iam.tf"), `data "aws_region" "current" {}\n\nlocals {\n  region = data.aws_region.current.name\n}\n`);
    fs.writeFileSync(path.join(copy, ".terraform", "modules", "x", "main.tf"), `locals {\n  r = data.aws_region.current.name\n}\n`);
    fs.writeFileSync(path.join(copy, "notes.txt"), "data.aws_region.current.name\n");

    const rewrites = rewriteToV6(copy, { awsVersion: "6.25.0" });
    expect(rewrites.map((r) => `${r.file}:${r.line}`)).toEqual(["batch-deployment/main.tf:13", "batch-deployment/main.tf:21", "iam.tf:4"]);
    expect(fs.readFileSync(path.join(copy, "iam.tf"), "utf8")).toContain("region = data.aws_region.current.region\n");
    expect(fs.readFileSync(path.join(copy, "batch-deployment", "main.tf"), "utf8")).toContain("compute_environment_order {");
    expect(fs.readFileSync(path.join(copy, ".terraform", "modules", "x", "main.tf"), "utf8")).toContain(".name");
    expect(fs.readFileSync(path.join(copy, "notes.txt"), "utf8")).toBe("data.aws_region.current.name\n");
  });
});
