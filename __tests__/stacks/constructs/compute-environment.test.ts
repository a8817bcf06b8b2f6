import { TerraformOutput, TerraformVariable } from "cdktf";
import { BatchComputeEnvironment } from "@cdktf/provider-aws/lib/batch-compute-environment";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { ManagedComputeEnvironment, ManagedComputeEnvironmentProps } from "../../../stacks/constructs/compute-environment";
import { synth } from "../../support/constructs";

const SPOT: ManagedComputeEnvironmentProps = {
  address: "my-ce",
  name: "ce-dev-app",
  capacity: "SPOT",
  serviceRoleArn: "arn:aws:iam::123456789012:role/batch-service",
  instanceProfileArn: "arn:aws:iam::123456789012:instance-profile/batch-instance",
  securityGroupIds: ["sg-1"],
  subnetIds: ["subnet-a", "subnet-b"],
  instanceTypes: ["m4", "c5.large"],
  maxVcpus: 16,
  minVcpus: 2,
  desiredVcpus: 4,
  allocationStrategy: "SPOT_CAPACITY_OPTIMIZED",
  bidPercentage: 60,
  spotFleetRoleArn: "arn:aws:iam::123456789012:role/spot-fleet",
  tags: { Name: "ce-dev-app" },
};

const EC2: ManagedComputeEnvironmentProps = {
  ...SPOT,
  capacity: "EC2",
  allocationStrategy: "BEST_FIT_PROGRESSIVE",
  bidPercentage: undefined,
  spotFleetRoleArn: undefined,
};

function synthCe(props: ManagedComputeEnvironmentProps) {
  return synth((scope) => {
    new ManagedComputeEnvironment(scope, "ce", props);
  });
}

const ceOf = (tf: any) => tf.resource.aws_batch_compute_environment["my-ce"];

describe("ManagedComputeEnvironment", () => {
  describe("environment", () => {
    test("sits at the given address", () => {
      const { tf } = synthCe(SPOT);
      expect(Object.keys(tf.resource.aws_batch_compute_environment)).toEqual(["my-ce"]);
    });

    test("is MANAGED", () => {
      const { json } = synthCe(SPOT);
      expect(json).toHaveResourceWithProperties(BatchComputeEnvironment, { type: "MANAGED" });
    });

    test("respects name, serviceRoleArn and tags", () => {
      const { json } = synthCe(SPOT);
      expect(json).toHaveResourceWithProperties(BatchComputeEnvironment, {
        name: "ce-dev-app",
        service_role: "arn:aws:iam::123456789012:role/batch-service",
        tags: { Name: "ce-dev-app" },
      });
    });

    test("ignores later changes of desired vCPUs, which AWS Batch scales", () => {
      const { tf } = synthCe(SPOT);
      expect(ceOf(tf).lifecycle).toEqual({ ignore_changes: ["compute_resources[0].desired_vcpus"] });
    });

    test("defaults to no depends_on", () => {
      const { tf } = synthCe(SPOT);
      expect(ceOf(tf)).not.toHaveProperty("depends_on");
    });

    test("respects dependsOn", () => {
      const { tf } = synth((scope) => {
        const attachment = new IamRolePolicyAttachment(scope, "policy", { role: "r", policyArn: "arn:p" });
        attachment.overrideLogicalId("service_policy");
        new ManagedComputeEnvironment(scope, "ce", { ...SPOT, dependsOn: [attachment] });
      });
      expect(ceOf(tf).depends_on).toEqual(["aws_iam_role_policy_attachment.service_policy"]);
    });
  });

  describe("compute resources", () => {
    test("respects instance profile, network, instance types, vCPUs and strategy", () => {
      const { tf } = synthCe(EC2);
      expect(ceOf(tf).compute_resources).toEqual({
        instance_role: "arn:aws:iam::123456789012:instance-profile/batch-instance",
        security_group_ids: ["sg-1"],
        subnets: ["subnet-a", "subnet-b"],
        instance_type: ["m4", "c5.large"],
        max_vcpus: 16,
        min_vcpus: 2,
        desired_vcpus: 4,
        allocation_strategy: "BEST_FIT_PROGRESSIVE",
        type: "EC2",
      });
    });

    test("respects capacity SPOT: type, bid percentage and fleet role", () => {
      const { tf } = synthCe(SPOT);
      expect(ceOf(tf).compute_resources).toMatchObject({
        type: "SPOT",
        bid_percentage: 60,
        spot_iam_fleet_role: "arn:aws:iam::123456789012:role/spot-fleet",
        allocation_strategy: "SPOT_CAPACITY_OPTIMIZED",
      });
    });

    test("keeps a bidPercentage of 0", () => {
      const { tf } = synthCe({ ...SPOT, bidPercentage: 0 });
      expect(ceOf(tf).compute_resources.bid_percentage).toBe(0);
    });

    test("drops bidPercentage and spotFleetRoleArn when capacity is EC2", () => {
      // given Spot settings on an On-Demand environment
      const { tf } = synthCe({ ...SPOT, capacity: "EC2", allocationStrategy: "BEST_FIT_PROGRESSIVE" });
      // then they are not emitted
      const resources = ceOf(tf).compute_resources;
      expect(resources.type).toBe("EC2");
      expect(resources).not.toHaveProperty("bid_percentage");
      expect(resources).not.toHaveProperty("spot_iam_fleet_role");
    });
  });

  describe("validation", () => {
    test("fails when capacity is SPOT and bidPercentage is missing", () => {
      expect(() => synthCe({ ...SPOT, bidPercentage: undefined })).toThrow(
        /^ManagedComputeEnvironment 'ce': capacity = "SPOT": bidPercentage is missing, and a Spot compute environment needs both\. Fix: give bidPercentage$/,
      );
    });

    test("fails when capacity is SPOT and spotFleetRoleArn is missing", () => {
      expect(() => synthCe({ ...SPOT, spotFleetRoleArn: undefined })).toThrow(
        /^ManagedComputeEnvironment 'ce': capacity = "SPOT": spotFleetRoleArn is missing, and a Spot compute environment needs both\. Fix: give spotFleetRoleArn$/,
      );
    });

    test("fails when capacity is SPOT and both are missing, naming both", () => {
      expect(() => synthCe({ ...SPOT, bidPercentage: undefined, spotFleetRoleArn: undefined })).toThrow(
        /bidPercentage and spotFleetRoleArn are missing/,
      );
    });

    test("does not require bidPercentage or spotFleetRoleArn when capacity is EC2", () => {
      const { json } = synthCe(EC2);
      expect(json).toHaveResource(BatchComputeEnvironment);
    });
  });

  describe("tokens", () => {
    test("accepts every setting from variables", () => {
      const { tf } = synth((scope) => {
        const str = (name: string) => new TerraformVariable(scope, name, { type: "string" }).stringValue;
        const num = (name: string) => new TerraformVariable(scope, name, { type: "number" }).numberValue;
        const list = (name: string) => new TerraformVariable(scope, name, { type: "list(string)" }).listValue;
        new ManagedComputeEnvironment(scope, "ce", {
          ...SPOT,
          name: str("ce_name"),
          serviceRoleArn: str("service_role"),
          instanceProfileArn: str("instance_profile"),
          spotFleetRoleArn: str("fleet_role"),
          allocationStrategy: str("allocation_strategy"),
          securityGroupIds: list("security_group_ids"),
          subnetIds: list("subnet_ids"),
          instanceTypes: list("instance_type"),
          maxVcpus: num("max_vcpus"),
          minVcpus: num("min_vcpus"),
          desiredVcpus: num("desired_vcpus"),
          bidPercentage: num("bid_percentage"),
        });
      });
      const ce = ceOf(tf);
      expect(ce.name).toBe("${var.ce_name}");
      expect(ce.service_role).toBe("${var.service_role}");
      expect(ce.compute_resources).toEqual({
        instance_role: "${var.instance_profile}",
        spot_iam_fleet_role: "${var.fleet_role}",
        allocation_strategy: "${var.allocation_strategy}",
        security_group_ids: "${var.security_group_ids}",
        subnets: "${var.subnet_ids}",
        instance_type: "${var.instance_type}",
        max_vcpus: "${var.max_vcpus}",
        min_vcpus: "${var.min_vcpus}",
        desired_vcpus: "${var.desired_vcpus}",
        bid_percentage: "${var.bid_percentage}",
        type: "SPOT",
      });
    });
  });

  describe("getters", () => {
    test("arn, name and state reference the environment", () => {
      const { tf } = synth((scope) => {
        const ce = new ManagedComputeEnvironment(scope, "ce", SPOT);
        new TerraformOutput(scope, "arn", { value: ce.arn });
        new TerraformOutput(scope, "name", { value: ce.name });
        new TerraformOutput(scope, "state", { value: ce.state });
      });
      expect(tf.output.arn.value).toBe("${aws_batch_compute_environment.my-ce.arn}");
      expect(tf.output.name.value).toBe("${aws_batch_compute_environment.my-ce.name}");
      expect(tf.output.state.value).toBe("${aws_batch_compute_environment.my-ce.state}");
    });
  });
});
