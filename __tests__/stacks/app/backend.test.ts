import { backendFromEnvironment } from "../../../stacks/app/backend";
import * as fs from "fs";
import * as path from "path";
import { synthStack, tempProject } from "../../support/stack";

describe("backend from the environment", () => {
  test("TF_CLOUD_ORGANIZATION and TF_WORKSPACE give the matching cloud block", () => {
    const backend = backendFromEnvironment({ TF_CLOUD_ORGANIZATION: "acme-corp", TF_WORKSPACE: "batch-prod" });
    const { tf } = synthStack({ backend });
    expect(tf.terraform.cloud).toEqual({ organization: "acme-corp", workspaces: { name: "batch-prod" } });
    expect(tf.terraform.backend).toBeUndefined();
  });

  test("TF_CLOUD_HOSTNAME selects a Terraform Enterprise host", () => {
    const backend = backendFromEnvironment({
      TF_CLOUD_ORGANIZATION: "acme-corp",
      TF_WORKSPACE: "batch-prod",
      TF_CLOUD_HOSTNAME: "tfe.acme.example",
    });
    expect(synthStack({ backend }).tf.terraform.cloud).toEqual({
      organization: "acme-corp",
      hostname: "tfe.acme.example",
      workspaces: { name: "batch-prod" },
    });
  });

  test("BATCH_WORKSPACE_TAGS gives tagged workspaces, TF_WORKSPACE then picks one at run time", () => {
    const backend = backendFromEnvironment({
      TF_CLOUD_ORGANIZATION: "acme-corp",
      BATCH_WORKSPACE_TAGS: "batch, aws",
      TF_WORKSPACE: "batch-prod",
    });
    expect(synthStack({ backend }).tf.terraform.cloud.workspaces).toEqual({ tags: ["batch", "aws"] });
  });

  test("an organization without a workspace is refused, naming both variables", () => {
    expect(() => backendFromEnvironment({ TF_CLOUD_ORGANIZATION: "acme-corp" })).toThrow(
      /^TF_CLOUD_ORGANIZATION=acme-corp: it is set but no workspace is\. Fix: set TF_WORKSPACE .* or BATCH_WORKSPACE_TAGS/,
    );
  });

  test("without an organization, local state relative to the stack folder, in the project root", () => {
    const { tf } = synthStack({ backend: backendFromEnvironment({}) });
    expect(tf.terraform.backend).toEqual({ local: { path: "../../../terraform.batch.tfstate" } });
    expect(tf.terraform.cloud).toBeUndefined();
  });

  test("BATCH_STATE_PATH reuses an existing state file, still as a relative path", () => {
    const projectDir = tempProject({ "legacy/terraform.tfstate": '{"version": 4, "serial": 1, "resources": []}' });
    const backend = backendFromEnvironment({ BATCH_STATE_PATH: "legacy/terraform.tfstate" });
    expect(synthStack({ projectDir, backend }).tf.terraform.backend).toEqual({ local: { path: "../../../legacy/terraform.tfstate" } });
  });

  test("BATCH_STATE_PATH naming a missing file is refused: the plan would create every resource again", () => {
    const backend = backendFromEnvironment({ BATCH_STATE_PATH: "legacy/terraform.tfstate" });
    expect(() => synthStack({ projectDir: tempProject(), backend })).toThrow(
      /^BATCH_STATE_PATH=legacy\/terraform\.tfstate: there is no state file at .*legacy\/terraform\.tfstate .*so the plan would create every resource again\. Fix: point it at the existing terraform\.tfstate, or unset it to start a new state in terraform\.batch\.tfstate$/,
    );
  });

  test.each([
    [{ TF_WORKSPACE: "batch-prod" }, /^TF_WORKSPACE=batch-prod: it is set but TF_CLOUD_ORGANIZATION is not, so the stack would get local state instead of Terraform Cloud\. Fix: set TF_CLOUD_ORGANIZATION/],
    [{ BATCH_WORKSPACE_TAGS: "batch" }, /^BATCH_WORKSPACE_TAGS=batch: it is set but TF_CLOUD_ORGANIZATION is not/],
    [{ TF_CLOUD_HOSTNAME: "tfe.example.com" }, /^TF_CLOUD_HOSTNAME=tfe\.example\.com: it is set but TF_CLOUD_ORGANIZATION is not/],
    [{ TF_CLOUD_ORGANIZATION: "acme", BATCH_WORKSPACE_TAGS: " , " }, /^BATCH_WORKSPACE_TAGS=" , ": it holds no workspace tag\. Fix: give comma-separated tags/],
  ])("a Terraform Cloud setting that cannot take effect is refused: %j", (env, message) => {
    expect(() => backendFromEnvironment(env)).toThrow(message);
  });

  test("per environment, the workspace is <prefix><environment>", () => {
    expect(backendFromEnvironment({ TF_CLOUD_ORGANIZATION: "acme-corp" }, "prod")).toMatchObject({
      workspaceName: "batch-prod",
    });
    expect(
      backendFromEnvironment({ TF_CLOUD_ORGANIZATION: "acme-corp", BATCH_WORKSPACE_PREFIX: "payments-" }, "dev"),
    ).toMatchObject({ workspaceName: "payments-dev" });
  });

  test("BATCH_STATE_BUCKET, _KEY and _REGION give the s3 backend block; the flags are Terraform's arguments", () => {
    const backend = backendFromEnvironment({
      BATCH_STATE_BUCKET: "acme-tfstate",
      BATCH_STATE_KEY: "batch/terraform.tfstate",
      AWS_REGION: "eu-west-1",
      BATCH_STATE_USE_LOCKFILE: "true",
      BATCH_STATE_ENCRYPT: "true",
      BATCH_STATE_DYNAMODB_TABLE: "tf-locks",
    });
    expect(synthStack({ backend }).tf.terraform.backend).toEqual({
      s3: { bucket: "acme-tfstate", key: "batch/terraform.tfstate", region: "eu-west-1", encrypt: true, dynamodb_table: "tf-locks", use_lockfile: true },
    });
  });

  test("with environments/: TF_WORKSPACE (which no stack would use) and a prefix no workspace name can hold are refused", () => {
    expect(() => backendFromEnvironment({ TF_CLOUD_ORGANIZATION: "acme", TF_WORKSPACE: "batch-prod" }, "dev")).toThrow(
      /^TF_WORKSPACE=batch-prod: with environments\/ each stack has its own workspace, BATCH_WORKSPACE_PREFIX followed by the environment, so this one would not be used\. Fix: unset TF_WORKSPACE/,
    );
    expect(() => backendFromEnvironment({ TF_CLOUD_ORGANIZATION: "acme", BATCH_WORKSPACE_PREFIX: "pay ments-" }, "dev")).toThrow(
      /^BATCH_WORKSPACE_PREFIX="pay ments-": a Terraform Cloud workspace name holds letters, digits, - and _ only/,
    );
  });

  test("an empty variable is an unset one (GitHub gives \"\" for an unset repository variable)", () => {
    expect(backendFromEnvironment({ TF_CLOUD_ORGANIZATION: "acme", TF_WORKSPACE: "batch-prod", BATCH_WORKSPACE_TAGS: "" })).toEqual({
      kind: "cloud",
      organization: "acme",
      hostname: undefined,
      workspaceName: "batch-prod",
    });
    expect(backendFromEnvironment({ TF_CLOUD_ORGANIZATION: "acme", BATCH_WORKSPACE_PREFIX: "" }, "dev")).toMatchObject({ workspaceName: "batch-dev" });
  });

  test("per environment, the S3 key is <environment>/<key>", () => {
    expect(backendFromEnvironment({ BATCH_STATE_BUCKET: "tf-b", BATCH_STATE_KEY: "batch.tfstate", BATCH_STATE_REGION: "eu-west-1" }, "prod")).toMatchObject({
      key: "prod/batch.tfstate",
    });
  });

  test.each([
    [
      { BATCH_STATE_PATH: "current.tfstate", TF_CLOUD_ORGANIZATION: "acme", TF_WORKSPACE: "batch-prod" },
      /^TF_CLOUD_ORGANIZATION=acme \(Terraform Cloud\) and BATCH_STATE_PATH=current\.tfstate \(a local state file\): they ask for two backends, and the stack keeps its state in one\. Fix: unset/,
    ],
    [
      { BATCH_STATE_BUCKET: "tf-b", BATCH_STATE_KEY: "k", BATCH_STATE_REGION: "eu-west-1", TF_CLOUD_ORGANIZATION: "acme", TF_WORKSPACE: "w" },
      /^TF_CLOUD_ORGANIZATION=acme \(Terraform Cloud\) and BATCH_STATE_BUCKET=tf-b \(S3\): they ask for two backends/,
    ],
    [
      { BATCH_STATE_PATH: "current.tfstate", BATCH_STATE_BUCKET: "tf-b", BATCH_STATE_KEY: "k", BATCH_STATE_REGION: "eu-west-1" },
      /^BATCH_STATE_BUCKET=tf-b \(S3\) and BATCH_STATE_PATH=current\.tfstate \(a local state file\): they ask for two backends/,
    ],
    [
      { BATCH_STATE_BUCKET: "tf-b", BATCH_STATE_REGION: "eu-west-1" },
      /^BATCH_STATE_BUCKET=tf-b BATCH_STATE_REGION=eu-west-1: an S3 backend needs a bucket, a key and a region, and BATCH_STATE_KEY \(the state object's key, as in the module's backend block\) is not set\. Fix: set BATCH_STATE_KEY$/,
    ],
    [{ BATCH_STATE_BUCKET: "tf-b", BATCH_STATE_KEY: "k" }, /and BATCH_STATE_REGION \(or AWS_REGION: the bucket's region\) is not set\. Fix: set BATCH_STATE_REGION$/],
    [
      { BATCH_STATE_BUCKET: "tf-b", BATCH_STATE_KEY: "k", BATCH_STATE_REGION: "r", BATCH_STATE_USE_LOCKFILE: "yes" },
      /^BATCH_STATE_USE_LOCKFILE=yes: it is neither true nor false\. Fix: set BATCH_STATE_USE_LOCKFILE=true or BATCH_STATE_USE_LOCKFILE=false, or unset it$/,
    ],
    [
      { BATCH_STATE_BUCKET: "tf-b", BATCH_STATE_KEY: "k", BATCH_STATE_REGION: "r", TF_WORKSPACE: "batch-prod" },
      /^TF_WORKSPACE=batch-prod: it is set but TF_CLOUD_ORGANIZATION is not: with the S3 backend, Terraform would read it as a CLI workspace and plan on another, empty state \(env:\/batch-prod\/<key>\)\. Fix: unset TF_WORKSPACE/,
    ],
    [{ BATCH_STATE_BUCKET: "s3://acme", BATCH_STATE_KEY: "k", BATCH_STATE_REGION: "r" }, /^BATCH_STATE_BUCKET=s3:\/\/acme: it is not an S3 bucket name\. Fix: give the bucket's name only/],
    [{ BATCH_STATE_BUCKET: "acme", BATCH_STATE_KEY: "/batch.tfstate", BATCH_STATE_REGION: "r" }, /^BATCH_STATE_KEY=\/batch\.tfstate: Terraform's S3 backend refuses a key that starts or ends with "\/" or holds "\/\/"/],
    [{ BATCH_STATE_BUCKET: "acme", BATCH_STATE_KEY: "a//b", BATCH_STATE_REGION: "r" }, /^BATCH_STATE_KEY=a\/\/b: /],
  ])("backend variables that cannot all take effect are refused in one line: %j", (env, message) => {
    expect(() => backendFromEnvironment(env)).toThrow(message);
  });

  describe("a stack folder terraform init set up with another backend", () => {
    /** A project whose stack folder Terraform initialized with `backend` (.terraform/terraform.tfstate, as Terraform writes it). */
    function initializedProject(backend: object, files: { [file: string]: string } = {}): string {
      const projectDir = tempProject(files);
      const recorded = path.join(projectDir, "cdktf.out", "stacks", "batch", ".terraform", "terraform.tfstate");
      fs.mkdirSync(path.dirname(recorded), { recursive: true });
      fs.writeFileSync(recorded, JSON.stringify({ version: 3, terraform_version: "1.11.4", backend: { ...backend, hash: 1 } }));
      return projectDir;
    }

    test("the default local state after a synth with BATCH_STATE_PATH: refused, naming the state and the variable", () => {
      const projectDir = initializedProject({ type: "local", config: { path: "../../../current.tfstate" } });
      expect(() => synthStack({ projectDir, backend: backendFromEnvironment({}) })).toThrow(
        /^Stack 'batch': backend: terraform init set up the stack folder with the local state current\.tfstate \(BATCH_STATE_PATH\), and this synth, with none of those variables, points it at another state, the default local one \(terraform\.batch\.tfstate\)\. Fix: set the variables in parentheses as on the earlier synth; to start a new state on purpose, delete .*\.terraform first$/,
      );
    });

    test("after an S3 or Terraform Cloud synth: refused too, naming their variables", () => {
      expect(() =>
        synthStack({ projectDir: initializedProject({ type: "s3", config: { bucket: "b", key: "k" } }), backend: backendFromEnvironment({}) }),
      ).toThrow(/with the S3 state s3:\/\/b\/k \(BATCH_STATE_BUCKET, BATCH_STATE_KEY, BATCH_STATE_REGION\)/);
      expect(() =>
        synthStack({ projectDir: initializedProject({ type: "cloud", config: { organization: "acme" } }), backend: backendFromEnvironment({}) }),
      ).toThrow(/with the Terraform Cloud backend \(TF_CLOUD_ORGANIZATION, TF_WORKSPACE\)/);
    });

    test("the same default state, or a backend asked for on purpose: accepted (terraform init then offers to move the state)", () => {
      const local = initializedProject({ type: "local", config: { path: "../../../terraform.batch.tfstate" } });
      expect(synthStack({ projectDir: local, backend: backendFromEnvironment({}) }).tf.terraform.backend.local).toBeDefined();
      const moving = initializedProject({ type: "local", config: { path: "../../../current.tfstate" } });
      const cloud = backendFromEnvironment({ TF_CLOUD_ORGANIZATION: "acme", TF_WORKSPACE: "batch-prod" });
      expect(synthStack({ projectDir: moving, backend: cloud }).tf.terraform.cloud.organization).toBe("acme");
    });
  });
});
