// The host features (stacks/features/hosts.ts, launch-template.ts,
// image-type.ts, instance-tags.ts): what they emit on every environment, and,
// through the stand-in, what the real plan does with them both ways: a
// replacement of the module's environment, an update of an updatable one
// (adding a ForceNew block excepted).
import * as fs from "fs";
import * as path from "path";
import { FIXTURE_MODULE } from "../../../dropin/check/check";
import { IMAGE_TYPES } from "../../../stacks/features/image-type";
import { describeKinds, emptyState, projectWith, upstreamFixture, usePreparedCheck } from "../../support/dropin";
import { synthStack } from "../../support/stack";
import { describeWithTerraform } from "../../support/terraform";

jest.setTimeout(120_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const environments = (tf: any) => tf.resource.aws_batch_compute_environment;
const ALL_HOSTS = { launchTemplate: {}, imageType: "ECS_AL2023" as const, instanceTags: true };

describe("the host options", () => {
  test("off by default: no launch template, no image type, no instance tags (the module's hosts)", () => {
    const { tf } = synthStack();
    expect(tf.resource.aws_launch_template).toBeUndefined();
    const resources = environments(tf)["compute-environment"].compute_resources;
    expect(resources).not.toHaveProperty("launch_template");
    expect(resources).not.toHaveProperty("ec2_configuration");
    expect(resources).not.toHaveProperty("tags");
    expect(Object.keys(tf.variable)).not.toContain("root_volume_size");
  });

  test("launchTemplate: root volume from variables, IMDSv2 required, the hop limit from a variable (default 1)", () => {
    const { tf } = synthStack({ launchTemplate: {} });
    const template = tf.resource.aws_launch_template["batch-hosts"];
    expect(template.metadata_options).toEqual({ http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: "${var.instance_metadata_hop_limit}" });
    expect(template.block_device_mappings).toEqual([
      {
        device_name: "${var.root_device_name}",
        ebs: { volume_size: "${var.root_volume_size}", volume_type: "${var.root_volume_type}", encrypted: "${var.root_volume_encrypted}", delete_on_termination: "true" },
      },
    ]);
    expect(tf.variable.instance_metadata_hop_limit).toMatchObject({ type: "number", default: 1 });
    expect(tf.variable.root_volume_size).toMatchObject({ type: "number", default: 30 });
    expect(tf.variable.root_volume_encrypted).toMatchObject({ type: "bool", default: true });
  });

  test("attached to the Spot and On-Demand environments by id at its latest_version, never $Latest or $Default", () => {
    const { tf } = synthStack({ launchTemplate: {}, onDemandFallback: true });
    for (const address of ["compute-environment", "compute-environment-on-demand"]) {
      expect(environments(tf)[address].compute_resources.launch_template).toEqual({
        launch_template_id: "${aws_launch_template.batch-hosts.id}",
        version: "${aws_launch_template.batch-hosts.latest_version}",
      });
    }
  });

  test("imageType: ec2_configuration with that image type on every environment, also the updatable ones", () => {
    const { tf } = synthStack({ imageType: "ECS_AL2023", onDemandFallback: true, updatableComputeEnvironment: true });
    for (const environment of Object.values(environments(tf)) as { compute_resources: unknown }[]) {
      expect(environment.compute_resources).toMatchObject({ ec2_configuration: [{ image_type: "ECS_AL2023" }] });
    }
  });

  test("imageType outside AWS Batch's list: synth fails, naming the value and the ones it takes", () => {
    expect(() => synthStack({ imageType: "ECS_AL2023_ARM" as never })).toThrow(
      `Stack 'batch': imageType = "ECS_AL2023_ARM": it is not an ECS-optimized image type AWS Batch takes for EC2 hosts. Fix: use one of ${IMAGE_TYPES.join(", ")} (ECS_AL2023 for Amazon Linux 2023)`,
    );
  });

  test.each([false, "no", { hopLimit: 2 }])("launchTemplate = %j: refused, since any value would switch it on", (value) => {
    expect(() => synthStack({ launchTemplate: value as never })).toThrow(/^Stack 'batch': option launchTemplate(\.hopLimit| = ("no"|false)): .* Fix: /);
  });

  test("during the swap the host options go to the updatable environments only: the module's keep their hosts", () => {
    const { tf } = synthStack({ ...ALL_HOSTS, onDemandFallback: true, updatableComputeEnvironment: true, computeEnvironmentSwap: "add" });
    for (const address of ["compute-environment", "compute-environment-on-demand"]) {
      expect(environments(tf)[address].compute_resources).toEqual(environments(synthStack({ onDemandFallback: true }).tf)[address].compute_resources);
    }
    for (const address of ["compute-environment-updatable", "compute-environment-on-demand-updatable"]) {
      expect(environments(tf)[address].compute_resources).toMatchObject({ ec2_configuration: [{ image_type: "ECS_AL2023" }], launch_template: { version: "${aws_launch_template.batch-hosts.latest_version}" } });
    }
  });

  test("instanceTags: the instances get Name (their environment's) and the common tags", () => {
    const { tf } = synthStack({ instanceTags: true, onDemandFallback: true });
    expect(environments(tf)["compute-environment"].compute_resources.tags).toBe("${merge({\"Name\" = local.ce_name}, local.common_tags)}");
    expect(environments(tf)["compute-environment-on-demand"].compute_resources.tags).toBe('${merge({"Name" = "${local.ce_name}-ondemand"}, local.common_tags)}');
  });
});

describeWithTerraform("through the stand-in: what the real plan does with the host options", () => {
  const prepared = usePreparedCheck();

  test("on the module's environment, each option is a replacement, forced by its block or attribute", () => {
    const { statePath } = upstreamFixture(prepared.check);
    const planOf = (options: string) => describeKinds(prepared.check.plan(prepared.check.synthesize({ modulePath: FIXTURE_MODULE, projectDir: projectWith(prepared.check, options) }, statePath)));
    expect(planOf("launchTemplate: {},")).toEqual([
      "create aws_launch_template.batch-hosts",
      expect.stringMatching(/^replace aws_batch_compute_environment\.compute-environment \(forced by compute_resources\[0\]\.launch_template[,)]/),
      "update aws_batch_job_queue.job_queue",
    ]);
    expect(planOf('imageType: "ECS_AL2023",')).toEqual([
      "replace aws_batch_compute_environment.compute-environment (forced by compute_resources[0].ec2_configuration[0].image_type)",
      "update aws_batch_job_queue.job_queue",
    ]);
    expect(planOf("instanceTags: true,")).toEqual([
      "replace aws_batch_compute_environment.compute-environment (forced by compute_resources[0].tags)",
      "update aws_batch_job_queue.job_queue",
    ]);
  });

  test("on the module's environment with the template attached: a root-volume change (a new version) replaces it", () => {
    const stackDir = prepared.check.synthesize({ modulePath: FIXTURE_MODULE, projectDir: projectWith(prepared.check, "launchTemplate: {},") }, emptyState(prepared.check));
    prepared.check.plan(stackDir);
    expect(prepared.check.apply(stackDir).status).toBe(0);
    const bigger = prepared.check.variant(stackDir, () => undefined);
    fs.appendFileSync(path.join(bigger, "terraform.tfvars"), "\nroot_volume_size = 100\n");
    expect(describeKinds(prepared.check.plan(bigger))).toEqual([
      "replace aws_batch_compute_environment.compute-environment (forced by compute_resources[0].launch_template[0].version)",
      "update aws_batch_job_queue.job_queue",
      "update aws_launch_template.batch-hosts",
    ]);
  });

  test("on the module's environment: a changed image type, and a template change of its tags only (a new version), replace it", () => {
    const stackDir = prepared.check.synthesize({ modulePath: FIXTURE_MODULE, projectDir: projectWith(prepared.check, 'launchTemplate: {}, imageType: "ECS_AL2023",') }, emptyState(prepared.check));
    prepared.check.plan(stackDir);
    expect(prepared.check.apply(stackDir).status).toBe(0);
    const al2 = prepared.check.variant(stackDir, (tf) => {
      tf.resource.aws_batch_compute_environment["compute-environment"].compute_resources.ec2_configuration = [{ image_type: "ECS_AL2" }];
    });
    expect(describeKinds(prepared.check.plan(al2))).toEqual([
      "replace aws_batch_compute_environment.compute-environment (forced by compute_resources[0].ec2_configuration[0].image_type)",
      "update aws_batch_job_queue.job_queue",
    ]);
    const newOwner = prepared.check.variant(stackDir, () => undefined);
    const tfvars = path.join(newOwner, "terraform.tfvars");
    fs.writeFileSync(tfvars, fs.readFileSync(tfvars, "utf8").replace(/^owner\s*=.*$/m, 'owner = "platform-team"'));
    expect(describeKinds(prepared.check.plan(newOwner))).toEqual(
      expect.arrayContaining([
        "replace aws_batch_compute_environment.compute-environment (forced by compute_resources[0].launch_template[0].version)",
        "update aws_launch_template.batch-hosts",
      ]),
    );
  });

  test("on an updatable environment: adding the launch template still replaces it (a ForceNew block's count); the image type and instance tags are updates", () => {
    const stackDir = prepared.check.synthesize({ modulePath: FIXTURE_MODULE, projectDir: projectWith(prepared.check, "updatableComputeEnvironment: true,") }, emptyState(prepared.check));
    prepared.check.plan(stackDir);
    expect(prepared.check.apply(stackDir).status).toBe(0);
    const statePath = path.join(stackDir, JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")).terraform.backend.local.path);
    const planOf = (options: string) =>
      describeKinds(prepared.check.plan(prepared.check.synthesize({ modulePath: FIXTURE_MODULE, projectDir: projectWith(prepared.check, `updatableComputeEnvironment: true, ${options}`) }, statePath)));
    expect(planOf("launchTemplate: {},")).toEqual(
      expect.arrayContaining(["replace aws_batch_compute_environment.compute-environment-updatable (forced by compute_resources[0].launch_template)"]),
    );
    // ec2_configuration is Optional + Computed: the state already holds the block AWS filled in, so only image_type changes.
    expect(planOf('imageType: "ECS_AL2023",')).toEqual(["update aws_batch_compute_environment.compute-environment-updatable"]);
    // Instance tags are an attribute, not a block: an update of an updatable environment.
    expect(planOf("instanceTags: true,")).toEqual(["update aws_batch_compute_environment.compute-environment-updatable"]);
  });

  test("on an updatable stack created with them: a root-volume change is a new template version and an update of the environment; an image-type change an update", () => {
    const options = `updatableComputeEnvironment: true, ${Object.entries(ALL_HOSTS)
      .map(([name, value]) => `${name}: ${JSON.stringify(value)},`)
      .join(" ")}`;
    const stackDir = prepared.check.synthesize({ modulePath: FIXTURE_MODULE, projectDir: projectWith(prepared.check, options) }, emptyState(prepared.check));
    prepared.check.plan(stackDir);
    expect(prepared.check.apply(stackDir).status).toBe(0);
    const bigger = prepared.check.variant(stackDir, () => undefined);
    fs.appendFileSync(path.join(bigger, "terraform.tfvars"), "\nroot_volume_size = 100\n");
    expect(describeKinds(prepared.check.plan(bigger))).toEqual([
      "update aws_batch_compute_environment.compute-environment-updatable",
      "update aws_launch_template.batch-hosts",
    ]);
    const al2 = prepared.check.variant(stackDir, (tf) => {
      tf.resource.aws_batch_compute_environment["compute-environment-updatable"].compute_resources.ec2_configuration = [{ image_type: "ECS_AL2" }];
    });
    expect(describeKinds(prepared.check.plan(al2))).toEqual(["update aws_batch_compute_environment.compute-environment-updatable"]);
  });
});
