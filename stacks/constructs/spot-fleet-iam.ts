import { Construct } from "constructs";
import { Token } from "cdktf";
import { IamServiceLinkedRole } from "@cdktf/provider-aws/lib/iam-service-linked-role";
import { ConfigError } from "../app/errors";
import { MODULE_ADDRESSES } from "../module-contract";
import { ServiceRole } from "./service-role";

export interface SpotFleetIamProps {
  /**
   * Name of the role the Spot fleet assumes. Upstream uses the fixed,
   * account-wide `AmazonEC2SpotFleetRole`, so two environments in one account
   * collide on it.
   * @default "AmazonEC2SpotFleetRole"
   */
  readonly roleName?: string;
  /**
   * Create the Spot and Spot fleet service-linked roles. An account has each
   * at most once: creating them fails where another stack or AWS already did.
   * @default true
   */
  readonly createServiceLinkedRoles?: boolean;
}

/** Upstream's fixed, account-wide role name. */
export const DEFAULT_SPOT_FLEET_ROLE_NAME = "AmazonEC2SpotFleetRole";

/** IAM role names: 1 to 64 of these characters (IAM CreateRole). */
const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** What EC2 Spot needs to launch Batch instances: its fleet role and service-linked roles. */
export class SpotFleetIam extends Construct {
  public readonly fleetRole: ServiceRole;
  public readonly serviceLinkedRoles: IamServiceLinkedRole[];

  constructor(scope: Construct, id: string, props: SpotFleetIamProps = {}) {
    super(scope, id);
    const roleName = props.roleName ?? DEFAULT_SPOT_FLEET_ROLE_NAME;
    // A name built from variables is only known at plan: skip it, don't guess.
    if (!Token.isUnresolved(roleName) && !IAM_ROLE_NAME.test(roleName)) {
      throw new ConfigError(
        `SpotFleetIam '${id}': roleName = "${roleName}"`,
        "it is not a valid IAM role name",
        "use 1 to 64 letters, digits and +=,.@_- characters",
      );
    }

    const linked = props.createServiceLinkedRoles ?? true;
    this.serviceLinkedRoles = linked
      ? [
          [MODULE_ADDRESSES.spotServiceLinkedRole, "spot.amazonaws.com"],
          [MODULE_ADDRESSES.spotFleetServiceLinkedRole, "spotfleet.amazonaws.com"],
        ].map(([address, service]) => {
          const role = new IamServiceLinkedRole(this, address, { awsServiceName: service });
          role.overrideLogicalId(address);
          return role;
        })
      : [];

    this.fleetRole = new ServiceRole(this, "fleet", {
      address: MODULE_ADDRESSES.spotFleetRole,
      roleName,
      trustedServices: ["spotfleet.amazonaws.com"],
      attachments: [
        {
          address: MODULE_ADDRESSES.spotFleetPolicyAttachment,
          policyArn: "arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetTaggingRole",
        },
      ],
    });
  }
}
