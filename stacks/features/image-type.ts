// Opt-in: the ECS-optimized AMI family of the Batch hosts, as
// compute_resources.ec2_configuration's image_type on every environment.
// AWS moves new environments' default to Amazon Linux 2023; naming the family
// keeps the hosts from changing family with AWS's default.
//
// ec2_configuration is Optional + Computed + ForceNew (batch
// compute_environment.go resourceComputeEnvironment): AWS fills the block in
// for an environment created without it, so the state holds one and naming
// an image type changes image_type only: an update of an updatable
// environment (expandEC2ConfigurationsUpdate), a replacement of the module's
// (resourceComputeEnvironmentCustomizeDiff).
import { ConfigError } from "../app/errors";
import { LEAF } from "../app/options-check";
import { Feature } from "./feature";

/** The image types AWS Batch takes for EC2 hosts (AWS Batch API Reference, Ec2Configuration.imageType). */
export const IMAGE_TYPES = ["ECS_AL2023", "ECS_AL2023_NVIDIA", "ECS_AL2", "ECS_AL2_NVIDIA"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export interface ImageTypeOption {
  /**
   * The ECS-optimized AMI family of the hosts: `ECS_AL2023` (Amazon Linux
   * 2023), `ECS_AL2`, or their `_NVIDIA` (GPU) variants.
   * @default - none: AWS Batch's default for the environment
   */
  readonly imageType?: ImageType;
}

export const IMAGE_TYPE: Feature<ImageTypeOption> = {
  shape: { imageType: LEAF },
  variables: {},
  declares: () => false,
};

/** The option's value, refused unless AWS Batch knows it. */
export function checkImageType(stack: string, imageType: string | undefined): ImageType | undefined {
  if (imageType !== undefined && !IMAGE_TYPES.includes(imageType as ImageType)) {
    throw new ConfigError(
      `${stack}: imageType = ${JSON.stringify(imageType)}`,
      "it is not an ECS-optimized image type AWS Batch takes for EC2 hosts",
      `use one of ${IMAGE_TYPES.join(", ")} (ECS_AL2023 for Amazon Linux 2023)`,
    );
  }
  return imageType as ImageType | undefined;
}
