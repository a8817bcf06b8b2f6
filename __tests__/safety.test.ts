import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR, synthStack, Synthesized } from "./support";

// Each rule stands for a scanner rule (checkov ids; trivy and KICS have the
// same checks) and returns its findings on a synthesized stack. Every rule is
// run on the default synthesis (no finding) and on a copy broken on purpose
// (a finding), so each test can fail.
type Tf = Synthesized["tf"];
type Rule = (tf: Tf) => string[];

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: string | string[];
  Principal?: { Service?: string | string[] };
}

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : ([] as string[]).concat(value));
const resources = (tf: Tf, type: string): [string, any][] => Object.entries(tf.resource?.[type] ?? {});
const policyStatements = (tf: Tf): [string, Statement][] =>
  [...resources(tf, "aws_iam_policy"), ...resources(tf, "aws_iam_role_policy")].flatMap(([name, policy]) =>
    (JSON.parse(policy.policy).Statement as Statement[]).map((statement): [string, Statement] => [name, statement]),
  );

/** The container properties a template renders to, with sample values (no Terraform needed). */
function renderedTemplates(): { [file: string]: any } {
  const folder = path.join(PROJECT_DIR, "job-definitions");
  return Object.fromEntries(
    fs
      .readdirSync(folder)
      .filter((file) => file.endsWith(".json"))
      .map((file) => [
        file,
        JSON.parse(fs.readFileSync(path.join(folder, file), "utf8").replace(/(?<!\$)\$\{(\w+)\}/g, (_m, name) => (/MEMORY|VCPUS/.test(name) ? "1" : `x-${name}`))),
      ]),
  );
}

const README = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
const safetySection = README.slice(README.indexOf("## Safety"));

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
  // S3 object and bucket actions only on var.bucket_name; only the two
  // account-level listing actions, which take no bucket, on "*".
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
    };
    return resources(tf, "aws_iam_role").flatMap(([name, role]) => {
      const documentMatch = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(role.assume_role_policy);
      const services = documentMatch
        ? tf.data.aws_iam_policy_document[documentMatch[1]].statement.flatMap((s: any) => s.principals.flatMap((p: any) => p.identifiers))
        : (JSON.parse(role.assume_role_policy).Statement as Statement[]).flatMap((s) => asList(s.Principal?.Service));
      const wanted = expected[name] ?? (name.endsWith("-job-role") ? ["ecs-tasks.amazonaws.com"] : undefined);
      return JSON.stringify([...services].sort()) === JSON.stringify([...(wanted ?? ["(unexpected role)"])].sort()) ? [] : [name];
    });
  },
  // The Spot fleet role carries the tagging policy (the older AmazonEC2SpotFleetRole policy cannot tag).
  SPOT_FLEET_TAGGING_ROLE: (tf) =>
    tf.resource.aws_iam_role_policy_attachment?.AmazonEC2SpotFleetRole?.policy_arn ===
    "arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetTaggingRole"
      ? []
      : ["aws_iam_role_policy_attachment.AmazonEC2SpotFleetRole"],
  // The compute environment outlives its service role's policy on destroy, or it stays in DELETING.
  CE_DEPENDS_ON_SERVICE_ROLE_POLICY: (tf) =>
    resources(tf, "aws_batch_compute_environment")
      .filter(([, ce]) => !(ce.depends_on ?? []).includes("aws_iam_role_policy_attachment.aws_batch_service_role"))
      .map(([name]) => name),
};

describe("security rules on the default synthesis", () => {
  const { tf } = synthStack();
  test.each(Object.keys(RULES))("%s: no finding", (id) => {
    expect(RULES[id](tf)).toEqual([]);
  });
});

describe("each security rule catches a stack that breaks it", () => {
  const broken = (mutate: (tf: Tf) => void): Tf => {
    const tf = JSON.parse(synthStack().json);
    mutate(tf);
    return tf;
  };
  const cases: [string, (tf: Tf) => void][] = [
    ["CKV_AWS_23", (tf) => delete tf.resource.aws_security_group_rule.batch_www_egress_all.description],
    ["NO_INGRESS", (tf) => (tf.resource.aws_security_group_rule.ssh = { type: "ingress", description: "ssh" })],
    [
      "CKV_AWS_63",
      (tf) => {
        const policy = JSON.parse(tf.resource.aws_iam_policy["batch-additional-policy"].policy);
        policy.Statement[3].Action = "*";
        tf.resource.aws_iam_policy["batch-additional-policy"].policy = JSON.stringify(policy);
      },
    ],
    [
      "S3_SCOPED_TO_BUCKET",
      (tf) => {
        const policy = JSON.parse(tf.resource.aws_iam_policy["batch-additional-policy"].policy);
        policy.Statement[0].Resource = ["arn:aws:s3:::*/*"];
        tf.resource.aws_iam_policy["batch-additional-policy"].policy = JSON.stringify(policy);
      },
    ],
    [
      "CKV_AWS_60_61",
      (tf) =>
        tf.data.aws_iam_policy_document["instance-assume-role-batch-policy"].statement[0].principals[0].identifiers.push(
          "lambda.amazonaws.com",
        ),
    ],
    [
      "SPOT_FLEET_TAGGING_ROLE",
      (tf) =>
        (tf.resource.aws_iam_role_policy_attachment.AmazonEC2SpotFleetRole.policy_arn =
          "arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetRole"),
    ],
    ["CE_DEPENDS_ON_SERVICE_ROLE_POLICY", (tf) => delete tf.resource.aws_batch_compute_environment["compute-environment"].depends_on],
  ];
  test("every rule has a broken case", () => {
    expect(cases.map(([id]) => id).sort()).toEqual(Object.keys(RULES).sort());
  });
  test.each(cases)("%s finds the break", (id, mutate) => {
    expect(RULES[id](broken(mutate)).length).toBeGreaterThan(0);
  });
});

describe("templates", () => {
  // CKV_AWS_210: no privileged container unless the README's Safety section names its template.
  test("CKV_AWS_210: every privileged template is listed in the README's Safety section", () => {
    const privileged = Object.entries(renderedTemplates()).filter(([, properties]) => properties.privileged === true);
    for (const [file] of privileged) {
      expect({ file, listed: safetySection.includes(`job-definitions/${file}`) }).toEqual({ file, listed: true });
    }
  });

  test("secrets only as valueFrom: no environment value and no other key holds a secret reference", () => {
    for (const [file, properties] of Object.entries(renderedTemplates())) {
      const outsideSecrets = JSON.stringify({ ...properties, secrets: undefined });
      expect({ file, leaks: outsideSecrets.includes("x-MY_PASSWORD_SECRET_ARN") }).toEqual({ file, leaks: false });
    }
  });
});

describe("accepted findings, each removed by its option", () => {
  test("egress to 0.0.0.0/0 by default; egressCidrBlocks narrows it", () => {
    expect(synthStack().tf.resource.aws_security_group_rule.batch_www_egress_all.cidr_blocks).toEqual(["0.0.0.0/0"]);
    const rule = synthStack({ egressCidrBlocks: ["10.0.0.0/8"] }).tf.resource.aws_security_group_rule.batch_www_egress_all;
    expect(rule.cidr_blocks).toEqual(["10.0.0.0/8"]);
    expect(rule.description).toBe("Allow Outbound Traffic for Batch to its allow-list only");
  });

  test.each([[[]], [["10.0.0.0"]], [["anywhere"]]])("egressCidrBlocks %j is refused at synth", (blocks) => {
    expect(() => synthStack({ egressCidrBlocks: blocks })).toThrow(/BatchSecurityGroup 'network': egressCidrBlocks/);
  });

  test("account-wide AmazonEC2SpotFleetRole by default; scopedSpotFleetRoleName names it per environment", () => {
    expect(synthStack().tf.resource.aws_iam_role.AmazonEC2SpotFleetRole.name).toBe("AmazonEC2SpotFleetRole");
    expect(synthStack({ scopedSpotFleetRoleName: true }).tf.resource.aws_iam_role.AmazonEC2SpotFleetRole.name).toBe(
      "role-${var.environment}-${var.application}-batch-spot-fleet",
    );
  });

  test("Spot service-linked roles created by default; createSpotServiceLinkedRoles: false skips them", () => {
    expect(Object.keys(synthStack().tf.resource.aws_iam_service_linked_role)).toHaveLength(2);
    expect(synthStack({ createSpotServiceLinkedRoles: false }).tf.resource.aws_iam_service_linked_role).toBeUndefined();
  });
});
