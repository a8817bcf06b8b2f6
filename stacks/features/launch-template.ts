// Opt-in: a launch template for the Batch hosts (root volume, instance
// metadata), attached to every compute environment by a concrete version.
//
// AWS Batch resolves `$Latest` and `$Default` once, when the environment is
// created or updated, so a template change behind them never reaches the
// hosts; the template's `latest_version` is a new number after each change,
// which the environments' plans see: an update of an updatable environment
// (batch compute_environment.go resourceComputeEnvironmentUpdate,
// expandLaunchTemplateSpecificationUpdate), a replacement of the module's
// (resourceComputeEnvironmentCustomizeDiff: not updatable). Attaching the
// block to an existing environment changes compute_resources.launch_template's
// count, ForceNew even on an updatable one (helper/schema schema.go
// schemaMap.diffList puts RequiresNew on `.#`).
import { Construct } from "constructs";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { VariableRule, wholeNumberInRange } from "../constructs/variable-rules";
import { Feature } from "./feature";

/**
 * Structure of the hosts' launch template; its values are variables
 * (root_volume_*, instance_metadata_hop_limit).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LaunchTemplateOptions {}

export interface LaunchTemplateOption {
  /**
   * A launch template for the Batch hosts: root volume size, type and
   * encryption, and IMDSv2 required (`http_tokens = "required"`), attached to
   * the Spot and On-Demand environments by its latest version.
   * @default - none: the AMI's root volume, IMDSv1 allowed (the module's hosts)
   */
  readonly launchTemplate?: LaunchTemplateOptions;
}

/** aws_launch_template of the hosts. */
export const LAUNCH_TEMPLATE_ADDRESS = "batch-hosts";

/**
 * EBS volume types a Batch host boots from without more settings: sc1 and st1
 * cannot be boot volumes, io1 and io2 need IOPS this template does not take
 * (AWS would refuse the instance launch, and jobs would wait RUNNABLE).
 */
export const ROOT_VOLUME_TYPES = ["gp3", "gp2", "standard"] as const;

const oneOf = (name: string, values: readonly string[]): VariableRule => ({
  condition: `\${contains(${JSON.stringify(values)}, var.${name})}`,
  errorMessage: `${name} = "\${var.${name}}" is not allowed; use one of ${values.join(", ")}.`,
});

export const LAUNCH_TEMPLATE: Feature<LaunchTemplateOption, LaunchTemplateOption & { readonly leastPrivilege?: boolean }> = {
  shape: { launchTemplate: {} },
  variables: {
    root_volume_size: {
      declaredBy: "launchTemplate",
      // At least the ECS-optimized AMIs' 30 GiB snapshot (a smaller volume fails the launch); EBS gp2/gp3 go to 16384.
      spec: { nullable: false, type: "number", description: "Size of the Batch hosts' root volume, in GiB", default: 30, validation: [wholeNumberInRange("root_volume_size", 30, 16384)] },
    },
    root_volume_type: {
      declaredBy: "launchTemplate",
      spec: { nullable: false, type: "string", description: "EBS type of the Batch hosts' root volume", default: "gp3", validation: [oneOf("root_volume_type", ROOT_VOLUME_TYPES)] },
    },
    root_volume_encrypted: {
      declaredBy: "launchTemplate",
      spec: { nullable: false, type: "bool", description: "Whether the Batch hosts' root volume is encrypted (with the account's default EBS key)", default: true },
    },
    root_device_name: {
      declaredBy: "launchTemplate",
      // The ECS-optimized Amazon Linux 2 and 2023 AMIs boot from /dev/xvda.
      spec: { nullable: false, type: "string", description: "Root device name of the hosts' AMI (/dev/xvda for the ECS-optimized Amazon Linux AMIs)", default: "/dev/xvda" },
    },
    instance_metadata_hop_limit: {
      declaredBy: "launchTemplate",
      spec: {
        nullable: false,
        type: "number",
        description: "IMDSv2 hop limit: 1 keeps containers (bridge network mode) off the instance's metadata and credentials; 2 for jobs that need instance metadata",
        default: 1,
        validation: [wholeNumberInRange("instance_metadata_hop_limit", 1, 64)],
      },
    },
  },
  // leastPrivilege switches the template on too (IMDSv2 on the hosts).
  declares: (options) => options.launchTemplate !== undefined || options.leastPrivilege === true,
};

export interface BatchLaunchTemplateProps {
  readonly name: string;
  readonly rootVolumeSize: number;
  readonly rootVolumeType: string;
  /** `var.root_volume_encrypted` (a bool variable, as a token). */
  readonly rootVolumeEncrypted: boolean;
  readonly rootDeviceName: string;
  readonly hopLimit: number;
  readonly tags: { [key: string]: string };
}

/** What a compute environment attaches: the template by id, at its latest version. */
export interface LaunchTemplateAttachment {
  readonly id: string;
  readonly version: string;
}

export class BatchLaunchTemplate extends Construct {
  public readonly resource: LaunchTemplate;

  constructor(scope: Construct, id: string, props: BatchLaunchTemplateProps) {
    super(scope, id);
    this.resource = new LaunchTemplate(this, LAUNCH_TEMPLATE_ADDRESS, {
      name: props.name,
      description: "Batch hosts: root volume and instance metadata (IMDSv2)",
      blockDeviceMappings: [
        {
          deviceName: props.rootDeviceName,
          ebs: {
            volumeSize: props.rootVolumeSize,
            volumeType: props.rootVolumeType,
            encrypted: props.rootVolumeEncrypted as unknown as string,
            deleteOnTermination: "true",
          },
        },
      ],
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: props.hopLimit,
      },
      tags: props.tags,
    });
    this.resource.overrideLogicalId(LAUNCH_TEMPLATE_ADDRESS);
  }

  /** By id at the concrete latest version: a change of the template is a change of the environments. */
  public get attachment(): LaunchTemplateAttachment {
    return { id: this.resource.id, version: `\${${this.resource.fqn}.latest_version}` };
  }
}
