// The host features together (launchTemplate, imageType, instanceTags): what
// every compute environment of the stack sets on its instances.
import { Construct } from "constructs";
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
