import { backendFromEnvironment } from "../../../stacks/app/backend";
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
});
