import { TerraformOutput, TerraformVariable } from "cdktf";
import { BatchComputeEnvironment } from "@cdktf/provider-aws/lib/batch-compute-environment";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { OnDemandFallback, OnDemandFallbackProps } from "../../../stacks/features/on-demand-fallback";
import { synth } from "../../support/constructs";
import { resourceAddresses, synthStack } from "../../support/stack";

const PROPS: OnDemandFallbackProps = {
  name: "ce-dev-app-on-demand",
  serviceRoleArn: "arn:aws:iam::123456789012:role/batch-service",
  instanceProfileArn: "arn:aws:iam::123456789012:instance-profile/batch-instance",
  securityGroupIds: ["sg-1"],
  subnetIds: ["subnet-a", "subnet-b"],
  instanceTypes: ["m4"],
  maxVcpus: 8,
  minVcpus: 2,
  tags: { Name: "ce-dev-app-on-demand" },
};

function synthFallback(props: OnDemandFallbackProps = PROPS) {
  return synth((scope) => {
    new OnDemandFallback(scope, "fallback", props);
  });
}

const ceOf = (tf: any) => tf.resource.aws_batch_compute_environment["compute-environment-on-demand"];

const added = (overrides: Parameters<typeof synthStack>[0]) => {
  const base = resourceAddresses(synthStack().tf);
  return resourceAddresses(synthStack(overrides).tf).filter((address) => !base.includes(address)).sort();
};

describe("OnDemandFallback", () => {
  test("sits at aws_batch_compute_environment.compute-environment-on-demand", () => {
    const { tf } = synthFallback();
    expect(Object.keys(tf.resource.aws_batch_compute_environment)).toEqual(["compute-environment-on-demand"]);
  });

  test("is a MANAGED environment buying On-Demand (EC2) capacity, with no Spot settings", () => {
    const { tf } = synthFallback();
    const ce = ceOf(tf);
    expect(ce.type).toBe("MANAGED");
    expect(ce.compute_resources.type).toBe("EC2");
    expect(ce.compute_resources).not.toHaveProperty("bid_percentage");
    expect(ce.compute_resources).not.toHaveProperty("spot_iam_fleet_role");
  });

  test("allocates BEST_FIT_PROGRESSIVE, which On-Demand accepts", () => {
    const { tf } = synthFallback();
    expect(ceOf(tf).compute_resources.allocation_strategy).toBe("BEST_FIT_PROGRESSIVE");
  });

  test("respects maxVcpus and minVcpus, and starts desired vCPUs at minVcpus", () => {
    const { tf } = synthFallback({ ...PROPS, maxVcpus: 12, minVcpus: 3 });
    expect(ceOf(tf).compute_resources).toMatchObject({ max_vcpus: 12, min_vcpus: 3, desired_vcpus: 3 });
  });

  test("respects the settings it shares with the Spot environment", () => {
    const { json, tf } = synthFallback();
    expect(json).toHaveResourceWithProperties(BatchComputeEnvironment, {
      name: "ce-dev-app-on-demand",
      service_role: "arn:aws:iam::123456789012:role/batch-service",
      tags: { Name: "ce-dev-app-on-demand" },
    });
    expect(ceOf(tf).compute_resources).toMatchObject({
      instance_role: "arn:aws:iam::123456789012:instance-profile/batch-instance",
      security_group_ids: ["sg-1"],
      subnets: ["subnet-a", "subnet-b"],
      instance_type: ["m4"],
    });
  });

  test("ignores later changes of desired vCPUs", () => {
    const { tf } = synthFallback();
    expect(ceOf(tf).lifecycle).toEqual({ ignore_changes: ["compute_resources[0].desired_vcpus"] });
  });

  test("defaults to no depends_on", () => {
    const { tf } = synthFallback();
    expect(ceOf(tf)).not.toHaveProperty("depends_on");
  });

  test("respects dependsOn", () => {
    const { tf } = synth((scope) => {
      const attachment = new IamRolePolicyAttachment(scope, "policy", { role: "r", policyArn: "arn:p" });
      attachment.overrideLogicalId("aws_batch_service_role");
      new OnDemandFallback(scope, "fallback", { ...PROPS, dependsOn: [attachment] });
    });
    expect(ceOf(tf).depends_on).toEqual(["aws_iam_role_policy_attachment.aws_batch_service_role"]);
  });

  test("keeps its own address, capacity, strategy and desired vCPUs when handed a Spot environment's props", () => {
    // given the Spot environment's full props, as a caller spreading them would pass
    const spotProps = {
      ...PROPS,
      address: "compute-environment",
      capacity: "SPOT" as const,
      allocationStrategy: "SPOT_CAPACITY_OPTIMIZED",
      desiredVcpus: 7,
      bidPercentage: 60,
      spotFleetRoleArn: "arn:aws:iam::123456789012:role/spot-fleet",
    };
    const { tf } = synthFallback(spotProps);
    // then the fallback stays On-Demand at its own address
    expect(Object.keys(tf.resource.aws_batch_compute_environment)).toEqual(["compute-environment-on-demand"]);
    expect(ceOf(tf).compute_resources).toMatchObject({
      type: "EC2",
      allocation_strategy: "BEST_FIT_PROGRESSIVE",
      desired_vcpus: 2,
    });
    expect(ceOf(tf).compute_resources).not.toHaveProperty("bid_percentage");
  });

  test("accepts vCPU limits from variables", () => {
    const { tf } = synth((scope) => {
      const max = new TerraformVariable(scope, "on_demand_max_vcpus", { type: "number" });
      const min = new TerraformVariable(scope, "on_demand_min_vcpus", { type: "number" });
      new OnDemandFallback(scope, "fallback", { ...PROPS, maxVcpus: max.numberValue, minVcpus: min.numberValue });
    });
    expect(ceOf(tf).compute_resources).toMatchObject({
      max_vcpus: "${var.on_demand_max_vcpus}",
      min_vcpus: "${var.on_demand_min_vcpus}",
      desired_vcpus: "${var.on_demand_min_vcpus}",
    });
  });

  test("arn references the On-Demand environment", () => {
    const { tf } = synth((scope) => {
      const fallback = new OnDemandFallback(scope, "fallback", PROPS);
      new TerraformOutput(scope, "arn", { value: fallback.arn });
    });
    expect(tf.output.arn.value).toBe("${aws_batch_compute_environment.compute-environment-on-demand.arn}");
  });
});

describe("on-demand fallback", () => {
  const { tf } = synthStack({ onDemandFallback: true });

  test("adds exactly one compute environment", () => {
    expect(added({ onDemandFallback: true })).toEqual(["aws_batch_compute_environment.compute-environment-on-demand"]);
  });

  test("On-Demand (EC2), sharing roles, network and instance types, with its own vCPU variables", () => {
    const ce = tf.resource.aws_batch_compute_environment["compute-environment-on-demand"];
    expect(ce).toMatchObject({
      name: "${local.ce_name}-ondemand",
      type: "MANAGED",
      service_role: "${aws_iam_role.batch_service_role.arn}",
      depends_on: ["aws_iam_role_policy_attachment.aws_batch_service_role"],
      lifecycle: { ignore_changes: ["compute_resources[0].desired_vcpus"] },
      compute_resources: {
        type: "EC2",
        allocation_strategy: "BEST_FIT_PROGRESSIVE",
        instance_role: "${aws_iam_instance_profile.batch_instance_profile.arn}",
        security_group_ids: ["${aws_security_group.sg-batch.id}"],
        subnets: "${var.subnet_ids}",
        instance_type: "${var.instance_type}",
        max_vcpus: "${var.on_demand_max_vcpus}",
        min_vcpus: "${var.on_demand_min_vcpus}",
      },
    });
    expect(ce.compute_resources.bid_percentage).toBeUndefined();
    expect(ce.compute_resources.spot_iam_fleet_role).toBeUndefined();
    expect(tf.variable.on_demand_max_vcpus.default).toBe(4);
  });

  test("the queue tries Spot first (order 0), then On-Demand (order 1)", () => {
    expect(tf.resource.aws_batch_job_queue.job_queue.compute_environment_order).toEqual([
      { order: 0, compute_environment: "${aws_batch_compute_environment.compute-environment.arn}" },
      { order: 1, compute_environment: "${aws_batch_compute_environment.compute-environment-on-demand.arn}" },
    ]);
  });
});
