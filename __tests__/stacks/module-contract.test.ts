import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR, synthStack, tempDir } from "../support/stack";
import { describeWithTerraform, terraform } from "../support/terraform";

// The variables and check blocks need no provider, so Terraform itself
// evaluates them here, offline: a plan of a configuration holding only them.
describeWithTerraform("variable validations and plan checks, evaluated by Terraform", () => {
  const { tf } = synthStack();
  const dir = tempDir("batch-variables-");
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ variable: tf.variable, check: tf.check }, null, 2));
  fs.copyFileSync(path.join(PROJECT_DIR, "terraform.tfvars"), path.join(dir, "terraform.tfvars"));

  beforeAll(() => {
    const init = terraform(dir, ["init", "-input=false"]);
    expect(init.output).toContain("Terraform has been successfully initialized");
  });

  const plan = (vars: { [name: string]: string }) =>
    terraform(dir, ["plan", "-input=false", ...Object.entries(vars).flatMap(([name, value]) => ["-var", `${name}=${value}`])]);

  test("upstream's terraform.tfvars passes every validation", () => {
    const result = plan({});
    expect(result.status).toBe(0);
    expect(result.output).not.toContain("Invalid value for variable");
  });

  test("upstream's tfvars gets the fit warning: 8 vCPUs per job, at most 1 in the environment", () => {
    const result = plan({});
    expect(result.output).toContain("Warning: Check block assertion failed");
    expect(result.output).toMatch(/batch_vcpus = 8 is more than max_vcpus = 1/);
  });

  test("vCPU bounds out of order warn, and the plan still succeeds", () => {
    const result = plan({ min_vcpus: "4", desired_vcpus: "2", max_vcpus: "16", batch_vcpus: "1" });
    expect(result.status).toBe(0);
    expect(result.output).toMatch(/min_vcpus = 4, desired_vcpus = 2, max_vcpus = 16: AWS Batch needs/);
  });

  test("values that fit give no warning", () => {
    const result = plan({ max_vcpus: "16", batch_vcpus: "8" });
    expect(result.status).toBe(0);
    expect(result.output).not.toContain("Check block assertion failed");
  });

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

  test.each(rejected)("%s = %s is rejected with a message naming it", (name, value, message) => {
    const result = plan({ [name]: value });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("Invalid value for variable");
    expect(result.output.replace(/\s+/g, " ")).toMatch(message);
  });

  test.each([
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
  ])("%s = %s is accepted", (name, value) => {
    expect(plan({ [name]: value }).status).toBe(0);
  });
});
