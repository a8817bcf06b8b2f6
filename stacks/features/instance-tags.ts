// Opt-in: tags on the Batch hosts themselves (compute_resources.tags), so that
// instances show with a Name and the common tags in the console and in cost
// reports; the module tags the environment only.
//
// compute_resources.tags is ForceNew unless the environment is updatable
// (batch compute_environment.go resourceComputeEnvironmentCustomizeDiff): on
// the module's environment, switching this on is a replacement; on an
// updatable one, an update.
import { FLAG } from "../app/options-check";
import { Feature } from "./feature";

export interface InstanceTagsOption {
  /**
   * Tag the hosts with `Name` (the compute environment's name) and the common
   * tags (application, environment, owner).
   * @default false
   */
  readonly instanceTags?: boolean;
}

export const INSTANCE_TAGS: Feature<InstanceTagsOption> = {
  shape: { instanceTags: FLAG },
  variables: {},
  declares: () => false,
};
