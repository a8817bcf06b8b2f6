// How the real hashicorp/aws 6.x provider plans the AWS Batch resource types,
// as data. Read from hashicorp/terraform-provider-aws, internal/service/batch/
// (compute_environment.go and job_definition.go at commit 01606926, the
// job queue's job_queue.go / job_queue_migrate.go of the same era). A
// provider bump is an edit of these rows.
//
// In the v6 schema `compute_resources.type` is NOT ForceNew (it is sent in
// UpdateComputeEnvironment), while `compute_resources.ec2_configuration`,
// `launch_template` and `placement_group` are. The two blocks force on their
// number of elements only (helper/schema/schema.go schemaMap.diffList puts
// RequiresNew on `.#`; behaviour.ts changedLocations): a change inside them
// replaces the environment only through resourceComputeEnvironmentCustomizeDiff,
// when it is not updatable.
import { Value, UNKNOWN } from "../protocol/cty";
import { decodeContainerProperties } from "../rules/container-properties";
import { ProviderRefusal, ResourceFacts, differs, regionCustomizeDiff, valueAt } from "./resource-facts";

/** `isServiceLinkedRole`: an empty service role means the Batch service-linked role. */
const SERVICE_LINKED_ROLE = /arn:[^:]+:iam::\d{12}:role\/aws-service-role\/batch\.amazonaws\.com\/*/;

/** `isUpdatableAllocationStrategy`. */
const UPDATABLE_ALLOCATION_STRATEGIES = ["BEST_FIT_PROGRESSIVE", "SPOT_CAPACITY_OPTIMIZED", "SPOT_PRICE_CAPACITY_OPTIMIZED"];

/**
 * `resourceComputeEnvironmentCustomizeDiff`: on update, unless the
 * environment is updatable, each of these changes forces a replacement.
 */
const REPLACED_UNLESS_UPDATABLE = [
  "compute_resources.*.security_group_ids",
  "compute_resources.*.subnets",
  "compute_resources.*.allocation_strategy",
  "compute_resources.*.bid_percentage",
  // `ec2_configuration.#`, then the first element's attributes.
  "compute_resources.*.ec2_configuration",
  "compute_resources.*.ec2_configuration.0.image_id_override",
  "compute_resources.*.ec2_configuration.0.image_kubernetes_version",
  "compute_resources.*.ec2_configuration.0.image_type",
  "compute_resources.*.ec2_key_pair",
  "compute_resources.*.image_id",
  "compute_resources.*.instance_role",
  "compute_resources.*.instance_type",
  // `launch_template.#`, then its attributes; a version unknown at plan (a template
  // being changed) is set to " " by the CustomizeDiff, so it forces too (differs() on UNKNOWN).
  "compute_resources.*.launch_template",
  "compute_resources.*.launch_template.0.launch_template_id",
  "compute_resources.*.launch_template.0.launch_template_name",
  "compute_resources.*.launch_template.0.version",
  "compute_resources.*.tags",
];

/** The Fargate types are exempt from the security group and subnet rules (`isFargateType`). */
const FARGATE_TYPES = ["FARGATE", "FARGATE_SPOT"];

function text(value: Value): string {
  return typeof value === "string" ? value : "";
}

function isServiceLinkedRole(role: Value): boolean {
  // An unknown role (a replaced IAM role) reads as "" in the SDK's diff, which counts as service-linked.
  return role === null || role === UNKNOWN || text(role) === "" || SERVICE_LINKED_ROLE.test(text(role));
}

function allocationStrategy(value: Value): Value {
  return valueAt(value, "compute_resources.0.allocation_strategy");
}

/** `isUpdatableComputeEnvironment`: service-linked role AND an updatable allocation strategy, before and after. */
export function isUpdatableComputeEnvironment(prior: Value, planned: Value): boolean {
  const roleChanged = differs(prior?.service_role, planned?.service_role);
  const roleOk = roleChanged
    ? isServiceLinkedRole(prior?.service_role) && isServiceLinkedRole(planned?.service_role)
    : isServiceLinkedRole(planned?.service_role);
  if (!roleOk) {
    return false;
  }
  if ((planned?.compute_resources ?? []).length === 0) {
    return false;
  }
  const updatable = (strategy: Value) => UPDATABLE_ALLOCATION_STRATEGIES.includes(text(strategy));
  return differs(allocationStrategy(prior), allocationStrategy(planned))
    ? updatable(allocationStrategy(prior)) && updatable(allocationStrategy(planned))
    : updatable(allocationStrategy(planned));
}

/**
 * `needsJobDefUpdate`: whether a change registers a new revision. Called
 * after equivalent container properties kept their prior text, so any
 * remaining difference is a real one.
 */
function needsNewRevision(prior: Value, planned: Value): boolean {
  return [
    "container_properties",
    "ecs_properties",
    "node_properties",
    "eks_properties",
    "retry_strategy",
    "timeout",
    "propagate_tags",
    "parameters",
    "platform_capabilities",
    "scheduling_priority",
    "type",
  ].some((name) => differs(prior[name], planned[name]));
}

export const BATCH_RESOURCE_FACTS: { readonly [type: string]: ResourceFacts } = {
  aws_batch_compute_environment: {
    sdk: "sdkv2",
    schemaVersion: 1,
    forceNew: [
      "name",
      "name_prefix",
      "type",
      "eks_configuration",
      "eks_configuration.*.eks_cluster_arn",
      "eks_configuration.*.kubernetes_namespace",
      "compute_resources.*.spot_iam_fleet_role",
      // ForceNew blocks: on their number of elements only (see the header).
      "compute_resources.*.ec2_configuration",
      "compute_resources.*.launch_template",
      "compute_resources.*.placement_group",
    ],
    normalize: {
      type: "upper",
      state: "upper",
      "compute_resources.*.type": "upper",
      "compute_resources.*.allocation_strategy": "upper",
    },
    equivalent: {},
    customizeDiff: (prior, planned) => {
      if (isUpdatableComputeEnvironment(prior, planned)) {
        return { replace: [], unknown: [] };
      }
      const fargate = FARGATE_TYPES.includes(text(valueAt(planned, "compute_resources.0.type")));
      const replace = REPLACED_UNLESS_UPDATABLE.filter(
        (path) => !(fargate && (path.endsWith("security_group_ids") || path.endsWith("subnets"))),
      );
      return { replace, unknown: [] };
    },
    assignedByAws: {
      // CreateComputeEnvironment without serviceRole: AWS Batch uses its service-linked role and reports it.
      service_role: "arn:aws:iam::{account}:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch",
      // launch_template.version (Optional + Computed): the API's default (LaunchTemplateSpecification.version).
      version: "$Default",
      // ec2_configuration.image_id_override (Optional + Computed): not returned unless set.
      image_id_override: null,
      // create.NamePrefixFromName: "" for a name that was not generated from a prefix.
      name_prefix: "",
      status: "VALID",
      status_reason: "ComputeEnvironment Healthy",
    },
    defaults: {
      state: "ENABLED",
      "update_policy.*.job_execution_timeout_minutes": 30,
      "update_policy.*.terminate_jobs_on_update": false,
    },
    keptWhenAbsent: ["compute_resources", "update_policy", "compute_resources.*.ec2_configuration"],
    // resourceComputeEnvironmentRead sets ec2_configuration from the API, which reports the default image type for a
    // managed EC2 or Spot environment created without one (TestAccBatchComputeEnvironment_createEC2:
    // ec2_configuration.# = 1, image_type = ECS_AL2). AWS's default for new environments may since be ECS_AL2023.
    readBack: (state) => ({
      ...state,
      compute_resources: (state.compute_resources ?? []).map((resources: Value) =>
        (resources.ec2_configuration ?? []).length === 0 && !FARGATE_TYPES.includes(text(resources.type).toUpperCase())
          ? { ...resources, ec2_configuration: [{ image_id_override: null, image_kubernetes_version: null, image_type: "ECS_AL2" }] }
          : resources,
      ),
    }),
    upgrade: {
      // compute_environment_migrate.go computeEnvironmentStateUpgradeV0: the v5 -> v6 rename.
      0: (state) => {
        const { compute_environment_name, compute_environment_name_prefix, ...rest } = state;
        return { ...rest, name: rest.name ?? compute_environment_name, name_prefix: rest.name_prefix ?? compute_environment_name_prefix };
      },
    },
    source:
      "internal/service/batch/compute_environment.go resourceComputeEnvironment (schema), resourceComputeEnvironmentCustomizeDiff, isUpdatableComputeEnvironment; compute_environment_migrate.go",
  },
  aws_batch_job_queue: {
    sdk: "framework",
    schemaVersion: 2,
    forceNew: ["name"],
    normalize: {},
    equivalent: {},
    upgrade: {
      // job_queue.go UpgradeState maps version 0 to upgradeJobQueueResourceStateV0toV1, whose result still
      // holds compute_environments; the framework does not chain upgraders, so setting it as the version-2
      // state fails (provider issues #48004, #49360).
      0: () => {
        throw new ProviderRefusal(
          "Value Conversion Error",
          "An unexpected error was encountered trying to convert from struct value. This is always an error in the provider. " +
            "Please report the following to the provider developer:\n\n" +
            "error retrieving field names from struct tags: Struct defines fields not found in object: compute_environments.",
        );
      },
      // job_queue_migrate.go upgradeJobQueueResourceStateV1toV2: the list becomes ordered blocks, order = position.
      1: (state) => {
        const { compute_environments, ...rest } = state;
        const environments = Array.isArray(compute_environments) ? (compute_environments as string[]) : null;
        return {
          ...rest,
          compute_environment_order: environments
            ? environments.map((environment, order) => ({ order, compute_environment: environment }))
            : rest.compute_environment_order,
        };
      },
    },
    source: "internal/service/batch/job_queue.go (RequiresReplace on name, UpgradeState), job_queue_migrate.go",
  },
  aws_batch_job_definition: {
    sdk: "sdkv2",
    schemaVersion: 0,
    forceNew: ["name", "retry_strategy.*.evaluate_on_exit"],
    normalize: { "retry_strategy.*.evaluate_on_exit.*.action": "lower" },
    equivalent: { container_properties: "container-properties" },
    defaults: { deregister_on_new_revision: true, propagate_tags: false },
    // resourceJobDefinitionRead: `retry_strategy` and `timeout` from the API, which returns none for an empty one
    // (TestAccBatchJobDefinition_emptyRetryStrategy, ExpectNonEmptyPlan: `retry_strategy {}` plans again).
    readBack: (state) => ({
      ...state,
      retry_strategy: (state.retry_strategy ?? []).filter(
        (strategy: Value) => strategy.attempts !== null || (strategy.evaluate_on_exit ?? []).length > 0,
      ),
      timeout: (state.timeout ?? []).filter((timeout: Value) => timeout.attempt_duration_seconds !== null),
    }),
    // resourceJobDefinitionCreate / Update: expandContainerProperties' decoding error, returned as is (sdkdiag.AppendFromErr).
    applyRefusal: (planned) => {
      if (typeof planned.container_properties !== "string") {
        return undefined;
      }
      const decoded = decodeContainerProperties(planned.container_properties);
      return decoded.ok ? undefined : new ProviderRefusal(decoded.error.replace(/^AWS Batch Job container_properties is invalid: /, ""), "");
    },
    customizeDiff: (prior, planned) => {
      // jobDefinitionCustomizeDiff: a new revision gets a new ARN, revision and id.
      const newRevision = typeof prior.arn === "string" && prior.arn !== "" && needsNewRevision(prior, planned);
      return { replace: [], unknown: newRevision ? ["arn", "revision", "id"] : [] };
    },
    source: "internal/service/batch/job_definition.go resourceJobDefinition (schema), jobDefinitionCustomizeDiff, needsJobDefUpdate",
  },

  aws_batch_scheduling_policy: {
    sdk: "sdkv2",
    schemaVersion: 0,
    // fair_share_policy updates in place (UpdateSchedulingPolicy). weight_factor
    // goes through float32 (flex.Float64ValueToFloat32 / Float32ToFloat64Value).
    // Whether that round trip can show a diff was not checked.
    forceNew: ["name"],
    normalize: {},
    equivalent: {},
    // resourceSchedulingPolicyRead: the policy's int32s, 0 when unset.
    readBack: (state) => ({
      ...state,
      fair_share_policy: (state.fair_share_policy ?? []).map((policy: Value) => ({
        ...policy,
        compute_reservation: policy.compute_reservation ?? 0,
        share_decay_seconds: policy.share_decay_seconds ?? 0,
      })),
    }),
    customizeDiff: regionCustomizeDiff,
    source:
      "internal/service/batch/scheduling_policy.go: resourceSchedulingPolicy, resourceSchedulingPolicyUpdate. read from a late-5.x copy (aws-sdk-go-v2, `meta any`, late 5.x or later). The " +
      "schema is the same as in 050ac11163cab8cdae5936a7f40b0e528ff780df (aws-sdk-go v1). Not checked against a v6 copy.",
  },
};
