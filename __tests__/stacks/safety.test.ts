import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR, synthStack } from "../support/stack";
import { RULES, Tf } from "../support/safety-rules";

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

describe("security rules on the default synthesis", () => {
  const { tf } = synthStack();
  test.each(Object.keys(RULES))("%s: no finding", (id) => {
    expect(RULES[id](tf)).toEqual([]);
  });
});

describe("security rules with every option on", () => {
  const { tf } = synthStack({
    onDemandFallback: true,
    s3Trigger: { deadLetterQueue: true },
    egressCidrBlocks: ["10.0.0.0/8"],
    scopedSpotFleetRoleName: true,
    jobDefinitions: { functionaltest: { separateJobRole: true, moveJobLevelKeys: true } },
  });
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
