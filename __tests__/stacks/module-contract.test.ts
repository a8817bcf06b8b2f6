import * as fs from "fs";
import * as path from "path";
import { MODULE_VARIABLES } from "../../stacks/module-contract";
import { PROJECT_DIR, synthStack, tempDir } from "../support/stack";
import { describeWithTerraform, terraform } from "../support/terraform";

/** A variable's value as the -var flag would read it: a number or a list parsed, a string as written. */
function typed(name: string, value: string): unknown {
  const type = (MODULE_VARIABLES as { [name: string]: { type: string } })[name].type;
  return type === "string" ? value : JSON.parse(value);
}

// The variables and check blocks need no provider, so Terraform itself
// evaluates them here, offline. Every case is a module call of one
// configuration holding only them (upstream's values, with the case's
// change), so one plan evaluates them all: the rejected ones in one plan,
// the accepted ones and the warnings in another.
describeWithTerraform("variable validations and plan checks, evaluated by Terraform", () => {
  const { tf } = synthStack();
  const upstreamValues = (): { [name: string]: unknown } => {
    const values: { [name: string]: unknown } = {};
    for (const match of fs.readFileSync(path.join(PROJECT_DIR, "terraform.tfvars"), "utf8").matchAll(/^(\w+)\s*=\s*(.+)$/gm)) {
      values[match[1]] = JSON.parse(match[2]);
    }
    return values;
  };

  /** One plan of a module call per case: each case's part of the output, by case name. */
  function planCases(cases: { readonly [name: string]: { readonly [variable: string]: unknown } }): { status: number; byCase: { [name: string]: string }; output: string } {
    const dir = tempDir("batch-variables-");
    fs.mkdirSync(path.join(dir, "variables"));
    fs.writeFileSync(path.join(dir, "variables", "main.tf.json"), JSON.stringify({ variable: tf.variable, check: tf.check }, null, 2));
    const module = Object.fromEntries(
      Object.entries(cases).map(([name, change]) => [name, { source: "./variables", ...upstreamValues(), ...change }]),
    );
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ module }, null, 2));
    expect(terraform(dir, ["init", "-input=false"]).output).toContain("Terraform has been successfully initialized");
    const result = terraform(dir, ["plan", "-input=false"]);
    const byCase: { [name: string]: string } = {};
    // Each diagnostic names its module call: `in module "case_3"`, or `module.case_3` for a check.
    for (const diagnostic of result.output.split(/(?=^[╷│]?\s*(?:Error|Warning): )/m)) {
      const name = /(?:in module "|module\.)([\w-]+)/.exec(diagnostic)?.[1];
      if (name) {
        byCase[name] = `${byCase[name] ?? ""}${diagnostic}`;
      }
    }
    return { status: result.status, byCase, output: result.output };
  }

  const rejected: [string, string, RegExp][] = [
    ["allocation_strategy", "CHEAPEST", /allocation_strategy = "CHEAPEST" is not an AWS Batch allocation strategy; use one of BEST_FIT/],
    ["bid_percentage", "150", /bid_percentage = 150 is not allowed; it must be a whole number from 0 to 100/],
    ["bid_percentage", "50.5", /bid_percentage = 50.5 is not allowed/],
    ["max_vcpus", "-1", /max_vcpus = -1 is not allowed; it must be a whole number of at least 0/],
    ["min_vcpus", "-2", /min_vcpus = -2 is not allowed/],
    ["desired_vcpus", "-3", /desired_vcpus = -3 is not allowed/],
    ["batch_memory", "0", /batch_memory = 0 is not allowed; it must be a whole number of at least 1/],
    ["batch_vcpus", "0", /batch_vcpus = 0 is not allowed; it must be a whole number of at least 1/],
    ["batch_vcpus", "1.5", /batch_vcpus = 1.5 is not allowed; it must be a whole number of at least 1/],
    ["batch_memory", "1024.5", /batch_memory = 1024.5 is not allowed; it must be a whole number of at least 1/],
    ["environment", "prod.eu", /environment = "prod.eu" cannot be part of the AWS Batch and IAM names built from it; use letters, digits, - and _ only/],
    ["application", "my app", /application = "my app" cannot be part of the AWS Batch and IAM names/],
    ["batch_name", "nightly/run", /batch_name = "nightly\/run" cannot be part of the AWS Batch and IAM names/],
    ["batch_job_queue_priority", "1001", /batch_job_queue_priority = 1001 is not allowed; it must be a whole number from 0 to 1000/],
    ["subnet_ids", "[]", /subnet_ids is empty; set it to at least one subnet id/],
    ["instance_type", "[]", /instance_type is empty/],
    ["region", "Frankfurt", /region = "Frankfurt" is not an AWS region name/],
    ["bucket_name", "My_Bucket", /bucket_name = "My_Bucket" is not an S3 bucket name/],
  ];
  const accepted: [string, string][] = [
    ["allocation_strategy", "SPOT_PRICE_CAPACITY_OPTIMIZED"],
    ["bid_percentage", "0"],
    ["batch_job_queue_priority", "0"],
    ["region", "us-gov-west-1"],
    ["bucket_name", "my.bucket-01"],
    ["environment", "prod-eu_1"],
    // Values the module and the provider accept: never refused.
    ["allocation_strategy", "spot_capacity_optimized"],
    ["environment", ""],
    ["batch_name", ""],
    ["vpc_id", ""],
];

  // Check warnings name no module call: each warning case gets a plan of its own, and the accepted values fit (no warning).
  let rejections: ReturnType<typeof planCases>;
  let acceptance: ReturnType<typeof planCases>;
  let upstream: ReturnType<typeof planCases>;
  let outOfOrder: ReturnType<typeof planCases>;
  beforeAll(() => {
    rejections = planCases(Object.fromEntries(rejected.map(([name, value], index) => [`rejected_${index}`, { [name]: typed(name, value) }])));
    acceptance = planCases({
      fitting: { max_vcpus: 16, batch_vcpus: 8 },
      ...Object.fromEntries(accepted.map(([name, value], index) => [`accepted_${index}`, { max_vcpus: 16, [name]: typed(name, value) }])),
    });
    upstream = planCases({ upstream: {} });
    outOfOrder = planCases({ bounds_out_of_order: { min_vcpus: 4, desired_vcpus: 2, max_vcpus: 16, batch_vcpus: 1 } });
  });

  test("upstream's terraform.tfvars passes every validation", () => {
    expect(upstream.status).toBe(0);
    expect(upstream.output).not.toContain("Invalid value for variable");
  });

  test("upstream's tfvars gets the fit warning: 8 vCPUs per job, at most 1 in the environment", () => {
    expect(upstream.output).toContain("Warning: Check block assertion failed");
    expect(upstream.output).toMatch(/batch_vcpus = 8 is more than max_vcpus = 1/);
  });

  test("vCPU bounds out of order warn, and the plan still succeeds", () => {
    expect(outOfOrder.status).toBe(0);
    expect(outOfOrder.output.replace(/\s+/g, " ")).toMatch(/min_vcpus = 4, desired_vcpus = 2, max_vcpus = 16: AWS Batch needs/);
  });

  test("values that fit give no warning", () => {
    expect(acceptance.status).toBe(0);
    expect(acceptance.output).not.toContain("Check block assertion failed");
  });

  test.each(rejected.map((row, index) => [...row, index] as const))("%s = %s is rejected with a message naming it", (_name, _value, message, index) => {
    expect(rejections.status).not.toBe(0);
    const diagnostics = rejections.byCase[`rejected_${index}`] ?? "";
    expect(diagnostics).toContain("Invalid value for variable");
    expect(diagnostics.replace(/[│╵╷]/g, " ").replace(/\s+/g, " ")).toMatch(message);
  });

  test.each(accepted.map((row, index) => [...row, index] as const))("%s = %s is accepted", (_name, _value, index) => {
    expect(acceptance.byCase[`accepted_${index}`] ?? "").not.toContain("Invalid value for variable");
    expect(acceptance.status).toBe(0);
  });
});
