// The real hashicorp/aws provider's validators for every argument this stack
// sets, as data: one row per validator, each citing its source
// (hashicorp/terraform-provider-aws v6-era files; SDKv2 helpers from
// terraform-plugin-sdk helper/validation and helper/schema/schema.go;
// framework helpers from terraform-plugin-framework-validators). The ported
// functions are rules/validate-funcs.ts. Messages are the provider's own
// wording, built the way each helper builds it:
//
// - SDKv2 ValidateFunc: the key is the flatmap key of the value
//   (`retry_strategy.0.attempts`), the diagnostic summary is the message and
//   there is no detail (schema.go `validateFunc`).
// - SDKv2 ValidateDiagFunc wrapping a ValidateFunc (`enum.Validate*`):
//   `validation.ToDiagFunc` passes only the LAST attribute name as the key
//   (`type`, `allocation_strategy`, `action`), not the full path.
// - SDKv2 list MaxItems (schema.go `validateList`): summary "List longer than
//   MaxItems", skipped when any part of the list is unknown.
// - TypeInt arguments refuse a fractional number before any validator runs
//   (schema.go `validatePrimitive`: "Attribute must be a whole number, got %v").
// - Framework validators (aws_batch_job_queue only): summary
//   "Invalid Attribute Value Match" / "Invalid ARN Value", message in detail,
//   path as the framework prints it (`compute_environment_order[0].compute_environment`).
// - Go formatting is reproduced: %q is strconv.Quote, []string with %q is
//   `["A" "B"]`, StringLenBetween counts runes, len() counts bytes, RE2 `\s`
//   is [\t\n\f\r ], JSON errors are encoding/json's scanner messages.
//
// Rules that surprise:
// 1. IAM instance profile names may be 128 characters (instanceProfileNameMaxLen
//    = 128 in instance_profile.go). Roles are 64, policies and role
//    policies 128. Every IAM name also needs at least 1 character
//    (validResourceName = StringLenBetween(1, max) + StringMatch).
// 2. aws_cloudwatch_event_target retry_policy.maximum_event_age_in_seconds is
//    IntBetween(0, 86400) in target.go: the provider accepts 0-59 at plan
//    (the EventBridge API refuses them at apply).
// 3. The SQS queue name is not checked by a schema validator: name has none.
//    resourceQueueCustomizeDiff checks it at plan, on create only, against
//    `^[0-9A-Za-z_-]{1,80}$`, or `^[0-9A-Za-z_-]{1,75}\.fifo$` for a FIFO
//    queue, with the message "invalid queue name: %s". Its rows have
//    stage "plan-create".
// 4. The event pattern limit of 4096 applies to the NORMALIZED pattern
//    (json.Marshal of the decoded value, keys sorted, <>& unescaped:
//    rule.go validateEventPatternValue), not to the configured string.
// 5. "At most 5 rules" is evaluate_on_exit's MaxItems: 5 (a schema list
//    limit, not a validator); each of on_status_reason, on_reason and
//    on_exit_code is also StringLenBetween(1, 512); on_exit_code's pattern is
//    `^[0-9]*\*?$`.
// 6. aws_batch_job_queue is a framework resource: its name check is
//    stringvalidator.RegexMatches (same pattern as validName, different
//    message, no trailing full stop), its state OneOfCaseInsensitive.
// 7. cidr_blocks refusals read `"10.0.0.1/8" is not a valid IPv4 CIDR block;
//    did you mean "10.0.0.0/8"?` (verify/validate.go ValidateIPv4CIDRBlock),
//    not "... is not a valid IPv4 CIDR network address".
// 8. The event rule name check (validateRuleName) is two checks: more than 64
//    BYTES, and the pattern `^[0-9A-Za-z_.-]+$`; the target's `rule` uses it too.
//
// Arguments the stack sets that have no validator in the provider: batch
// compute environment max/min/desired_vcpus, bid_percentage, instance_type,
// security_group_ids, subnets; job queue priority and order; job definition
// propagate_tags, parameters, scheduling_priority; security group vpc_id;
// security group rule from_port, to_port, protocol, security_group_id;
// instance profile role; role policy attachment role; policy description;
// event target batch_target; sqs_managed_sse_enabled; queue policy queue_url;
// s3 bucket notification bucket and eventbridge; every `tags` map.



export type Stage = "validate" | "plan-create";

/** Where a value sits, for checks that print its path or read another argument. */
export interface CheckContext {
  /** Attribute names and list indexes to the value: ["retry_strategy", 0, "attempts"]. */
  readonly steps: readonly (string | number)[];
  /** The whole resource configuration. */
  readonly config: { readonly [name: string]: unknown };
}

export interface ValidatorRow {
  /** Attribute path in the resource config; `*` stands for every element of a list/set block or list attribute: "name", "compute_resources.*.type", "retry_strategy.*.attempts", "cidr_blocks.*". */
  readonly path: string;
  /**
   * Returns the provider's message when the value is refused, undefined when accepted. Never called with null or an unknown value.
   * Without a context the value is taken to be at `path` with every `*` at index 0.
   */
  readonly check: (value: unknown, context?: CheckContext) => string | undefined;
  /** Provider source file and function/line hint: "internal/service/batch/validate.go validName". */
  readonly source: string;
  /** The diagnostic summary when it is fixed text (framework validators, list limits); the message is then the detail. */
  readonly summary?: string;
  /** Skipped when any part of the value is unknown (SDKv2 list limits). */
  readonly whollyKnown?: boolean;
  /** The last `*` is a set: the SDK reports the problem at the set, not at the element. */
  readonly set?: boolean;
  /** When the provider makes the check: "validate" (ValidateResourceConfig, the default) or "plan-create" (CustomizeDiff, planning a create). */
  readonly stage?: Stage;
}

export interface ValidationProblem {
  readonly path: string;
  readonly summary: string;
  readonly detail: string;
  /** The validator's provider source (not part of the real diagnostic). */
  readonly source: string;
}

import {
  BATCH_NAME,
  BATCH_PREFIX,
  EXIT_CODE,
  IAM_NAME,
  REASON,
  REASON_MESSAGE,
  ROLE_POLICY_ROLE,
  RULE_NAME,
  SG_RULE_DESCRIPTION,
  batchName,
  complies,
  fwARN,
  fwOneOfCaseInsensitive,
  fwRegexMatches,
  intAtLeast,
  intBetween,
  notLongerThan,
  queueName,
  stringDoesNotMatch,
  stringInSlice,
  stringIsJSON,
  stringLenBetween,
  stringMatch,
  validARN,
  validEventPattern,
  validIAMPolicyJSON,
  validIPv4CIDRNetworkAddress,
  validJobContainerProperties,
  GoValidateFunc,
} from "../rules/validate-funcs";
import { goQuote } from "../go/format";

// ---------------------------------------------------------------------------
// Rows: how the SDK and the framework call a validator, and the table.

function stepsOf(path: string, context?: CheckContext): readonly (string | number)[] {
  return context?.steps ?? path.split(".").map((step) => (step === "*" ? 0 : step));
}

/** SDKv2 ValidateFunc: the key is the flatmap key. */
function sdk(path: string, source: string, validate: GoValidateFunc, extra: Partial<ValidatorRow> = {}): ValidatorRow {
  return { path, source, ...extra, check: (value, context) => validate(value, stepsOf(path, context).join(".")) };
}

/** SDKv2 ValidateDiagFunc through validation.ToDiagFunc: the key is the last attribute name. */
function sdkDiag(path: string, source: string, validate: GoValidateFunc, extra: Partial<ValidatorRow> = {}): ValidatorRow {
  return {
    path,
    source,
    ...extra,
    check: (value, context) => validate(value, [...stepsOf(path, context)].reverse().find((step) => typeof step === "string") as string),
  };
}

/** SDKv2 list MaxItems (schema.go validateList). */
function maxItems(path: string, max: number, source: string): ValidatorRow {
  return {
    path,
    source: `${source}; helper/schema/schema.go validateList`,
    summary: "List longer than MaxItems",
    whollyKnown: true,
    check: (value) =>
      Array.isArray(value) && value.length > max ? `Attribute supports ${max} item maximum, config has ${value.length} declared` : undefined,
  };
}

/** A framework validator: the path as the framework prints it, the message as detail. */
function fw(path: string, source: string, summary: string, validate: (value: unknown, path: string) => string | undefined): ValidatorRow {
  return {
    path,
    source,
    summary,
    check: (value, context) =>
      validate(
        value,
        stepsOf(path, context)
          .map((step, index) => (typeof step === "number" ? `[${step}]` : index === 0 ? step : `.${step}`))
          .join(""),
      ),
  };
}

const CE = "internal/service/batch/compute_environment.go resourceComputeEnvironment";
const JQ = "internal/service/batch/job_queue.go (jobQueueResource).Schema";
const JD = "internal/service/batch/job_definition.go resourceJobDefinition";
const SG = "internal/service/ec2/vpc_security_group.go resourceSecurityGroup";
const SGR = "internal/service/ec2/vpc_security_group_rule.go resourceSecurityGroupRule";
const IAM_VALID = "internal/service/iam/validate.go validResourceName";
const RULE = "internal/service/events/rule.go resourceRule";
const TARGET = "internal/service/events/target.go resourceTarget";
const QUEUE = "internal/service/sqs/queue.go";

const iamName = (path: string, max: number, where: string): ValidatorRow[] => [
  sdk(path, `${where} ${path}: ${IAM_VALID}(${max}) StringLenBetween(1, ${max})`, stringLenBetween(1, max)),
  sdk(path, `${where} ${path}: ${IAM_VALID}(${max}) StringMatch`, stringMatch(IAM_NAME, "must match [\\w+=,.@-]")),
];

const reason = (field: string): ValidatorRow[] => [
  sdk(`retry_strategy.*.evaluate_on_exit.*.${field}`, `${JD} ${field}: StringLenBetween(1, 512)`, stringLenBetween(1, 512)),
  sdk(
    `retry_strategy.*.evaluate_on_exit.*.${field}`,
    `${JD} ${field}: StringMatch`,
    field === "on_exit_code"
      ? stringMatch(EXIT_CODE, "must contain only numbers, and can optionally end with an asterisk")
      : stringMatch(REASON, REASON_MESSAGE),
  ),
];

const ruleName = (path: string, where: string): ValidatorRow[] => [
  sdk(path, `${where} ${path}: internal/service/events/validate.go validateRuleName (len > 64)`, notLongerThan(64)),
  sdk(path, `${where} ${path}: internal/service/events/validate.go validateRuleName (pattern)`, complies(RULE_NAME)),
];

export const VALIDATORS: { readonly [resourceType: string]: readonly ValidatorRow[] } = {
  aws_batch_compute_environment: [
    sdk("name", `${CE} name: internal/service/batch/validate.go validName`, batchName(BATCH_NAME, 128)),
    sdk("name_prefix", `${CE} name_prefix: internal/service/batch/validate.go validPrefix`, batchName(BATCH_PREFIX, 102)),
    sdkDiag("type", `${CE} type: enum.ValidateIgnoreCase[awstypes.CEType]`, stringInSlice(["MANAGED", "UNMANAGED"], true)),
    sdkDiag("state", `${CE} state: enum.ValidateIgnoreCase[awstypes.CEState]`, stringInSlice(["ENABLED", "DISABLED"], true)),
    sdk("service_role", `${CE} service_role: verify.ValidARN (internal/verify/validate.go ValidARNCheck)`, validARN),
    sdkDiag(
      "compute_resources.*.type",
      `${CE} compute_resources.type: enum.ValidateIgnoreCase[awstypes.CRType]`,
      stringInSlice(["EC2", "SPOT", "FARGATE", "FARGATE_SPOT"], true),
    ),
    sdkDiag(
      "compute_resources.*.allocation_strategy",
      `${CE} compute_resources.allocation_strategy: enum.ValidateIgnoreCase[awstypes.CRAllocationStrategy]`,
      stringInSlice(["BEST_FIT", "BEST_FIT_PROGRESSIVE", "SPOT_CAPACITY_OPTIMIZED", "SPOT_PRICE_CAPACITY_OPTIMIZED"], true),
    ),
    sdk("compute_resources.*.instance_role", `${CE} compute_resources.instance_role: verify.ValidARN`, validARN),
    sdk("compute_resources.*.spot_iam_fleet_role", `${CE} compute_resources.spot_iam_fleet_role: verify.ValidARN`, validARN),
  ],
  aws_batch_job_queue: [
    fw(
      "name",
      `${JQ} name: stringvalidator.RegexMatches (framework-validators stringvalidator/regex_matches.go, helpers/validatordiag)`,
      "Invalid Attribute Value Match",
      fwRegexMatches(
        BATCH_NAME,
        "must be up to 128 letters (uppercase and lowercase), numbers, underscores and dashes, and must start with an alphanumeric",
      ),
    ),
    fw(
      "state",
      `${JQ} state: enum.FrameworkValidateIgnoreCase[awstypes.JQState] (stringvalidator.OneOfCaseInsensitive)`,
      "Invalid Attribute Value Match",
      fwOneOfCaseInsensitive(["ENABLED", "DISABLED"]),
    ),
    fw(
      "compute_environment_order.*.compute_environment",
      `${JQ} compute_environment_order.compute_environment: fwtypes.ARNType (internal/framework/types/arn.go ValidateAttribute)`,
      "Invalid ARN Value",
      fwARN,
    ),
  ],
  aws_batch_job_definition: [
    sdk("name", `${JD} name: internal/service/batch/validate.go validName`, batchName(BATCH_NAME, 128)),
    sdkDiag("type", `${JD} type: enum.ValidateIgnoreCase[awstypes.JobDefinitionType]`, stringInSlice(["container", "multinode"], true)),
    sdk("container_properties", `${JD} container_properties: validJobContainerProperties`, validJobContainerProperties),
    sdkDiag(
      "platform_capabilities.*",
      `${JD} platform_capabilities: enum.Validate[awstypes.PlatformCapability]`,
      stringInSlice(["EC2", "FARGATE"], false),
      { set: true },
    ),
    sdk("retry_strategy.*.attempts", `${JD} retry_strategy.attempts: IntBetween(1, 10)`, intBetween(1, 10)),
    maxItems("retry_strategy.*.evaluate_on_exit", 5, `${JD} retry_strategy.evaluate_on_exit: MaxItems 5`),
    sdkDiag(
      "retry_strategy.*.evaluate_on_exit.*.action",
      `${JD} evaluate_on_exit.action: enum.ValidateIgnoreCase[awstypes.RetryAction]`,
      stringInSlice(["RETRY", "EXIT"], true),
    ),
    ...reason("on_status_reason"),
    ...reason("on_reason"),
    ...reason("on_exit_code"),
    sdk("timeout.*.attempt_duration_seconds", `${JD} timeout.attempt_duration_seconds: IntAtLeast(60)`, intAtLeast(60)),
  ],
  aws_security_group: [
    sdk("name", `${SG} name: StringLenBetween(0, 255)`, stringLenBetween(0, 255)),
    sdk("name", `${SG} name: StringDoesNotMatch(^sg-)`, stringDoesNotMatch({ go: "^sg-", js: /^sg-/ }, "cannot begin with sg-")),
    sdk("name_prefix", `${SG} name_prefix: StringLenBetween(0, 255-id.UniqueIDSuffixLength)`, stringLenBetween(0, 229)),
    sdk("name_prefix", `${SG} name_prefix: StringDoesNotMatch(^sg-)`, stringDoesNotMatch({ go: "^sg-", js: /^sg-/ }, "cannot begin with sg-")),
    sdk("description", `${SG} description: StringLenBetween(0, 255)`, stringLenBetween(0, 255)),
  ],
  aws_security_group_rule: [
    sdkDiag("type", `${SGR} type: enum.Validate[securityGroupRuleType] (internal/service/ec2/consts.go Values)`, stringInSlice(["egress", "ingress"], false)),
    sdk("cidr_blocks.*", `${SGR} cidr_blocks: verify.ValidIPv4CIDRNetworkAddress (internal/verify/validate.go ValidateIPv4CIDRBlock)`, validIPv4CIDRNetworkAddress),
    sdk("description", `${SGR} description: internal/service/ec2/validate.go validSecurityGroupRuleDescription (len > 255)`, notLongerThan(255)),
    sdk("description", `${SGR} description: internal/service/ec2/validate.go validSecurityGroupRuleDescription (pattern)`, complies(SG_RULE_DESCRIPTION)),
  ],
  aws_iam_role: [
    ...iamName("name", 64, "internal/service/iam/role.go resourceRole"),
    ...iamName("name_prefix", 38, "internal/service/iam/role.go resourceRole"),
    sdk("assume_role_policy", "internal/service/iam/role.go resourceRole assume_role_policy: verify.ValidIAMPolicyJSON", validIAMPolicyJSON),
    sdk("description", "internal/service/iam/role.go resourceRole description: StringLenBetween(0, 1000)", stringLenBetween(0, 1000)),
    sdk(
      "description",
      "internal/service/iam/role.go resourceRole description: StringDoesNotMatch([“‘])",
      stringDoesNotMatch({ go: "[“‘]", js: /[“‘]/ }, "cannot contain specially formatted single or double quotes: [“‘]"),
    ),
  ],
  aws_iam_policy: [
    ...iamName("name", 128, "internal/service/iam/policy.go resourcePolicy"),
    ...iamName("name_prefix", 102, "internal/service/iam/policy.go resourcePolicy"),
    sdk("policy", "internal/service/iam/policy.go resourcePolicy policy: verify.ValidIAMPolicyJSON", validIAMPolicyJSON),
  ],
  aws_iam_role_policy: [
    ...iamName("name", 128, "internal/service/iam/role_policy.go resourceRolePolicy (validRolePolicyName)"),
    ...iamName("name_prefix", 102, "internal/service/iam/role_policy.go resourceRolePolicy"),
    sdk("policy", "internal/service/iam/role_policy.go resourceRolePolicy policy: verify.ValidIAMPolicyJSON", validIAMPolicyJSON),
    sdk("role", "internal/service/iam/validate.go validRolePolicyRole StringLenBetween(1, 128)", stringLenBetween(1, 128)),
    sdk("role", "internal/service/iam/validate.go validRolePolicyRole StringMatch", stringMatch(ROLE_POLICY_ROLE, "")),
    sdk("role", "internal/service/iam/validate.go validRolePolicyRole (not an ARN)", (value, key) =>
      validARN(value, key) === undefined ? `${goQuote(key)} must be the role's name not its ARN` : undefined,
    ),
  ],
  aws_iam_role_policy_attachment: [
    sdk("policy_arn", "internal/service/iam/role_policy_attachment.go resourceRolePolicyAttachment policy_arn: verify.ValidARN", validARN),
  ],
  aws_iam_instance_profile: [
    ...iamName("name", 128, "internal/service/iam/instance_profile.go resourceInstanceProfile"),
    ...iamName("name_prefix", 102, "internal/service/iam/instance_profile.go resourceInstanceProfile"),
  ],
  aws_iam_service_linked_role: [
    sdk(
      "aws_service_name",
      "internal/service/iam/service_linked_role.go resourceServiceLinkedRole aws_service_name: StringMatch(\\.)",
      stringMatch({ go: "\\.", js: /\./ }, "must be a full service hostname e.g. elasticbeanstalk.amazonaws.com"),
    ),
  ],
  aws_cloudwatch_event_rule: [
    ...ruleName("name", RULE),
    ...ruleName("name_prefix", RULE),
    sdk("description", `${RULE} description: StringLenBetween(0, 512)`, stringLenBetween(0, 512)),
    sdk("event_pattern", `${RULE} event_pattern: validateEventPatternValue`, validEventPattern),
  ],
  aws_cloudwatch_event_target: [
    ...ruleName("rule", TARGET),
    sdk("arn", `${TARGET} arn: verify.ValidARN`, validARN),
    sdk("role_arn", `${TARGET} role_arn: verify.ValidARN`, validARN),
    sdk("dead_letter_config.*.arn", `${TARGET} dead_letter_config.arn: verify.ValidARN`, validARN),
    sdk("input_transformer.*.input_template", `${TARGET} input_transformer.input_template: StringLenBetween(1, 8192)`, stringLenBetween(1, 8192)),
    sdk(
      "input_transformer.*.input_paths",
      `${TARGET} input_transformer.input_paths: verify.MapSizeAtMost(targetInputTransformerMaxInputPaths = 100) (message in validation.MapKeyMatch's format, not verified)`,
      (value, key) => {
        const size = value && typeof value === "object" ? Object.keys(value).length : 0;
        return size > 100 ? `expected ${goQuote(key)} to contain at most 100 elements, got ${size}` : undefined;
      },
    ),
    sdk(
      "input_transformer.*.input_paths",
      `${TARGET} input_transformer.input_paths: verify.MapKeyNoMatch(^AWS.*$) (message in validation.MapKeyMatch's format, not verified)`,
      (value, key) => {
        const bad = Object.keys(value && typeof value === "object" ? value : {})
          .sort()
          .find((name) => /^AWS/.test(name));
        return bad === undefined ? undefined : `invalid key ${goQuote(bad)} for ${goQuote(key)} (must not start with "AWS")`;
      },
    ),
    sdk("retry_policy.*.maximum_event_age_in_seconds", `${TARGET} retry_policy.maximum_event_age_in_seconds: IntBetween(0, 86400)`, intBetween(0, 86400)),
    sdk("retry_policy.*.maximum_retry_attempts", `${TARGET} retry_policy.maximum_retry_attempts: IntBetween(0, 185)`, intBetween(0, 185)),
  ],
  aws_sqs_queue: [
    sdk("message_retention_seconds", `${QUEUE} queueSchema message_retention_seconds: IntBetween(60, 1_209_600)`, intBetween(60, 1209600)),
    {
      path: "name",
      source: `${QUEUE} resourceQueueCustomizeDiff (create): ^[0-9A-Za-z_-]{1,80}$, or ^[0-9A-Za-z_-]{1,75}\\.fifo$ with fifo_queue`,
      stage: "plan-create",
      check: (value, context) => queueName(String(value), context?.config ?? {}),
    },
    {
      path: "name_prefix",
      source: `${QUEUE} resourceQueueCustomizeDiff (create) on the generated name: prefix + 26-character unique suffix (+ .fifo)`,
      stage: "plan-create",
      check: (value, context) => {
        const config = context?.config ?? {};
        if (config.name !== null && config.name !== undefined) {
          return undefined;
        }
        const suffix = config.fifo_queue === true ? ".fifo" : "";
        return queueName(`${value}${"0".repeat(26)}${suffix}`, config);
      },
    },
  ],
  aws_sqs_queue_policy: [sdk("policy", "internal/service/sqs/queue_policy.go resourceQueuePolicy policy: sdkv2.IAMPolicyDocumentSchemaRequired (StringIsJSON)", stringIsJSON)],
  aws_s3_bucket_notification: [],
};

