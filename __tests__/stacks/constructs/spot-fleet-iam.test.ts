import { TerraformOutput, TerraformVariable } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { SpotFleetIam, SpotFleetIamProps } from "../../../stacks/constructs/spot-fleet-iam";
import { literally, synth } from "../../support/constructs";

function synthFleet(props?: SpotFleetIamProps) {
  return synth((scope) => {
    new SpotFleetIam(scope, "spot-fleet", props);
  });
}

describe("SpotFleetIam", () => {
  describe("fleet role", () => {
    test("sits at aws_iam_role.AmazonEC2SpotFleetRole", () => {
      const { tf } = synthFleet();
      expect(Object.keys(tf.resource.aws_iam_role)).toEqual(["AmazonEC2SpotFleetRole"]);
    });

    test("defaults its name to AmazonEC2SpotFleetRole", () => {
      // given no props at all
      const { json } = synthFleet();
      expect(json).toHaveResourceWithProperties(IamRole, { name: "AmazonEC2SpotFleetRole" });
    });

    test("respects roleName and keeps its address", () => {
      const { tf } = synthFleet({ roleName: "role-dev-app-batch-spot-fleet" });
      expect(tf.resource.aws_iam_role).toEqual({
        AmazonEC2SpotFleetRole: expect.objectContaining({ name: "role-dev-app-batch-spot-fleet" }),
      });
    });

    test("is trusted by spotfleet.amazonaws.com, inline", () => {
      const { tf } = synthFleet();
      expect(JSON.parse(tf.resource.aws_iam_role.AmazonEC2SpotFleetRole.assume_role_policy)).toEqual({
        Version: "2012-10-17",
        Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "spotfleet.amazonaws.com" } }],
      });
    });

    test("has AmazonEC2SpotFleetTaggingRole at aws_iam_role_policy_attachment.AmazonEC2SpotFleetRole", () => {
      const { tf } = synthFleet();
      expect(tf.resource.aws_iam_role_policy_attachment).toEqual({
        AmazonEC2SpotFleetRole: {
          policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetTaggingRole",
          role: "${aws_iam_role.AmazonEC2SpotFleetRole.name}",
        },
      });
    });

    test("is not tagged, as upstream", () => {
      const { tf } = synthFleet();
      expect(tf.resource.aws_iam_role.AmazonEC2SpotFleetRole).not.toHaveProperty("tags");
    });

    test("exposes its ARN for the compute environment", () => {
      const { tf } = synth((scope) => {
        const fleet = new SpotFleetIam(scope, "spot-fleet");
        new TerraformOutput(scope, "fleet_role_arn", { value: fleet.fleetRole.arn });
      });
      expect(tf.output.fleet_role_arn.value).toBe("${aws_iam_role.AmazonEC2SpotFleetRole.arn}");
    });
  });

  describe("service-linked roles", () => {
    test("are created by default, for Spot and Spot fleet, at the module's addresses", () => {
      const { tf } = synthFleet();
      expect(tf.resource.aws_iam_service_linked_role).toEqual({
        AWSServiceRoleForEC2Spot: { aws_service_name: "spot.amazonaws.com" },
        AWSServiceRoleForEC2SpotFleet: { aws_service_name: "spotfleet.amazonaws.com" },
      });
    });

    test("respects createServiceLinkedRoles: false, keeping the fleet role", () => {
      let fleet: SpotFleetIam | undefined;
      const { tf } = synth((scope) => {
        fleet = new SpotFleetIam(scope, "spot-fleet", { createServiceLinkedRoles: false });
      });
      expect(tf.resource.aws_iam_service_linked_role).toBeUndefined();
      expect(fleet?.serviceLinkedRoles).toEqual([]);
      expect(Object.keys(tf.resource.aws_iam_role)).toEqual(["AmazonEC2SpotFleetRole"]);
    });

    test("are exposed, Spot first", () => {
      let fleet: SpotFleetIam | undefined;
      synth((scope) => {
        fleet = new SpotFleetIam(scope, "spot-fleet");
      });
      expect(fleet?.serviceLinkedRoles.map((role) => role.node.id)).toEqual([
        "AWSServiceRoleForEC2Spot",
        "AWSServiceRoleForEC2SpotFleet",
      ]);
    });
  });

  describe("roleName validation", () => {
    test.each(["my role", "role/with/path", "role:colon", "rôle", "role*"])(
      "fails when roleName has a character IAM refuses: %j",
      (roleName) => {
        expect(() => synthFleet({ roleName })).toThrow(
          literally(
            `SpotFleetIam 'spot-fleet': roleName = "${roleName}": it is not a valid IAM role name. Fix: ` +
              `use 1 to 64 letters, digits and +=,.@_- characters`,
          ),
        );
      },
    );

    test("fails when roleName is longer than 64 characters", () => {
      const roleName = "r".repeat(65);
      expect(() => synthFleet({ roleName })).toThrow(literally(`roleName = "${roleName}": it is not a valid IAM role name`));
    });

    test("fails when roleName is empty rather than falling back to the default", () => {
      expect(() => synthFleet({ roleName: "" })).toThrow(/SpotFleetIam 'spot-fleet': roleName = "": it is not a valid IAM role name/);
    });

    test("accepts 64 characters of every allowed kind", () => {
      const roleName = "Az09+=,.@_-".padEnd(64, "x");
      const { json } = synthFleet({ roleName });
      expect(json).toHaveResourceWithProperties(IamRole, { name: roleName });
    });

    test("accepts a roleName built from a variable without validating it", () => {
      const { json } = synth((scope) => {
        const env = new TerraformVariable(scope, "environment", { type: "string" });
        // Unresolved, the name reads "role-${TfToken[TOKEN.n]}-spot-fleet": checked as a literal, it would fail.
        new SpotFleetIam(scope, "spot-fleet", { roleName: `role-${env.stringValue}-spot-fleet` });
      });
      expect(json).toHaveResourceWithProperties(IamRole, { name: "role-${var.environment}-spot-fleet" });
    });
  });
});
