import { Synthesized } from "./stack";

// Each rule stands for a scanner rule (checkov ids; trivy and KICS have the
// same checks) and returns its findings on a synthesized stack. Every rule is
// run on the default synthesis (no finding) and on a copy broken on purpose
// (a finding), so each test can fail.
export type Tf = Synthesized["tf"];
export type Rule = (tf: Tf) => string[];

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: string | string[];
  Principal?: { Service?: string | string[] };
}

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : ([] as string[]).concat(value));
const resources = (tf: Tf, type: string): [string, any][] => Object.entries(tf.resource?.[type] ?? {});
// A policy written as a Terraform expression (leastPrivilege's data policy:
// jsonencode with a conditional EFS statement) is only JSON once Terraform
// renders it: least-privilege.test.ts checks it on the plan, with iam-simulate.
const isExpression = (policy: string): boolean => policy.startsWith("${");
const policyStatements = (tf: Tf): [string, Statement][] =>
  [...resources(tf, "aws_iam_policy"), ...resources(tf, "aws_iam_role_policy")]
    .filter(([, policy]) => !isExpression(policy.policy))
    .flatMap(([name, policy]) => (JSON.parse(policy.policy).Statement as Statement[]).map((statement): [string, Statement] => [name, statement]));

export const RULES: { [id: string]: Rule } = {
  // CKV_AWS_23: every security group and rule has a description.
  CKV_AWS_23: (tf) => [
    ...resources(tf, "aws_security_group").filter(([, sg]) => !sg.description).map(([name]) => `aws_security_group.${name}`),
    ...resources(tf, "aws_security_group_rule").filter(([, rule]) => !rule.description).map(([name]) => `aws_security_group_rule.${name}`),
  ],
  // No ingress at all: Batch instances take no inbound connections.
  NO_INGRESS: (tf) => [
    ...resources(tf, "aws_security_group_rule").filter(([, rule]) => rule.type === "ingress").map(([name]) => name),
    ...resources(tf, "aws_security_group").filter(([, sg]) => sg.ingress).map(([name]) => name),
  ],
  // CKV_AWS_63 (and _62): no IAM statement allows the "*" action.
  CKV_AWS_63: (tf) =>
    policyStatements(tf)
      .filter(([, statement]) => statement.Effect === "Allow" && asList(statement.Action).includes("*"))
      .map(([name]) => name),
  // S3 object and bucket actions only on var.bucket_name; on "*" only
  // s3:ListAllMyBuckets (it takes no resource) and upstream's
  // s3:GetBucketLocation (it takes the bucket: accepted for drop-in,
  // leastPrivilege scopes it).
  S3_SCOPED_TO_BUCKET: (tf) =>
    policyStatements(tf)
      .filter(([, statement]) => asList(statement.Action).some((action) => action.startsWith("s3:")))
      .filter(([, statement]) => {
        const accountLevel = asList(statement.Action).every((action) => ["s3:GetBucketLocation", "s3:ListAllMyBuckets"].includes(action));
        const scoped = asList(statement.Resource).every((resource) => resource.startsWith("arn:aws:s3:::${var.bucket_name}"));
        return !(accountLevel || scoped);
      })
      .map(([name, statement]) => `${name}: ${asList(statement.Action).join(",")}`),
  // CKV_AWS_60/61: each trust policy names exactly the services expected to assume that role.
  CKV_AWS_60_61: (tf) => {
    const expected: { [role: string]: string[] } = {
      batch_ecs_task_execution_role: ["ecs-tasks.amazonaws.com", "ec2.amazonaws.com"],
      batch_instance_role: ["ec2.amazonaws.com"],
      batch_service_role: ["batch.amazonaws.com"],
      AmazonEC2SpotFleetRole: ["spotfleet.amazonaws.com"],
      s3_trigger_events: ["events.amazonaws.com"],
    };
    return resources(tf, "aws_iam_role").flatMap(([name, role]) => {
      const documentMatch = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(role.assume_role_policy);
      const services = documentMatch
        ? tf.data.aws_iam_policy_document[documentMatch[1]].statement.flatMap((s: any) => s.principals.flatMap((p: any) => p.identifiers))
        : (JSON.parse(role.assume_role_policy).Statement as Statement[]).flatMap((s) => asList(s.Principal?.Service));
      // leastPrivilege trusts the execution role to ECS tasks only (the data source of the account marks it).
      const leastPrivilege = tf.data?.aws_caller_identity !== undefined;
      const wanted =
        (leastPrivilege && name === "batch_ecs_task_execution_role" ? ["ecs-tasks.amazonaws.com"] : expected[name]) ??
        (name.endsWith("-job-role") ? ["ecs-tasks.amazonaws.com"] : undefined);
      return JSON.stringify([...services].sort()) === JSON.stringify([...(wanted ?? ["(unexpected role)"])].sort()) ? [] : [name];
    });
  },
  // The Spot fleet role carries the tagging policy (the older AmazonEC2SpotFleetRole policy cannot tag).
  SPOT_FLEET_TAGGING_ROLE: (tf) =>
    tf.resource.aws_iam_role_policy_attachment?.AmazonEC2SpotFleetRole?.policy_arn ===
    "arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetTaggingRole"
      ? []
      : ["aws_iam_role_policy_attachment.AmazonEC2SpotFleetRole"],
  // CKV_AWS_79: the hosts' launch template requires IMDSv2 (session tokens).
  CKV_AWS_79: (tf) =>
    resources(tf, "aws_launch_template")
      .filter(([, template]) => template.metadata_options?.http_tokens !== "required")
      .map(([name]) => `aws_launch_template.${name}`),
  // CKV_AWS_341: the metadata hop limit keeps containers off the instance's credentials (at most 1 by default).
  CKV_AWS_341: (tf) =>
    resources(tf, "aws_launch_template")
      .filter(([, template]) => {
        const limit = template.metadata_options?.http_put_response_hop_limit;
        const variable = /^\$\{var\.([a-z_]+)\}$/.exec(String(limit))?.[1];
        return (variable ? tf.variable[variable].default : limit) > 1;
      })
      .map(([name]) => `aws_launch_template.${name}`),
  // The hosts' root volume is encrypted unless the team says otherwise (the variable's default).
  EBS_ENCRYPTED_BY_DEFAULT: (tf) =>
    resources(tf, "aws_launch_template").flatMap(([name, template]) =>
      (template.block_device_mappings ?? [])
        .filter((mapping: any) => {
          const encrypted = mapping.ebs?.encrypted;
          const variable = /^\$\{var\.([a-z_]+)\}$/.exec(String(encrypted))?.[1];
          return !(variable ? tf.variable[variable].default === true : encrypted === "true" || encrypted === true);
        })
        .map(() => `aws_launch_template.${name}`),
    ),
  // CKV_AWS_26: SNS topics are encrypted; CKV_AWS_7: KMS keys rotate.
  CKV_AWS_26: (tf) =>
    resources(tf, "aws_sns_topic")
      .filter(([, topic]) => !topic.kms_master_key_id)
      .map(([name]) => `aws_sns_topic.${name}`),
  CKV_AWS_7: (tf) =>
    resources(tf, "aws_kms_key")
      .filter(([, key]) => key.enable_key_rotation !== true)
      .map(([name]) => `aws_kms_key.${name}`),
  // A service may publish to a topic only from the stack's own rules and alarms (aws:SourceArn).
  SNS_PUBLISH_BY_SOURCE_ARN: (tf) =>
    resources(tf, "aws_sns_topic_policy").flatMap(([name, topicPolicy]) =>
      (JSON.parse(topicPolicy.policy).Statement as (Statement & { Condition?: any })[])
        .filter((statement) => statement.Effect === "Allow" && asList(statement.Action).includes("sns:Publish"))
        .filter((statement) => !statement.Principal?.Service || !statement.Condition?.ArnEquals?.["aws:SourceArn"])
        .map(() => `aws_sns_topic_policy.${name}`),
    ),
  // The compute environment outlives its service role's policy on destroy, or it stays in DELETING.
  CE_DEPENDS_ON_SERVICE_ROLE_POLICY: (tf) =>
    resources(tf, "aws_batch_compute_environment")
      .filter(([, ce]) => !(ce.depends_on ?? []).includes("aws_iam_role_policy_attachment.aws_batch_service_role"))
      .map(([name]) => name),
};

