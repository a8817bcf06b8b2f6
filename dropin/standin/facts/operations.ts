// How hashicorp/aws 6.x plans the operations types of this stack (the EC2
// launch template, the CloudWatch log group and metric alarm, the SNS topic,
// its policy and its subscriptions), as data; each row's `source` names the
// file, the functions and the version read. A provider bump is an edit of
// these rows.
//
// Every type here is an SDKv2 resource (`@SDKResource`): none has
// `RequiresReplace` plan modifiers. All are regional, so each gets a top-level
// `region` (Optional + Computed): regionCustomizeDiff (./resource-facts).
// Value normalizations and DiffSuppressFuncs use the names of NORMALIZERS
// (./resource-facts); JSON documents go in `equivalent`. As in the other rows,
// the StateFunc structure.NormalizeJsonString of the JSON arguments is not
// applied to the stored text: the stand-in keeps the configured text and
// compares as the DiffSuppressFunc does, which plans the same.
//
// `MigrateState` (aws_cloudwatch_metric_alarm) only runs on flatmap state
// (Terraform 0.11): JSON state at a lower version passes unchanged
// (passThrough, on purpose; see ./other-services).
//
// What the stand-in cannot say with the rule names it has (no row here
// invents one) is written next to the row, under "Not modelled".
import { createHash } from "crypto";
import { Value } from "../protocol/cty";
import { Customization, ResourceFacts, differs, passThrough, regionCustomizeDiff } from "./resource-facts";

/** The account and region of an ARN the stand-in filled in (`arn:aws:<service>:<region>:<account>:...`). */
function arnParts(arn: Value): { region: string; account: string } {
  const [, , , region = "", account = ""] = typeof arn === "string" ? arn.split(":") : [];
  return { region, account };
}

function hex(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** Both CustomizeDiffs of a row: the region interceptor's and the resource's own. */
function both(first: Customization, second: Customization): Customization {
  return { replace: [...first.replace, ...second.replace], unknown: [...first.unknown, ...second.unknown] };
}

/**
 * The top-level keys of the SDK's diff (helper/schema ResourceDiff
 * GetChangedKeysPrefix("") lists flatmap keys such as
 * `block_device_mappings.0.ebs.0.volume_size` or `tags.Name`; only their
 * first segment matters to the switches below). tags_all is left out: it
 * enters the diff in verify.SetTagsDiff, after both ComputedIfs of the
 * sequence. Computed-only attributes never differ between prior and plan.
 */
function changedTopLevelKeys(prior: Value, planned: Value): string[] {
  return Object.keys(planned ?? {}).filter(
    (name) => !["tags_all", "id", "arn", "latest_version"].includes(name) && differs(prior?.[name], planned[name]),
  );
}

/**
 * ec2_launch_template.go resourceLaunchTemplate CustomizeDiff,
 * customdiff.Sequence of two ComputedIfs (then verify.SetTagsDiff):
 * - latest_version becomes unknown when any key other than name,
 *   name_prefix, description, default_version and update_default_version
 *   changes. A `tags` change counts (its keys are `tags.<key>`): a tags-only
 *   change makes latest_version unknown although resourceLaunchTemplateUpdate
 *   creates no version for it (provider issue #21033 shows that plan). A
 *   `description` change does not, although it is one of updateKeys and does
 *   create a version.
 * - default_version becomes unknown when any key other than name,
 *   name_prefix and description changes and update_default_version is true.
 * Neither forces a replacement: an update is CreateLaunchTemplateVersion
 * (then ModifyLaunchTemplate for the default version), in place.
 */
function launchTemplateCustomizeDiff(prior: Value, planned: Value): Customization {
  const changed = changedTopLevelKeys(prior, planned);
  const unknown: string[] = [];
  if (changed.some((name) => !["name", "name_prefix", "description"].includes(name)) && planned.update_default_version === true) {
    unknown.push("default_version");
  }
  if (changed.some((name) => !["name", "name_prefix", "description", "default_version", "update_default_version"].includes(name))) {
    unknown.push("latest_version");
  }
  return both(regionCustomizeDiff(prior, planned), { replace: [], unknown });
}

/**
 * sns/topic_policy.go defaultTopicPolicy(topicARN, accountID): the policy the
 * provider puts back when an aws_sns_topic_policy is deleted, which is the
 * access policy SNS gives a topic created without one. Stored normalized
 * (structure.NormalizeJsonString: compact, keys sorted).
 */
function defaultTopicPolicy(topicArn: string, account: string): string {
  return JSON.stringify({
    Id: "__default_policy_ID",
    Statement: [
      {
        Action: [
          "SNS:GetTopicAttributes",
          "SNS:SetTopicAttributes",
          "SNS:AddPermission",
          "SNS:RemovePermission",
          "SNS:DeleteTopic",
          "SNS:Subscribe",
          "SNS:ListSubscriptionsByTopic",
          "SNS:Publish",
          "SNS:Receive",
        ],
        Condition: { StringEquals: { "AWS:SourceOwner": account } },
        Effect: "Allow",
        Principal: { AWS: "*" },
        Resource: topicArn,
        Sid: "__default_statement_ID",
      },
    ],
    Version: "2008-10-17",
  });
}

export const OPERATIONS_RESOURCE_FACTS: { readonly [type: string]: ResourceFacts } = {
  aws_launch_template: {
    sdk: "sdkv2",
    // No SchemaVersion, no StateUpgraders, no MigrateState.
    schemaVersion: 0,
    // Only name and name_prefix are ForceNew; no nested attribute is. Every
    // other change (block_device_mappings.*.ebs.*.volume_size included) is an
    // in-place update that creates a new template version.
    forceNew: ["name", "name_prefix"],
    // Not modelled: the nullable.TypeNullableBool strings (ebs_optimized,
    // block_device_mappings.*.ebs.*.delete_on_termination / encrypted,
    // network_interfaces.*.associate_* / delete_on_termination / primary_ipv6)
    // have DiffSuppressFunc nullable.DiffSuppressNullableBool ("true" == "1",
    // "" == ""). The stand-in compares their text; since the stand-in reads back
    // the text it stored, a configuration that does not change its spelling
    // plans the same.
    normalize: {},
    equivalent: {},
    // metadata_options: Optional + Computed block (schemaMap.diffList: left out, the prior block stays).
    keptWhenAbsent: ["metadata_options"],
    assignedByAws: {
      // resourceLaunchTemplateRead: DefaultVersionNumber and LatestVersionNumber of a new template.
      // Not modelled: after an update the stand-in reads back 1 again (it does not count versions);
      // the plan (latest_version unknown) is what the customizeDiff below gets right.
      default_version: 1,
      latest_version: 1,
      // create.NamePrefixFromName: "" for a name not generated from a prefix.
      name_prefix: "",
      // flattenLaunchTemplateEBSBlockDevice: VolumeType "" (not returned when not requested) is not set, read as "".
      // iops, throughput and volume_size (Optional + Computed) read as 0 when not returned, the stand-in's number default.
      volume_type: "",
      // flattenLaunchTemplateInstanceMetadataOptions for a metadata_options block that leaves these out:
      // the acceptance test of testAccLaunchTemplateConfig_metadataOptions reads http_protocol_ipv6 and instance_metadata_tags back as
      // "disabled". http_endpoint "enabled", http_tokens "optional" and hop limit 1 are the EC2 API's documented
      // defaults, not the provider's code (an account-level IMDS default can make http_tokens "required").
      http_protocol_ipv6: "disabled",
      instance_metadata_tags: "disabled",
      http_endpoint: "enabled",
      http_tokens: "optional",
      http_put_response_hop_limit: 1,
    },
    // resourceLaunchTemplateCreate: d.SetId(LaunchTemplateId, "lt-" and 17 hex digits); Read: the ARN
    // "arn:<partition>:ec2:<region>:<account>:launch-template/<id>".
    readBack: (state) => {
      const id = typeof state.id === "string" && /^lt-[0-9a-f]{17}$/.test(state.id) ? state.id : `lt-${hex(`lt|${state.name}`, 17)}`;
      const { region, account } = arnParts(state.arn);
      return { ...state, id, arn: `arn:aws:ec2:${region}:${account}:launch-template/${id}` };
    },
    // Both ComputedIfs (see launchTemplateCustomizeDiff) and the region rule.
    customizeDiff: launchTemplateCustomizeDiff,
    source:
      "internal/service/ec2/ec2_launch_template.go: resourceLaunchTemplate (schema, CustomizeDiff customdiff.Sequence of " +
      "ComputedIf(\"default_version\"), ComputedIf(\"latest_version\"), verify.SetTagsDiff), resourceLaunchTemplateCreate, " +
      "resourceLaunchTemplateRead, resourceLaunchTemplateUpdate (updateKeys, CreateLaunchTemplateVersion, ModifyLaunchTemplate), " +
      "flattenResponseLaunchTemplateData, flattenLaunchTemplateEBSBlockDevice. Read from a late-5.x copy " +
      "(@SDKResource(\"aws_launch_template\", name=\"Launch Template\"), aws-sdk-go-v2, internal/sdkv2/types/nullable, names.Attr*, " +
      "`meta interface{}`); the same CustomizeDiff is in c49358f89b43a4d9c8e533cd0610cd72cbd11eb3 (aws-sdk-go v1). " +
      "ec2_launch_template_test.go (the checks on testAccLaunchTemplateConfig_metadataOptions). Not checked against a v6 copy (none is stored); " +
      "the 6.25.0 binding has the same attributes and blocks.",
  },

  aws_cloudwatch_log_group: {
    sdk: "sdkv2",
    // No SchemaVersion. @IdentityVersion is not declared; @IdentityAttribute("name") is the identity schema.
    schemaVersion: 0,
    forceNew: ["log_group_class", "name", "name_prefix"],
    // Not modelled: retention_in_days has a DiffSuppressFunc hiding any change while log_group_class is
    // DELIVERY (and not changing): the stand-in plans such a change as an update.
    normalize: {},
    equivalent: {},
    defaults: { retention_in_days: 0, skip_destroy: false },
    assignedByAws: {
      // resourceGroupRead: LogGroupClass of a group created without one (CreateLogGroup's default).
      log_group_class: "STANDARD",
      name_prefix: "",
      // 6.25.0 (PR #45298, not in the copy read): Optional + Computed, updated in place
      // (PutLogGroupDeletionProtection); DescribeLogGroups reports false for a group created without it.
      deletion_protection_enabled: false,
    },
    // resourceGroupRead: arn is trimLogGroupARNWildcardSuffix(LogGroup.Arn), "arn:aws:logs:<region>:<account>:log-group:<name>".
    readBack: (state) => {
      const { region, account } = arnParts(state.arn);
      return { ...state, id: state.name, arn: `arn:aws:logs:${region}:${account}:log-group:${state.name}` };
    },
    customizeDiff: regionCustomizeDiff,
    source:
      "internal/service/logs/group.go at 0073593e7d6993ba482409f4dc35438daaa79bb3 (v6: @IdentityAttribute(\"name\"), " +
      "@Testing(preIdentityVersion=\"v6.7.0\")): resourceGroup (schema, retention_in_days DiffSuppressFunc), resourceGroupCreate, " +
      "resourceGroupRead, resourceGroupUpdate. deletion_protection_enabled (added in 6.25.0, hashicorp/terraform-provider-aws#45298) " +
      "from the 6.25.0 binding and the pull request's description only.",
  },

  aws_sns_topic: {
    sdk: "sdkv2",
    schemaVersion: 0,
    forceNew: ["fifo_topic", "name", "name_prefix"],
    normalize: {},
    equivalent: {
      // sdkv2.IAMPolicyDocumentSchemaOptionalComputed: SuppressEquivalentIAMPolicyDocuments ("" and "{}" equal, else
      // awspolicy.PoliciesAreEquivalent), DiffSuppressOnRefresh. Optional + Computed.
      policy: "policy",
      // sdkv2.JSONDocumentSchemaOptional: SuppressEquivalentJSONDocuments, json.EqualStrings (decoded, reflect.DeepEqual).
      delivery_policy: "json",
      // sdkv2.JSONDocumentWithEmptySchemaOptional: SuppressEquivalentJSONDocumentsWithEmpty, the same plus "" == "{}".
      // Not modelled: "" against "{}" (FIFO topics only).
      archive_policy: "json",
    },
    defaults: { content_based_deduplication: false, fifo_topic: false },
    assignedByAws: {
      owner: "{account}",
      name_prefix: "",
      // GetTopicAttributes for a topic created without them (AWS's defaults, not the provider's code):
      // SignatureVersion 1, TracingConfig PassThrough. Attributes SNS does not return read as ""
      // (topicAttributeMap WithMissingSetToNil("*")): a standard topic has no FifoThroughputScope and no
      // BeginningArchiveTime (resourceTopicCustomizeDiff refuses a throughput scope on a standard topic).
      signature_version: 1,
      tracing_config: "PassThrough",
      fifo_throughput_scope: "",
      beginning_archive_time: "",
      // Replaced by the topic's default access policy in readBack.
      policy: "",
    },
    // resourceTopicCreate: d.SetId(TopicArn), "arn:aws:sns:<region>:<account>:<name>". A topic created without a
    // policy gets SNS's default access policy (defaultTopicPolicy), which the read stores (Optional + Computed).
    // A FIFO topic's FifoThroughputScope defaults to "Topic" (the SNS API reference, not the provider's code).
    readBack: (state) => {
      const { region } = arnParts(state.arn);
      const arn = `arn:aws:sns:${region}:${state.owner}:${state.name}`;
      return {
        ...state,
        id: arn,
        arn,
        policy: state.policy === "" || state.policy === null ? defaultTopicPolicy(arn, state.owner) : state.policy,
        fifo_throughput_scope: state.fifo_topic === true && !state.fifo_throughput_scope ? "Topic" : state.fifo_throughput_scope,
      };
    },
    // resourceTopicCustomizeDiff also: on create, refuses a name not ^[0-9A-Za-z_-]{1,256}$ (standard) or
    // ^[0-9A-Za-z_-]{1,251}\.fifo$ (FIFO); refuses archive_policy, fifo_throughput_scope or
    // content_based_deduplication on a standard topic. None of it forces a replacement or makes a value
    // unknown, so only the region rule is modelled here.
    customizeDiff: regionCustomizeDiff,
    source:
      "internal/service/sns/topic.go at 00a35305dc1b297a6fcdecdfbba33f1e63c3da39 (v6: @ArnIdentity, " +
      "@Testing(preIdentityVersion=\"v6.4.0\"), \"Copyright IBM Corp. 2014, 2026\"): topicSchema, topicAttributeMap, resourceTopic, " +
      "resourceTopicCreate, resourceTopicUpdate, resourceTopicCustomizeDiff, resourceTopicFlatten; topic_policy.go defaultTopicPolicy; " +
      "internal/sdkv2/schema.go (\"Copyright IBM Corp.\") IAMPolicyDocumentSchemaOptionalComputed, JSONDocumentSchemaOptional, " +
      "JSONDocumentWithEmptySchemaOptional; internal/sdkv2/suppress.go SuppressEquivalentJSONDocumentsWithEmpty; internal/json/equal.go EqualStrings",
  },

  aws_sns_topic_policy: {
    sdk: "sdkv2",
    schemaVersion: 0,
    forceNew: ["arn"],
    normalize: {},
    // sdkv2.IAMPolicyDocumentSchemaRequired: SuppressEquivalentIAMPolicyDocuments, DiffSuppressOnRefresh; the read
    // keeps the configured text when equivalent (verify.PolicyToSet). Update is the same SetTopicAttributes, in place.
    equivalent: { policy: "policy" },
    assignedByAws: { owner: "{account}" },
    // resourceTopicPolicyUpsert: d.SetId(arn) on create.
    readBack: (state) => ({ ...state, id: state.arn }),
    customizeDiff: regionCustomizeDiff,
    source:
      "internal/service/sns/topic_policy.go at 00a35305dc1b297a6fcdecdfbba33f1e63c3da39 (v6: @ArnIdentity, " +
      "@Testing(preIdentityVersion=\"v6.8.0\")): resourceTopicPolicy, resourceTopicPolicyUpsert, resourceTopicPolicyRead, " +
      "resourceTopicPolicyDelete, defaultTopicPolicy; internal/sdkv2/schema.go IAMPolicyDocumentSchemaRequired",
  },

  aws_sns_topic_subscription: {
    sdk: "sdkv2",
    schemaVersion: 0,
    forceNew: ["endpoint", "protocol", "topic_arn"],
    normalize: {},
    equivalent: {
      // verify.SuppressEquivalentJSONDiffs (JSONStringsEqual: compacted, decoded, reflect.DeepEqual), DiffSuppressOnRefresh.
      filter_policy: "json",
      redrive_policy: "json",
      replay_policy: "json",
      // SuppressEquivalentTopicSubscriptionDeliveryPolicy: both decoded into TopicSubscriptionDeliveryPolicy (keys the
      // struct does not know are dropped, omitempty zero values such as "guaranteed": false vanish), re-marshalled,
      // compared as JSON. Not modelled: those two looser cases; the stand-in compares as JSON values, so it
      // shows a change where the real provider may not.
      delivery_policy: "json",
    },
    defaults: { confirmation_timeout_in_minutes: 1, endpoint_auto_confirms: false, raw_message_delivery: false },
    assignedByAws: {
      owner_id: "{account}",
      // resourceTopicSubscriptionCreate waits for PendingConfirmation "false" except for email and (not
      // auto-confirming) http(s) endpoints; the stand-in reads back false for every protocol.
      pending_confirmation: false,
      // Set in readBack when a filter policy is there.
      filter_policy_scope: "",
    },
    // resourceTopicSubscriptionCreate: d.SetId(SubscriptionArn), "<topic arn>:<uuid>". filter_policy_scope
    // (Optional + Computed): "When filter_policy is set, this defaults to MessageAttributes"; without a policy
    // SNS drops the scope (read as "").
    readBack: (state) => {
      const arn = typeof state.id === "string" && state.id.startsWith(`${state.topic_arn}:`) ? state.id : `${state.topic_arn}:${hex(`sub|${state.protocol}|${state.endpoint}`, 32)}`;
      const hasPolicy = typeof state.filter_policy === "string" && state.filter_policy !== "";
      return {
        ...state,
        id: arn,
        arn,
        filter_policy_scope: hasPolicy ? state.filter_policy_scope || "MessageAttributes" : "",
      };
    },
    // resourceTopicSubscriptionCustomizeDiff also: with a filter_policy and no configured filter_policy_scope, plans
    // MessageAttributes when one was read back (SetNew); with neither, clears the scope's diff; refuses a scope
    // without a policy. None of it forces a replacement; with the read-back above it plans no change.
    customizeDiff: regionCustomizeDiff,
    source:
      "internal/service/sns/topic_subscription.go: subscriptionSchema, subscriptionAttributeMap, resourceTopicSubscription, " +
      "resourceTopicSubscriptionCreate, resourceTopicSubscriptionUpdate, putSubscriptionAttribute, " +
      "SuppressEquivalentTopicSubscriptionDeliveryPolicy, normalizeTopicSubscriptionDeliveryPolicy, " +
      "resourceTopicSubscriptionCustomizeDiff. Read from a late-5.x copy (aws-sdk-go-v2, names.Attr*, `meta interface{}`, " +
      "\"Copyright (c) HashiCorp, Inc.\", with filter_policy_scope and replay_policy); ForceNew set the same in " +
      "7adaa6e634f93cf5e0cb386225284a9da853a7c8 (aws-sdk-go v1). internal/verify/json.go SuppressEquivalentJSONDiffs. " +
      "Not checked against a v6 copy (none is stored); the 6.25.0 binding has the same attributes.",
  },

  aws_cloudwatch_metric_alarm: {
    sdk: "sdkv2",
    // SchemaVersion 1, MigrateState MetricAlarmMigrateState: v0 -> v1 (flatmap only) sets
    // treat_missing_data = "missing".
    schemaVersion: 1,
    // Only alarm_name. Everything else is one PutMetricAlarm, in place.
    forceNew: ["alarm_name"],
    normalize: {},
    equivalent: {},
    defaults: { actions_enabled: true, treat_missing_data: "missing", "metric_query.*.return_data": false },
    assignedByAws: {
      // resourceMetricAlarmRead: EvaluateLowSampleCountPercentile is nil for an alarm without a percentile
      // statistic and reads as "". For a percentile alarm created without it, what AWS reports was not checked.
      evaluate_low_sample_count_percentiles: "",
    },
    // resourceMetricAlarmCreate: d.SetId(alarm_name); the read stores AlarmArn, "arn:aws:cloudwatch:<region>:<account>:alarm:<name>".
    readBack: (state) => {
      const { region, account } = arnParts(state.arn);
      return { ...state, id: state.alarm_name, arn: `arn:aws:cloudwatch:${region}:${account}:alarm:${state.alarm_name}` };
    },
    // resourceMetricAlarm's CustomizeDiff (customdiff.All of one function) only refuses: a metric_name with neither
    // or both of statistic and extended_statistic, a metric_query with both expression and metric. Nothing is
    // replaced or made unknown by it, so only the region rule is modelled here.
    customizeDiff: regionCustomizeDiff,
    upgrade: { 0: passThrough },
    source:
      "internal/service/cloudwatch/metric_alarm.go at 055611a654738da73e7b1e2b5d2b7672c6d4d531 (v6: " +
      "@IdentityAttribute(\"alarm_name\"), @Testing(preIdentityVersion=\"v6.7.0\")): resourceMetricAlarm (schema, CustomizeDiff), " +
      "resourceMetricAlarmCreate, resourceMetricAlarmRead, resourceMetricAlarmUpdate; metric_alarm_migrate.go at " +
      "013f1736b90439e5a19567a87d3e5cd11858c420: MetricAlarmMigrateState, migrateMetricAlarmStateV0toV1",
  },
};
