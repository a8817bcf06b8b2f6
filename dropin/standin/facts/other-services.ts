// How hashicorp/aws 6.x plans the EventBridge, SQS and S3 types of this stack
// (the S3 trigger's), as data; each row's `source` names the file, the
// functions and the version read. A provider bump is an edit of these rows.
//
// Every type here is an SDKv2 resource (`@SDKResource`): none has
// `RequiresReplace` plan modifiers. Regional types get a top-level `region`
// (Optional + Computed): regionCustomizeDiff (./resource-facts). Value
// normalizations and DiffSuppressFuncs use the names of NORMALIZERS
// (./resource-facts); JSON documents go in `equivalent`. The StateFunc
// structure.NormalizeJsonString of the JSON arguments is not applied to the
// stored text: the stand-in keeps the configured text and compares as the
// DiffSuppressFunc (or, without one, as JSON values) does, which plans the same.
//
// `MigrateState` (aws_security_group, aws_security_group_rule,
// aws_sqs_queue_policy) only runs on flatmap state, i.e. state last written
// by Terraform 0.11: terraform-plugin-sdk helper/schema grpc_provider.go
// UpgradeResourceState calls upgradeFlatmapState (which calls MigrateState)
// only when RawState.Flatmap is set; JSON state goes through
// upgradeJSONState, which runs StateUpgraders only. These types have none, so
// JSON state at a lower version passes unchanged (passThrough, on purpose).
import { ResourceFacts, passThrough, regionCustomizeDiff } from "./resource-facts";

export const OTHER_RESOURCE_FACTS: { readonly [type: string]: ResourceFacts } = {
  aws_cloudwatch_event_rule: {
    sdk: "sdkv2",
    // SchemaVersion 1 with a StateUpgrader (runs on JSON state too):
    // resourceRuleUpgradeV0 sets state = "ENABLED" when is_enabled is true,
    // "DISABLED" otherwise. It asserts is_enabled.(bool), so a v0 state
    // whose is_enabled is null makes the provider panic.
    schemaVersion: 1,
    forceNew: ["event_bus_name", "name", "name_prefix"],
    normalize: { state: "unset-keeps-stored", is_enabled: "unset-is-no-change" },
    // DefaultEventBusName.
    defaults: { event_bus_name: "default", force_destroy: false },
    // resourceRuleRead: `state` is what EventBridge reports (ENABLED for a rule created without one), `is_enabled` follows it.
    readBack: (state) => {
      const ruleState = state.state ?? (state.is_enabled === false ? "DISABLED" : "ENABLED");
      return { ...state, state: ruleState, is_enabled: ruleState.startsWith("ENABLED") };
    },
    assignedByAws: { name_prefix: "" },
    // event_pattern: StateFunc ruleEventPatternJSONDecoder, which re-marshals
    // the JSON (Go encoding/json: compact, object keys sorted, numbers as
    // float64) and un-escapes \u003c \u003e \u0026. That is JSON-value
    // equality in effect, with array order still significant. There is no
    // DiffSuppressFunc.
    equivalent: { event_pattern: "json" },
    customizeDiff: regionCustomizeDiff,
    upgrade: {
      0: (state) => {
        if (typeof state.is_enabled !== "boolean") {
          throw new Error(
            "aws_cloudwatch_event_rule state upgrade v0 -> v1: resourceRuleUpgradeV0 asserts is_enabled.(bool); " +
              "the real provider panics on this state",
          );
        }
        return { ...state, state: state.is_enabled ? "ENABLED" : "DISABLED" };
      },
    },
    source:
      "internal/service/events/rule.go at 0cdab4ae09a963535e03dde0bff4784afe8e3517 (v6: @IdentityAttribute(\"name\"), " +
      "@Testing(preIdentityVersion=\"v6.7.0\")): resourceRule (schema, StateUpgraders), ruleEventPatternJSONDecoder, " +
      "validateEventPatternValue, expandPutRuleInput; rule_migrate.go (names.AttrState, types.RuleState*): " +
      "resourceRuleV0, resourceRuleUpgradeV0",
  },

  aws_cloudwatch_event_target: {
    sdk: "sdkv2",
    // SchemaVersion 1 with a StateUpgrader: targetStateUpgradeV0 sets
    // event_bus_name = "default" when the key is absent.
    schemaVersion: 1,
    forceNew: ["event_bus_name", "rule", "target_id"],
    defaults: {
      event_bus_name: "default",
      force_destroy: false,
      "ecs_target.*.enable_ecs_managed_tags": false,
      "ecs_target.*.enable_execute_command": false,
      "ecs_target.*.task_count": 1,
      "ecs_target.*.network_configuration.*.assign_public_ip": false,
    },
    // sagemaker_pipeline_target: verify.SuppressMissingOptionalConfigurationBlock (`old == "1" && new == "0"`).
    keptWhenAbsent: ["sagemaker_pipeline_target"],
    // `input` is neither normalized nor suppressed. The schema comment says
    // "We could be normalizing the JSON here, but for built-in targets input
    // may not be JSON". Whitespace or key order in `input` IS a change (in place).
    normalize: {},
    equivalent: {},
    customizeDiff: regionCustomizeDiff,
    upgrade: {
      0: (state) => ("event_bus_name" in state ? state : { ...state, event_bus_name: "default" }),
    },
    source:
      "internal/service/events/target.go: resourceTarget (schema, StateUpgraders), resourceTargetUpdate. Read from a late-5.x copy " +
      "(names.AttrRule, aws-sdk-go-v2, `meta interface{}`, late 5.x), " +
      "and the same ForceNew set in 0762c41e2027fcd3cb8340d3e6886c6975fc0a59 and bf84f8e534d8ff47c25b6f4ecd0dca4f01d73796. " +
      "target_migrate.go at 0620f2a6a126dfcbc4aecbc9a117b0fbea1656ff: resourceTargetV0, targetStateUpgradeV0. Not checked against a v6 copy.",
  },

  aws_sqs_queue: {
    sdk: "sdkv2",
    // Schema version 0. The file's @IdentityVersion(1) is the resource
    // IDENTITY schema version, not the state schema version.
    schemaVersion: 0,
    forceNew: ["fifo_queue", "name", "name_prefix"],
    normalize: { kms_data_key_reuse_period_seconds: "kms-reuse-unencrypted" },
    defaults: {
      content_based_deduplication: false,
      fifo_queue: false,
      delay_seconds: 0,
      receive_wait_time_seconds: 0,
      max_message_size: 262_144,
      message_retention_seconds: 345_600,
      visibility_timeout_seconds: 30,
    },
    // resourceQueueRead (WithMissingSetToNil("*")): SQS reports SSE-SQS on for a queue created without encryption
    // settings (an AWS default, not in the provider's code), and the read turns a reuse period of 0 into 300.
    assignedByAws: {
      sqs_managed_sse_enabled: true,
      kms_data_key_reuse_period_seconds: 300,
      name_prefix: "",
      policy: null,
      redrive_policy: null,
      redrive_allow_policy: null,
      deduplication_scope: null,
      fifo_throughput_limit: null,
    },
    equivalent: {
      // SuppressEquivalentPolicyDiffs (DiffSuppressOnRefresh) plus StateFunc structure.NormalizeJsonString. Optional + Computed.
      policy: "policy",
      // StateFunc structure.NormalizeJsonString only, no DiffSuppressFunc: canonical JSON text, so JSON-value equality.
      redrive_policy: "json",
      redrive_allow_policy: "json",
    },
    // resourceQueueCustomizeDiff also: on create, rejects a name that is not
    // ^[0-9A-Za-z_-]{1,80}$ (standard) or ^[0-9A-Za-z_-]{1,75}\.fifo$ (FIFO);
    // with sqs_managed_sse_enabled, sets kms_data_key_reuse_period_seconds to
    // null on create and clears its diff on update; errors on
    // content_based_deduplication without fifo_queue. None of it forces a
    // replacement, so only the region rule is modelled here.
    customizeDiff: regionCustomizeDiff,
    source:
      "internal/service/sqs/queue.go (v6: @IdentityVersion(1), @Testing(identityVersion=\"1;v6.19.0\"), " +
      "\"Copyright IBM Corp. 2014, 2026\"): queueSchema, resourceQueue, resourceQueueCustomizeDiff, queueName",
  },

  aws_sqs_queue_policy: {
    sdk: "sdkv2",
    // SchemaVersion 1, MigrateState queuePolicyMigrateState. v0 -> v1
    // (flatmap only) sets id = queue_url.
    schemaVersion: 1,
    forceNew: ["queue_url"],
    normalize: {},
    // sdkv2.IAMPolicyDocumentSchemaRequired: DiffSuppressFunc sdkv2.SuppressEquivalentIAMPolicyDocuments
    // ("" and "{}" are equal, else awspolicy.PoliciesAreEquivalent), DiffSuppressOnRefresh, StateFunc NormalizeJsonStringSchemaStateFunc.
    equivalent: { policy: "policy" },
    customizeDiff: regionCustomizeDiff,
    upgrade: { 0: passThrough },
    source:
      "internal/service/sqs/queue_policy.go (v6: @IdentityVersion(1), @Testing(preIdentityVersion=\"v6.9.0\")" +
      "): resourceQueuePolicy; internal/sdkv2 IAMPolicyDocumentSchemaRequired, SuppressEquivalentIAMPolicyDocuments " +
      "; queue_policy_migrate.go at 133d5536522d6fd1fde74950c44701018bf635aa (older, exported " +
      "QueuePolicyMigrateState; the v6 body of queuePolicyMigrateState not read)",
  },

  aws_s3_bucket_notification: {
    sdk: "sdkv2",
    schemaVersion: 0,
    // Only `bucket`. eventbridge and the lambda_function / queue / topic
    // lists update in place (one PutBucketNotificationConfiguration call).
    forceNew: ["bucket"],
    normalize: {},
    equivalent: {},
    defaults: { eventbridge: false },
    customizeDiff: regionCustomizeDiff,
    source:
      "internal/service/s3/bucket_notification.go at 033c721bf1eda7db79395cd73acb54c7efa57ffc (v6: @IdentityAttribute(\"bucket\"), " +
      "@Testing(preIdentityVersion=\"v6.9.0\")): resourceBucketNotification, resourceBucketNotificationPut",
  },
};
