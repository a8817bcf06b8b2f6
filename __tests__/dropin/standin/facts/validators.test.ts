// The stand-in provider's copy of the real hashicorp/aws validators
// (dropin/standin-provider/validators.ts): every row accepts a good
// value and refuses a bad one with the provider's own words.
import { UNKNOWN } from "../../../../dropin/standin/protocol/cty";
import { VALIDATORS, ValidationProblem, ValidatorRow } from "../../../../dropin/standin/facts/validators";
import { validateResource } from "../../../../dropin/standin/rules/validate";

const isUnknown = (value: unknown) => value === UNKNOWN;

/** A configuration holding `value` at `path`, every `*` a one-element list. */
function configAt(path: string, value: unknown): { [name: string]: unknown } {
  const build = (segments: string[]): unknown => {
    if (segments.length === 0) {
      return value;
    }
    const [segment, ...rest] = segments;
    return segment === "*" ? [build(rest)] : { [segment]: build(rest) };
  };
  return build(path.split(".")) as { [name: string]: unknown };
}

const text = (problem: ValidationProblem) => `${problem.summary}\n${problem.detail}`;

interface Case {
  readonly type: string;
  readonly path: string;
  /** Which of the rows at this path, in table order. */
  readonly nth?: number;
  readonly good: unknown;
  readonly bad: unknown;
  readonly message: RegExp;
  /** Extra arguments the configuration needs. */
  readonly with?: { [name: string]: unknown };
}

const exactly = (message: string) => new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m");
const arn = "arn:aws:iam::123456789012:role/batch";
const reasonMessage = "must contain letters, numbers, periods, colons, and white space, and can optionally end with an asterisk";
const evaluate = (n: number) => Array.from({ length: n }, () => ({ action: "RETRY" }));
const manyPaths = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`key${i}`, `$.detail.key${i}`]));

const CASES: readonly Case[] = [
  // aws_batch_compute_environment
  {
    type: "aws_batch_compute_environment",
    path: "name",
    good: "batch-ce_1",
    bad: "-bad",
    message: exactly(
      `"name" ("-bad") must be up to 128 letters (uppercase and lowercase), numbers, underscores and dashes, and must start with an alphanumeric.`,
    ),
  },
  {
    type: "aws_batch_compute_environment",
    path: "name_prefix",
    good: "ce-",
    bad: "a".repeat(103),
    message: exactly(`"name_prefix" ("${"a".repeat(103)}") must be up to 102 letters (uppercase and lowercase), numbers, underscores and dashes, and must start with an alphanumeric.`),
  },
  { type: "aws_batch_compute_environment", path: "type", good: "managed", bad: "SOMETIMES", message: exactly(`expected type to be one of ["MANAGED" "UNMANAGED"], got SOMETIMES`) },
  { type: "aws_batch_compute_environment", path: "state", good: "ENABLED", bad: "ON", message: exactly(`expected state to be one of ["ENABLED" "DISABLED"], got ON`) },
  {
    type: "aws_batch_compute_environment",
    path: "service_role",
    good: arn,
    bad: "role/batch",
    message: exactly(`"service_role" (role/batch) is an invalid ARN: arn: invalid prefix`),
  },
  {
    type: "aws_batch_compute_environment",
    path: "compute_resources.*.type",
    good: "spot",
    bad: "GPU",
    message: exactly(`expected type to be one of ["EC2" "SPOT" "FARGATE" "FARGATE_SPOT"], got GPU`),
  },
  {
    type: "aws_batch_compute_environment",
    path: "compute_resources.*.allocation_strategy",
    good: "best_fit_progressive",
    bad: "CHEAPEST",
    message: exactly(
      `expected allocation_strategy to be one of ["BEST_FIT" "BEST_FIT_PROGRESSIVE" "SPOT_CAPACITY_OPTIMIZED" "SPOT_PRICE_CAPACITY_OPTIMIZED"], got CHEAPEST`,
    ),
  },
  {
    type: "aws_batch_compute_environment",
    path: "compute_resources.*.instance_role",
    good: "arn:aws:iam::123456789012:instance-profile/batch",
    bad: "arn:aws:iam::123456789012",
    message: exactly(`"compute_resources.0.instance_role" (arn:aws:iam::123456789012) is an invalid ARN: arn: not enough sections`),
  },
  {
    type: "aws_batch_compute_environment",
    path: "compute_resources.*.spot_iam_fleet_role",
    good: "arn:aws:iam::123456789012:role/AmazonEC2SpotFleetRole",
    bad: "arn:aws:iam:eu-west:123456789012:role/fleet",
    message: exactly(
      `"compute_resources.0.spot_iam_fleet_role" (arn:aws:iam:eu-west:123456789012:role/fleet) is an invalid ARN: invalid region value (expecting to match regular expression: ^[a-z]{2}(-[a-z]+)+-\\d$)`,
    ),
  },
  // aws_batch_job_queue (plugin framework)
  {
    type: "aws_batch_job_queue",
    path: "name",
    good: "queue_1",
    bad: "queue 1",
    message: exactly(
      "Invalid Attribute Value Match\nAttribute name must be up to 128 letters (uppercase and lowercase), numbers, underscores and dashes, and must start with an alphanumeric, got: queue 1",
    ),
  },
  {
    type: "aws_batch_job_queue",
    path: "state",
    good: "disabled",
    bad: "PAUSED",
    message: exactly(`Invalid Attribute Value Match\nAttribute state value must be one of: ["ENABLED" "DISABLED"], got: "PAUSED"`),
  },
  {
    type: "aws_batch_job_queue",
    path: "compute_environment_order.*.compute_environment",
    good: "arn:aws:batch:eu-west-1:123456789012:compute-environment/ce",
    bad: "ce-name",
    message: exactly("Invalid ARN Value\nThe provided value cannot be parsed as an ARN.\n\nPath: compute_environment_order[0].compute_environment\nValue: ce-name"),
  },
  // aws_batch_job_definition
  {
    type: "aws_batch_job_definition",
    path: "name",
    good: "job-def",
    bad: "job.def",
    message: exactly(
      `"name" ("job.def") must be up to 128 letters (uppercase and lowercase), numbers, underscores and dashes, and must start with an alphanumeric.`,
    ),
  },
  { type: "aws_batch_job_definition", path: "type", good: "CONTAINER", bad: "docker", message: exactly(`expected type to be one of ["container" "multinode"], got docker`) },
  {
    type: "aws_batch_job_definition",
    path: "container_properties",
    good: '{"image":"busybox","vcpus":1,"memory":512,"command":["echo","hi"],"environment":[{"name":"A","value":"1"}]}',
    bad: '{"image":"busybox","vcpus":0.5}',
    message: exactly("AWS Batch Job container_properties is invalid: json: cannot unmarshal number 0.5 into Go struct field ContainerProperties.Vcpus of type int32"),
  },
  {
    type: "aws_batch_job_definition",
    path: "platform_capabilities.*",
    good: "FARGATE",
    bad: "fargate",
    message: exactly(`expected platform_capabilities to be one of ["EC2" "FARGATE"], got fargate`),
  },
  {
    type: "aws_batch_job_definition",
    path: "retry_strategy.*.attempts",
    good: 3,
    bad: 11,
    message: exactly("expected retry_strategy.0.attempts to be in the range (1 - 10), got 11"),
  },
  {
    type: "aws_batch_job_definition",
    path: "retry_strategy.*.evaluate_on_exit",
    good: evaluate(5),
    bad: evaluate(6),
    message: exactly("List longer than MaxItems\nAttribute supports 5 item maximum, config has 6 declared"),
  },
  {
    type: "aws_batch_job_definition",
    path: "retry_strategy.*.evaluate_on_exit.*.action",
    good: "retry",
    bad: "IGNORE",
    message: exactly(`expected action to be one of ["RETRY" "EXIT"], got IGNORE`),
  },
  ...(["on_status_reason", "on_reason"] as const).flatMap((field): Case[] => [
    {
      type: "aws_batch_job_definition",
      path: `retry_strategy.*.evaluate_on_exit.*.${field}`,
      nth: 0,
      good: "Host EC2 terminated*",
      bad: "",
      message: exactly(`expected length of retry_strategy.0.evaluate_on_exit.0.${field} to be in the range (1 - 512), got `),
    },
    {
      type: "aws_batch_job_definition",
      path: `retry_strategy.*.evaluate_on_exit.*.${field}`,
      nth: 1,
      good: "Host EC2:\tterminated*",
      bad: "Host-EC2",
      message: exactly(`invalid value for retry_strategy.0.evaluate_on_exit.0.${field} (${reasonMessage})`),
    },
  ]),
  {
    type: "aws_batch_job_definition",
    path: "retry_strategy.*.evaluate_on_exit.*.on_exit_code",
    nth: 0,
    good: "137",
    bad: "",
    message: exactly("expected length of retry_strategy.0.evaluate_on_exit.0.on_exit_code to be in the range (1 - 512), got "),
  },
  {
    type: "aws_batch_job_definition",
    path: "retry_strategy.*.evaluate_on_exit.*.on_exit_code",
    nth: 1,
    good: "13*",
    bad: "1a",
    message: exactly("invalid value for retry_strategy.0.evaluate_on_exit.0.on_exit_code (must contain only numbers, and can optionally end with an asterisk)"),
  },
  {
    type: "aws_batch_job_definition",
    path: "timeout.*.attempt_duration_seconds",
    good: 60,
    bad: 59,
    message: exactly("expected timeout.0.attempt_duration_seconds to be at least (60), got 59"),
  },
  // aws_security_group
  { type: "aws_security_group", path: "name", nth: 0, good: "batch-sg", bad: "a".repeat(256), message: exactly(`expected length of name to be in the range (0 - 255), got ${"a".repeat(256)}`) },
  { type: "aws_security_group", path: "name", nth: 1, good: "batch-sg", bad: "sg-batch", message: exactly("invalid value for name (cannot begin with sg-)") },
  {
    type: "aws_security_group",
    path: "name_prefix",
    nth: 0,
    good: "batch-",
    bad: "a".repeat(230),
    message: exactly(`expected length of name_prefix to be in the range (0 - 229), got ${"a".repeat(230)}`),
  },
  { type: "aws_security_group", path: "name_prefix", nth: 1, good: "batch-", bad: "sg-", message: exactly("invalid value for name_prefix (cannot begin with sg-)") },
  {
    type: "aws_security_group",
    path: "description",
    good: "Allow Private subnets access batch",
    bad: "d".repeat(256),
    message: exactly(`expected length of description to be in the range (0 - 255), got ${"d".repeat(256)}`),
  },
  // aws_security_group_rule
  { type: "aws_security_group_rule", path: "type", good: "egress", bad: "outbound", message: exactly(`expected type to be one of ["egress" "ingress"], got outbound`) },
  {
    type: "aws_security_group_rule",
    path: "cidr_blocks.*",
    good: "10.0.0.0/8",
    bad: "10.0.0.1/8",
    message: exactly(`"10.0.0.1/8" is not a valid IPv4 CIDR block; did you mean "10.0.0.0/8"?`),
  },
  {
    type: "aws_security_group_rule",
    path: "description",
    nth: 0,
    good: "Allow all Outbound Traffic for Batch",
    bad: "a".repeat(256),
    message: exactly(`"description" cannot be longer than 255 characters: "${"a".repeat(256)}"`),
  },
  {
    type: "aws_security_group_rule",
    path: "description",
    nth: 1,
    good: "Allow Outbound Traffic for Batch to its allow-list only",
    bad: "égress",
    message: exactly(
      `"description" doesn't comply with restrictions ("^[A-Za-z0-9 \\\\.\\\\_\\\\-\\\\:\\\\/\\\\(\\\\)\\\\#\\\\,\\\\@\\\\[\\\\]\\\\+\\\\=\\\\&\\\\;\\\\{\\\\}\\\\!\\\\$\\\\*]*$"): "égress"`,
    ),
  },
  // aws_iam_role
  { type: "aws_iam_role", path: "name", nth: 0, good: "role-x-batch-service", bad: "r".repeat(65), message: exactly(`expected length of name to be in the range (1 - 64), got ${"r".repeat(65)}`) },
  { type: "aws_iam_role", path: "name", nth: 1, good: "role-x-batch-service", bad: "role name", message: exactly("invalid value for name (must match [\\w+=,.@-])") },
  { type: "aws_iam_role", path: "name_prefix", nth: 0, good: "role-", bad: "p".repeat(39), message: exactly(`expected length of name_prefix to be in the range (1 - 38), got ${"p".repeat(39)}`) },
  { type: "aws_iam_role", path: "name_prefix", nth: 1, good: "role-", bad: "role/", message: exactly("invalid value for name_prefix (must match [\\w+=,.@-])") },
  {
    type: "aws_iam_role",
    path: "assume_role_policy",
    good: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"batch.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
    bad: '{"Version": "2012-10-17",}',
    message: exactly(`"assume_role_policy" contains an invalid JSON policy: invalid character '}' looking for beginning of object key string, at byte offset 26`),
  },
  { type: "aws_iam_role", path: "description", nth: 0, good: "Batch service role", bad: "d".repeat(1001), message: exactly(`expected length of description to be in the range (0 - 1000), got ${"d".repeat(1001)}`) },
  {
    type: "aws_iam_role",
    path: "description",
    nth: 1,
    good: "It's \"quoted\"",
    bad: "“quoted”",
    message: exactly("invalid value for description (cannot contain specially formatted single or double quotes: [“‘])"),
  },
  // aws_iam_policy
  { type: "aws_iam_policy", path: "name", nth: 0, good: "policy-x-batch-additional-permissions", bad: "p".repeat(129), message: exactly(`expected length of name to be in the range (1 - 128), got ${"p".repeat(129)}`) },
  { type: "aws_iam_policy", path: "name", nth: 1, good: "policy-x", bad: "policy*", message: exactly("invalid value for name (must match [\\w+=,.@-])") },
  { type: "aws_iam_policy", path: "name_prefix", nth: 0, good: "policy-", bad: "p".repeat(103), message: exactly(`expected length of name_prefix to be in the range (1 - 102), got ${"p".repeat(103)}`) },
  { type: "aws_iam_policy", path: "name_prefix", nth: 1, good: "policy-", bad: "policy prefix", message: exactly("invalid value for name_prefix (must match [\\w+=,.@-])") },
  {
    type: "aws_iam_policy",
    path: "policy",
    good: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}',
    bad: '"policy.json"',
    message: exactly(
      `"policy" contains an invalid JSON policy: contains a JSON-encoded string, not a JSON-encoded object (have you passed a JSON-encoded filename instead of the content of that file?)`,
    ),
  },
  // aws_iam_role_policy
  { type: "aws_iam_role_policy", path: "name", nth: 0, good: "submit-batch-job", bad: "n".repeat(129), message: exactly(`expected length of name to be in the range (1 - 128), got ${"n".repeat(129)}`) },
  { type: "aws_iam_role_policy", path: "name", nth: 1, good: "read-template-secrets", bad: "read secrets", message: exactly("invalid value for name (must match [\\w+=,.@-])") },
  { type: "aws_iam_role_policy", path: "name_prefix", nth: 0, good: "read-", bad: "n".repeat(103), message: exactly(`expected length of name_prefix to be in the range (1 - 102), got ${"n".repeat(103)}`) },
  { type: "aws_iam_role_policy", path: "name_prefix", nth: 1, good: "read-", bad: "read:", message: exactly("invalid value for name_prefix (must match [\\w+=,.@-])") },
  {
    type: "aws_iam_role_policy",
    path: "policy",
    good: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["batch:SubmitJob"],"Resource":["*"]}]}',
    bad: '{"Statement":[{"Effect":"Allow","Effect":"Deny"}],"Statement":[]}',
    message: exactly(`"policy" contains duplicate JSON keys: duplicate key "Statement.0.Effect"\nduplicate key "Statement"`),
  },
  { type: "aws_iam_role_policy", path: "role", nth: 0, good: "role-x-batch-ecs-task-execution-role", bad: "r".repeat(129), message: exactly(`expected length of role to be in the range (1 - 128), got ${"r".repeat(129)}`) },
  { type: "aws_iam_role_policy", path: "role", nth: 1, good: "role-x", bad: "***", message: exactly(`expected value of role to match regular expression "[\\\\w+=,.@-]+", got ***`) },
  { type: "aws_iam_role_policy", path: "role", nth: 2, good: "role-x", bad: arn, message: exactly(`"role" must be the role's name not its ARN`) },
  // aws_iam_role_policy_attachment
  {
    type: "aws_iam_role_policy_attachment",
    path: "policy_arn",
    good: "arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole",
    bad: "arn:aws:iam::12345:policy/x",
    message: exactly(
      `"policy_arn" (arn:aws:iam::12345:policy/x) is an invalid ARN: invalid account ID value (expecting to match regular expression: ^(aws|aws-managed|third-party|\\d{12}|cw.{10})$)`,
    ),
  },
  // aws_iam_instance_profile
  { type: "aws_iam_instance_profile", path: "name", nth: 0, good: "p".repeat(128), bad: "p".repeat(129), message: exactly(`expected length of name to be in the range (1 - 128), got ${"p".repeat(129)}`) },
  { type: "aws_iam_instance_profile", path: "name", nth: 1, good: "role-x-batch-instance-profile", bad: "profile#1", message: exactly("invalid value for name (must match [\\w+=,.@-])") },
  { type: "aws_iam_instance_profile", path: "name_prefix", nth: 0, good: "profile-", bad: "p".repeat(103), message: exactly(`expected length of name_prefix to be in the range (1 - 102), got ${"p".repeat(103)}`) },
  { type: "aws_iam_instance_profile", path: "name_prefix", nth: 1, good: "profile-", bad: "profile!", message: exactly("invalid value for name_prefix (must match [\\w+=,.@-])") },
  // aws_iam_service_linked_role
  {
    type: "aws_iam_service_linked_role",
    path: "aws_service_name",
    good: "spot.amazonaws.com",
    bad: "spot",
    message: exactly("invalid value for aws_service_name (must be a full service hostname e.g. elasticbeanstalk.amazonaws.com)"),
  },
  // aws_cloudwatch_event_rule
  { type: "aws_cloudwatch_event_rule", path: "name", nth: 0, good: "s3-trigger-x", bad: "r".repeat(65), message: exactly(`"name" cannot be longer than 64 characters: "${"r".repeat(65)}"`) },
  { type: "aws_cloudwatch_event_rule", path: "name", nth: 1, good: "s3-trigger-x", bad: "s3 trigger", message: exactly(`"name" doesn't comply with restrictions ("^[0-9A-Za-z_.-]+$"): "s3 trigger"`) },
  { type: "aws_cloudwatch_event_rule", path: "name_prefix", nth: 0, good: "s3-", bad: "r".repeat(65), message: exactly(`"name_prefix" cannot be longer than 64 characters: "${"r".repeat(65)}"`) },
  { type: "aws_cloudwatch_event_rule", path: "name_prefix", nth: 1, good: "s3-", bad: "s3/", message: exactly(`"name_prefix" doesn't comply with restrictions ("^[0-9A-Za-z_.-]+$"): "s3/"`) },
  {
    type: "aws_cloudwatch_event_rule",
    path: "description",
    good: "Submits a Batch job for each object created in the trigger bucket",
    bad: "d".repeat(513),
    message: exactly(`expected length of description to be in the range (0 - 512), got ${"d".repeat(513)}`),
  },
  {
    type: "aws_cloudwatch_event_rule",
    path: "event_pattern",
    good: '{"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"object":{"key":[{"wildcard":"in/*.csv"}]}}}',
    bad: '{"source":["aws.s3"]',
    message: exactly(`"event_pattern" contains an invalid JSON: unexpected end of JSON input`),
  },
  // aws_cloudwatch_event_target
  { type: "aws_cloudwatch_event_target", path: "rule", nth: 0, good: "s3-trigger-x", bad: "r".repeat(65), message: exactly(`"rule" cannot be longer than 64 characters: "${"r".repeat(65)}"`) },
  { type: "aws_cloudwatch_event_target", path: "rule", nth: 1, good: "s3-trigger-x", bad: "rule:1", message: exactly(`"rule" doesn't comply with restrictions ("^[0-9A-Za-z_.-]+$"): "rule:1"`) },
  {
    type: "aws_cloudwatch_event_target",
    path: "arn",
    good: "arn:aws:batch:eu-west-1:123456789012:job-queue/q",
    bad: "job-queue/q",
    message: exactly(`"arn" (job-queue/q) is an invalid ARN: arn: invalid prefix`),
  },
  {
    type: "aws_cloudwatch_event_target",
    path: "role_arn",
    good: arn,
    bad: "arn:aws:iam::123456789012:",
    message: exactly(`"role_arn" (arn:aws:iam::123456789012:) is an invalid ARN: missing resource value`),
  },
  {
    type: "aws_cloudwatch_event_target",
    path: "dead_letter_config.*.arn",
    good: "arn:aws:sqs:eu-west-1:123456789012:dlq",
    bad: "arn::sqs:eu-west-1:123456789012:dlq",
    message: exactly(`"dead_letter_config.0.arn" (arn::sqs:eu-west-1:123456789012:dlq) is an invalid ARN: missing partition value`),
  },
  {
    type: "aws_cloudwatch_event_target",
    path: "input_transformer.*.input_template",
    good: '{"Parameters": {"bucket": <bucket>}}',
    bad: "",
    message: exactly("expected length of input_transformer.0.input_template to be in the range (1 - 8192), got "),
  },
  {
    type: "aws_cloudwatch_event_target",
    path: "input_transformer.*.input_paths",
    nth: 0,
    good: { bucket: "$.detail.bucket.name", key: "$.detail.object.key" },
    bad: manyPaths,
    message: exactly(`expected "input_transformer.0.input_paths" to contain at most 100 elements, got 101`),
  },
  {
    type: "aws_cloudwatch_event_target",
    path: "input_transformer.*.input_paths",
    nth: 1,
    good: { bucket: "$.detail.bucket.name" },
    bad: { AWSAccount: "$.account" },
    message: exactly(`invalid key "AWSAccount" for "input_transformer.0.input_paths" (must not start with "AWS")`),
  },
  {
    type: "aws_cloudwatch_event_target",
    path: "retry_policy.*.maximum_event_age_in_seconds",
    good: 0,
    bad: 86401,
    message: exactly("expected retry_policy.0.maximum_event_age_in_seconds to be in the range (0 - 86400), got 86401"),
  },
  {
    type: "aws_cloudwatch_event_target",
    path: "retry_policy.*.maximum_retry_attempts",
    good: 185,
    bad: 186,
    message: exactly("expected retry_policy.0.maximum_retry_attempts to be in the range (0 - 185), got 186"),
  },
  // aws_sqs_queue
  {
    type: "aws_sqs_queue",
    path: "message_retention_seconds",
    good: 1209600,
    bad: 1209601,
    message: exactly("expected message_retention_seconds to be in the range (60 - 1209600), got 1209601"),
  },
  { type: "aws_sqs_queue", path: "name", good: "s3-trigger-x-dlq", bad: "s3.trigger", message: exactly("invalid queue name: s3.trigger") },
  {
    type: "aws_sqs_queue",
    path: "name_prefix",
    good: "s3-trigger-",
    bad: "q".repeat(55),
    message: exactly(`invalid queue name: ${"q".repeat(55)}${"0".repeat(26)}`),
  },
  // aws_sqs_queue_policy
  {
    type: "aws_sqs_queue_policy",
    path: "policy",
    good: '{"Version":"2012-10-17","Statement":[]}',
    bad: '{"a":tru}',
    message: exactly(`"policy" contains an invalid JSON: invalid character '}' in literal true (expecting 'e')`),
  },
];

function rowOf(c: Case): ValidatorRow {
  const rows = (VALIDATORS[c.type] ?? []).filter((row) => row.path === c.path);
  const row = rows[c.nth ?? 0];
  if (!row) {
    throw new Error(`no row ${c.nth ?? 0} at ${c.type}.${c.path}`);
  }
  return row;
}

const run = (c: Case, value: unknown) => {
  const row = rowOf(c);
  return validateResource(c.type, { ...c.with, ...configAt(c.path, value) }, isUnknown, { stage: row.stage });
};

describe("every validator row", () => {
  test("has exactly one good/bad case below", () => {
    const covered = new Set(CASES.map(rowOf));
    for (const [type, rows] of Object.entries(VALIDATORS)) {
      for (const row of rows) {
        expect({ type, path: row.path, source: row.source, covered: covered.has(row) }).toMatchObject({ covered: true });
      }
    }
    expect(covered.size).toBe(CASES.length);
  });

  for (const c of CASES) {
    const label = `${c.type} ${c.path}${c.nth === undefined ? "" : ` #${c.nth}`}`;
    it(`${label}: accepts ${JSON.stringify(c.good).slice(0, 60)}`, () => {
      expect(run(c, c.good)).toEqual([]);
    });
    it(`${label}: refuses ${JSON.stringify(c.bad).slice(0, 60)}`, () => {
      const row = rowOf(c);
      const problems = run(c, c.bad).filter((problem) => problem.source === row.source);
      expect(problems).toHaveLength(1);
      expect(text(problems[0])).toMatch(c.message);
    });
  }
});

describe("validateResource", () => {
  test("skips unknown values at every level", () => {
    expect(
      validateResource(
        "aws_batch_compute_environment",
        { name: UNKNOWN, type: UNKNOWN, service_role: UNKNOWN, compute_resources: [{ type: UNKNOWN, instance_role: UNKNOWN, allocation_strategy: null }] },
        isUnknown,
      ),
    ).toEqual([]);
    expect(validateResource("aws_batch_compute_environment", { name: "-bad", compute_resources: UNKNOWN }, isUnknown)).toHaveLength(1);
    expect(validateResource("aws_security_group_rule", { cidr_blocks: [UNKNOWN, "10.0.0.0/8", UNKNOWN] }, isUnknown)).toEqual([]);
    expect(validateResource("aws_security_group_rule", { cidr_blocks: UNKNOWN }, isUnknown)).toEqual([]);
    expect(validateResource("aws_batch_job_queue", { compute_environment_order: [{ compute_environment: UNKNOWN, order: 0 }] }, isUnknown)).toEqual([]);
    expect(validateResource("aws_batch_job_definition", UNKNOWN, isUnknown)).toEqual([]);
    expect(validateResource("aws_sqs_queue", { name: UNKNOWN }, isUnknown, { stage: "plan-create" })).toEqual([]);
  });

  test("skips a list limit while any part of the list is unknown (schema.go validateList)", () => {
    const six = [...evaluate(5), { action: UNKNOWN }];
    expect(validateResource("aws_batch_job_definition", { retry_strategy: [{ evaluate_on_exit: six }] }, isUnknown)).toEqual([]);
  });

  test("puts the list index of a nested block in the path and in an SDK key", () => {
    const problems = validateResource(
      "aws_batch_job_definition",
      {
        retry_strategy: [
          {
            attempts: 12,
            evaluate_on_exit: [
              { action: "RETRY", on_status_reason: "Host EC2*" },
              { action: "IGNORE", on_reason: "bad-reason" },
            ],
          },
        ],
      },
      isUnknown,
    );
    expect(problems.map(({ path, summary }) => ({ path, summary }))).toEqual([
      { path: "retry_strategy.0.attempts", summary: "expected retry_strategy.0.attempts to be in the range (1 - 10), got 12" },
      { path: "retry_strategy.0.evaluate_on_exit.1.action", summary: `expected action to be one of ["RETRY" "EXIT"], got IGNORE` },
      { path: "retry_strategy.0.evaluate_on_exit.1.on_reason", summary: `invalid value for retry_strategy.0.evaluate_on_exit.1.on_reason (${reasonMessage})` },
    ]);
    expect(validateResource("aws_security_group_rule", { cidr_blocks: ["10.0.0.0/8", "192.168.0.0/16", "172.16.0.1/12"] }, isUnknown)).toEqual([
      {
        path: "cidr_blocks.2",
        summary: `"172.16.0.1/12" is not a valid IPv4 CIDR block; did you mean "172.16.0.0/12"?`,
        detail: "",
        source: expect.stringContaining("ValidIPv4CIDRNetworkAddress"),
      },
    ]);
    const queue = validateResource(
      "aws_batch_job_queue",
      { compute_environment_order: [{ compute_environment: "arn:aws:batch:eu-west-1:123456789012:compute-environment/a" }, { compute_environment: "b" }] },
      isUnknown,
    );
    expect(queue.map(({ path, detail }) => ({ path, detail }))).toEqual([
      { path: "compute_environment_order.1.compute_environment", detail: expect.stringContaining("Path: compute_environment_order[1].compute_environment") },
    ]);
  });

  test("reports a set element at the set, as the SDK does", () => {
    expect(validateResource("aws_batch_job_definition", { platform_capabilities: ["EC2", "GPU"] }, isUnknown).map((p) => p.path)).toEqual([
      "platform_capabilities",
    ]);
  });

  describe("cidr_blocks (verify.ValidIPv4CIDRNetworkAddress)", () => {
    const check = (cidr: string) => validateResource("aws_security_group_rule", { cidr_blocks: [cidr] }, isUnknown).map((p) => p.summary);
    test.each([
      ["10.0.0.1/8", `"10.0.0.1/8" is not a valid IPv4 CIDR block; did you mean "10.0.0.0/8"?`],
      ["10.0.0.0/33", `"10.0.0.0/33" is not a valid CIDR block: invalid CIDR address: 10.0.0.0/33`],
      ["999.999.999.999/99", `"999.999.999.999/99" is not a valid CIDR block: invalid CIDR address: 999.999.999.999/99`],
      ["10.0.0.0", `"10.0.0.0" is not a valid CIDR block: invalid CIDR address: 10.0.0.0`],
      ["010.0.0.0/8", `"010.0.0.0/8" is not a valid CIDR block: invalid CIDR address: 010.0.0.0/8`],
      ["2001:db8::/32", `"2001:db8::/32" is not a valid IPv4 CIDR block`],
    ])("refuses %s", (cidr, message) => {
      expect(check(cidr)).toEqual([message]);
    });
    test.each(["10.0.0.0/8", "0.0.0.0/0", "192.168.1.7/32", "172.16.0.0/12"])("accepts %s", (cidr) => {
      expect(check(cidr)).toEqual([]);
    });
  });

  test("refuses a batch name of 129 characters and accepts 128", () => {
    for (const type of ["aws_batch_compute_environment", "aws_batch_job_definition", "aws_batch_job_queue"]) {
      expect(validateResource(type, { name: "b".repeat(129) }, isUnknown)).toHaveLength(1);
      expect(validateResource(type, { name: "b".repeat(128) }, isUnknown)).toEqual([]);
    }
  });

  test("refuses an IAM role name of 65 characters and accepts 64", () => {
    expect(validateResource("aws_iam_role", { name: "r".repeat(65) }, isUnknown).map((p) => p.summary)).toEqual([
      `expected length of name to be in the range (1 - 64), got ${"r".repeat(65)}`,
    ]);
    expect(validateResource("aws_iam_role", { name: "r".repeat(64) }, isUnknown)).toEqual([]);
  });

  test("takes instance profile names of 65 to 128 characters (128 in instance_profile.go, not 64)", () => {
    expect(validateResource("aws_iam_instance_profile", { name: "p".repeat(65) }, isUnknown)).toEqual([]);
  });

  test("refuses a fractional number for an integer argument before its validator runs", () => {
    expect(validateResource("aws_batch_job_definition", { retry_strategy: [{ attempts: 2.5 }] }, isUnknown).map((p) => p.summary)).toEqual([
      "Attribute must be a whole number, got 2.5",
    ]);
  });

  test("measures the event pattern after normalizing it (json.Marshal), not as written", () => {
    const values = Array.from({ length: 700 }, (_, i) => `v${String(i).padStart(3, "0")}`);
    const spaced = JSON.stringify({ source: ["aws.s3"], detail: { key: values.slice(0, 300) } }, null, 8);
    expect(spaced.length).toBeGreaterThan(4096);
    expect(validateResource("aws_cloudwatch_event_rule", { event_pattern: spaced }, isUnknown)).toEqual([]);
    const long = JSON.stringify({ source: ["aws.s3"], detail: { key: values } });
    const [problem] = validateResource("aws_cloudwatch_event_rule", { event_pattern: long }, isUnknown);
    expect(problem.summary).toMatch(/^"event_pattern" cannot be longer than 4096 characters: "\{\\"detail\\":\{\\"key\\":\[\\"v000\\",/);
  });

  test("decodes container properties as json.Decoder does", () => {
    const problem = (value: string) =>
      validateResource("aws_batch_job_definition", { container_properties: value }, isUnknown).map((p) => p.summary)[0];
    expect(problem("")).toBeUndefined();
    expect(problem('{"image":"busybox"} {"vcpus":2}')).toBeUndefined();
    expect(problem('{"image":"busybox"')).toBe("AWS Batch Job container_properties is invalid: unexpected EOF");
    expect(problem('{"image":busybox}')).toBe("AWS Batch Job container_properties is invalid: invalid character 'b' looking for beginning of value");
    expect(problem("[]")).toBe("AWS Batch Job container_properties is invalid: json: cannot unmarshal array into Go value of type types.ContainerProperties");
    expect(problem('{"Memory":"2048"}')).toBe(
      "AWS Batch Job container_properties is invalid: json: cannot unmarshal string into Go struct field ContainerProperties.Memory of type int32",
    );
    expect(problem('{"environment":[{"name":"A","value":1}]}')).toBe(
      "AWS Batch Job container_properties is invalid: json: cannot unmarshal number into Go struct field KeyValuePair.Environment.Value of type string",
    );
    expect(problem('{"retryStrategy":{"attempts":"x"},"vcpus":2}')).toBeUndefined();
  });

  test("checks an SQS queue name only when planning a create, FIFO names with their suffix", () => {
    expect(validateResource("aws_sqs_queue", { name: "bad.name" }, isUnknown)).toEqual([]);
    expect(validateResource("aws_sqs_queue", { name: "dlq.fifo", fifo_queue: true }, isUnknown, { stage: "plan-create" })).toEqual([]);
    expect(validateResource("aws_sqs_queue", { name: "dlq", fifo_queue: true }, isUnknown, { stage: "plan-create" }).map((p) => p.summary)).toEqual([
      "invalid queue name: dlq",
    ]);
    expect(validateResource("aws_sqs_queue", { name: "q".repeat(81) }, isUnknown, { stage: "plan-create" })).toHaveLength(1);
  });

  test("has no validators for types it does not know, nor for an absent configuration", () => {
    expect(validateResource("aws_s3_bucket_notification", { bucket: "any thing", eventbridge: true }, isUnknown)).toEqual([]);
    expect(validateResource("aws_unknown_thing", { name: "x" }, isUnknown)).toEqual([]);
    expect(validateResource("aws_iam_role", null, isUnknown)).toEqual([]);
  });
});
