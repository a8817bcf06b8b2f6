// The host features together (launchTemplate, imageType, instanceTags): what
// every compute environment of the stack sets on its instances.
import { Construct } from "constructs";
import { ConfigError } from "../app/errors";
import { HostSettings } from "../constructs/compute-environment";
import { BatchInputs } from "../constructs/inputs";
import { ImageTypeOption, checkImageType } from "./image-type";
import { InstanceTagsOption } from "./instance-tags";
import { BatchLaunchTemplate, LaunchTemplateOption } from "./launch-template";
import { LeastPrivilegeOption } from "./least-privilege";

export function hostSettings(
  scope: Construct,
  options: LaunchTemplateOption & ImageTypeOption & InstanceTagsOption & LeastPrivilegeOption,
  inputs: BatchInputs,
  namePrefix: string,
): HostSettings {
  checkLaunchTemplateOption(`Stack '${scope.node.id}'`, options.launchTemplate);
  const name = `lt-${namePrefix}-batch`;
  const template =
    // leastPrivilege requires IMDSv2: the same template as launchTemplate: {}.
    options.launchTemplate === undefined && options.leastPrivilege !== true
      ? undefined
      : new BatchLaunchTemplate(scope, "launch-template", {
          name,
          rootVolumeSize: inputs.number("root_volume_size"),
          rootVolumeType: inputs.string("root_volume_type"),
          rootVolumeEncrypted: inputs.variable("root_volume_encrypted").booleanValue as unknown as boolean,
          rootDeviceName: inputs.string("root_device_name"),
          hopLimit: inputs.number("instance_metadata_hop_limit"),
          tags: inputs.tagsNamed(name),
        });
  return {
    launchTemplate: template?.attachment,
    imageType: checkImageType(`Stack '${scope.node.id}'`, options.imageType),
    instanceTags: options.instanceTags === true,
  };
}

/** `launchTemplate` is `{}` or absent: its settings are variables, and any other value would switch it on unseen. */
function checkLaunchTemplateOption(stack: string, value: unknown): void {
  if (value === undefined) {
    return;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigError(`${stack}: option launchTemplate = ${JSON.stringify(value)}`, "it is not an object, and any value would switch the launch template on", "write launchTemplate: {} to switch it on, or leave it out");
  }
  const keys = Object.keys(value);
  if (keys.length > 0) {
    throw new ConfigError(
      `${stack}: option launchTemplate.${keys[0]}`,
      "the launch template takes its values from variables, not from the option",
      "write launchTemplate: {} and set root_volume_size, root_volume_type, root_volume_encrypted, root_device_name or instance_metadata_hop_limit in terraform.tfvars",
    );
  }
}
