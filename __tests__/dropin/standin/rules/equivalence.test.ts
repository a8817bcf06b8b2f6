// The stand-in's JSON equivalence, rule by rule against the real provider's
// source: each rule has a case it must call the same and a real difference
// it must still show.
import {
  CONTAINER_PROPERTIES_EQUIVALENCE,
  JSON_VALUE_EQUIVALENCE,
  POLICY_EQUIVALENCE,
  decodeContainerProperties,
  equivalentContainerProperties,
  equivalentJsonValues,
  equivalentPolicies,
} from "../../../../dropin/standin/rules/equivalence";

const VERSION = "2012-10-17";
const json = (value: unknown) => JSON.stringify(value);
const policy = (...statements: object[]) => json({ Version: VERSION, Statement: statements });
const statement = (fields: object) => ({ Effect: "Allow", Action: "s3:GetObject", Resource: "*", ...fields });

describe("IAM policies (awspolicyequivalence PoliciesAreEquivalent)", () => {
  test("equivalent: a Resource string and a one-element list", () => {
    expect(equivalentPolicies(policy(statement({ Resource: "*" })), policy(statement({ Resource: ["*"] })))).toBe(true);
  });

  test("a real difference: a Resource string and a list of another resource", () => {
    expect(equivalentPolicies(policy(statement({ Resource: "*" })), policy(statement({ Resource: ["arn:aws:s3:::mybucket"] })))).toBe(
      false,
    );
  });

  test("equivalent: an Action string and a one-element list", () => {
    expect(equivalentPolicies(policy(statement({ Action: "s3:ListBucket" })), policy(statement({ Action: ["s3:ListBucket"] })))).toBe(true);
  });

  test("a real difference: an Action string and a list of another action", () => {
    expect(equivalentPolicies(policy(statement({ Action: "s3:ListBucket" })), policy(statement({ Action: ["s3:GetObject"] })))).toBe(false);
  });

  test("equivalent: actions reordered", () => {
    const before = policy(statement({ Action: ["s3:Put*", "s3:Get*", "s3:List*"] }));
    expect(equivalentPolicies(before, policy(statement({ Action: ["s3:List*", "s3:Put*", "s3:Get*"] })))).toBe(true);
  });

  test("a real difference: one action replaced", () => {
    const before = policy(statement({ Action: ["s3:Put*", "s3:Get*", "s3:List*"] }));
    expect(equivalentPolicies(before, policy(statement({ Action: ["s3:Put*", "s3:Get*", "s3:Delete*"] })))).toBe(false);
  });

  test("equivalent: the same duplicated action in another order (sorted lists compare as multisets)", () => {
    const before = policy(statement({ Action: ["s3:Get*", "s3:Get*", "s3:Put*"] }));
    expect(equivalentPolicies(before, policy(statement({ Action: ["s3:Put*", "s3:Get*", "s3:Get*"] })))).toBe(true);
  });

  test("a real difference: an action listed twice is not the action listed once", () => {
    const before = policy(statement({ Action: ["s3:Get*", "s3:Put*"] }));
    expect(equivalentPolicies(before, policy(statement({ Action: ["s3:Get*", "s3:Get*", "s3:Put*"] })))).toBe(false);
  });

  test("equivalent: NotResource reordered", () => {
    const before = policy(statement({ Resource: undefined, NotResource: ["arn:aws:s3:::a", "arn:aws:s3:::b"] }));
    expect(equivalentPolicies(before, policy(statement({ Resource: undefined, NotResource: ["arn:aws:s3:::b", "arn:aws:s3:::a"] })))).toBe(
      true,
    );
  });

  test("a real difference: NotAction on one side only", () => {
    expect(equivalentPolicies(policy(statement({})), policy(statement({ NotAction: "s3:DeleteObject" })))).toBe(false);
  });

  test("equivalent: statements reordered", () => {
    const first = statement({ Sid: "First" });
    const second = statement({ Sid: "Second", Action: "s3:PutObject" });
    expect(equivalentPolicies(policy(first, second), policy(second, first))).toBe(true);
  });

  test("a real difference: one statement left out", () => {
    const first = statement({ Sid: "First" });
    const second = statement({ Sid: "Second", Action: "s3:PutObject" });
    expect(equivalentPolicies(policy(first, second), policy(first))).toBe(false);
  });

  test("equivalent: Statement as one object and as a one-element array", () => {
    expect(equivalentPolicies(json({ Version: VERSION, Statement: statement({}) }), policy(statement({})))).toBe(true);
  });

  test("a real difference: Statement as one object and an array holding another statement", () => {
    expect(equivalentPolicies(json({ Version: VERSION, Statement: statement({}) }), policy(statement({ Effect: "Deny" })))).toBe(false);
  });

  test("equivalent: a condition value as a string and as a one-element list", () => {
    const before = policy(statement({ Condition: { StringEquals: { "s3:x-amz-acl": "public-read" } } }));
    expect(equivalentPolicies(before, policy(statement({ Condition: { StringEquals: { "s3:x-amz-acl": ["public-read"] } } })))).toBe(true);
  });

  test("a real difference: a condition value changed", () => {
    const before = policy(statement({ Condition: { StringEquals: { "s3:x-amz-acl": "public-read" } } }));
    expect(equivalentPolicies(before, policy(statement({ Condition: { StringEquals: { "s3:x-amz-acl": "private" } } })))).toBe(false);
  });

  test("equivalent: condition values reordered", () => {
    const before = policy(statement({ Condition: { IpAddress: { "aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"] } } }));
    const after = policy(statement({ Condition: { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "192.0.2.0/24"] } } }));
    expect(equivalentPolicies(before, after)).toBe(true);
  });

  test("a real difference: the condition operator changed", () => {
    const before = policy(statement({ Condition: { StringEquals: { "s3:x-amz-acl": "public-read" } } }));
    expect(equivalentPolicies(before, policy(statement({ Condition: { StringNotEquals: { "s3:x-amz-acl": "public-read" } } })))).toBe(
      false,
    );
  });

  test("equivalent: condition values with other duplicates (compared as length plus set)", () => {
    const before = policy(statement({ Condition: { StringLike: { "s3:prefix": ["a", "a", "b"] } } }));
    expect(equivalentPolicies(before, policy(statement({ Condition: { StringLike: { "s3:prefix": ["a", "b", "b"] } } })))).toBe(true);
  });

  test("a real difference: condition values of the same length but another set", () => {
    const before = policy(statement({ Condition: { StringLike: { "s3:prefix": ["a", "a"] } } }));
    expect(equivalentPolicies(before, policy(statement({ Condition: { StringLike: { "s3:prefix": ["a", "b"] } } })))).toBe(false);
  });

  test("equivalent: a boolean condition value and its string form", () => {
    const before = policy(statement({ Condition: { Bool: { "aws:SecureTransport": true } } }));
    expect(equivalentPolicies(before, policy(statement({ Condition: { Bool: { "aws:SecureTransport": "true" } } })))).toBe(true);
  });

  test("a real difference: a boolean condition value and the other string", () => {
    const before = policy(statement({ Condition: { Bool: { "aws:SecureTransport": true } } }));
    expect(equivalentPolicies(before, policy(statement({ Condition: { Bool: { "aws:SecureTransport": "false" } } })))).toBe(false);
  });

  test("equivalent: a null Condition and no Condition", () => {
    expect(equivalentPolicies(policy(statement({ Condition: null })), policy(statement({})))).toBe(true);
  });

  test("a real difference: an empty Condition block is not an absent one", () => {
    expect(equivalentPolicies(policy(statement({ Condition: {} })), policy(statement({})))).toBe(false);
  });

  test("equivalent: Effect in another case", () => {
    expect(equivalentPolicies(policy(statement({ Effect: "allow" })), policy(statement({ Effect: "Allow" })))).toBe(true);
  });

  test("a real difference: Allow and Deny", () => {
    expect(equivalentPolicies(policy(statement({ Effect: "Allow" })), policy(statement({ Effect: "Deny" })))).toBe(false);
  });

  test("equivalent: a principal as a string and as a one-element list", () => {
    const before = policy(statement({ Principal: { Service: "ec2.amazonaws.com" } }));
    expect(equivalentPolicies(before, policy(statement({ Principal: { Service: ["ec2.amazonaws.com"] } })))).toBe(true);
  });

  test("a real difference: another service principal", () => {
    const before = policy(statement({ Principal: { Service: "ec2.amazonaws.com" } }));
    expect(equivalentPolicies(before, policy(statement({ Principal: { Service: ["ecs-tasks.amazonaws.com"] } })))).toBe(false);
  });

  test("equivalent: principals of one type reordered", () => {
    const before = policy(statement({ Principal: { Service: ["ecs-tasks.amazonaws.com", "ec2.amazonaws.com"] } }));
    expect(
      equivalentPolicies(before, policy(statement({ Principal: { Service: ["ec2.amazonaws.com", "ecs-tasks.amazonaws.com"] } }))),
    ).toBe(true);
  });

  test("a real difference: one of two principals replaced", () => {
    const before = policy(statement({ Principal: { Service: ["ecs-tasks.amazonaws.com", "ec2.amazonaws.com"] } }));
    expect(
      equivalentPolicies(before, policy(statement({ Principal: { Service: ["ecs-tasks.amazonaws.com", "batch.amazonaws.com"] } }))),
    ).toBe(false);
  });

  test("equivalent: an account id and its root user ARN", () => {
    const before = policy(statement({ Principal: { AWS: "123456789012" } }));
    expect(equivalentPolicies(before, policy(statement({ Principal: { AWS: "arn:aws:iam::123456789012:root" } })))).toBe(true);
  });

  test("a real difference: an account id and another account's root user ARN", () => {
    const before = policy(statement({ Principal: { AWS: "123456789012" } }));
    expect(equivalentPolicies(before, policy(statement({ Principal: { AWS: "arn:aws:iam::210987654321:root" } })))).toBe(false);
  });

  test("equivalent: two different string principals (the library reads a string principal as an empty map)", () => {
    expect(equivalentPolicies(policy(statement({ Principal: "*" })), policy(statement({ Principal: "123456789012" })))).toBe(true);
  });

  test('a real difference: Principal "*" is not {"AWS": "*"}', () => {
    expect(equivalentPolicies(policy(statement({ Principal: "*" })), policy(statement({ Principal: { AWS: "*" } })))).toBe(false);
  });

  test("equivalent: a principal type with an empty list and no Principal", () => {
    expect(equivalentPolicies(policy(statement({ Principal: { AWS: [] } })), policy(statement({})))).toBe(true);
  });

  test("a real difference: a principal and no Principal", () => {
    expect(equivalentPolicies(policy(statement({ Principal: { AWS: "123456789012" } })), policy(statement({})))).toBe(false);
  });

  test("equivalent: a null Version and no Version", () => {
    const statements = [statement({})];
    expect(equivalentPolicies(json({ Version: null, Statement: statements }), json({ Statement: statements }))).toBe(true);
  });

  test(`a real difference: no Version and "${VERSION}"`, () => {
    expect(equivalentPolicies(json({ Statement: [statement({})] }), policy(statement({})))).toBe(false);
  });

  test("equivalent: an empty Sid and no Sid", () => {
    expect(equivalentPolicies(policy(statement({ Sid: "" })), policy(statement({})))).toBe(true);
  });

  test("a real difference: another Sid", () => {
    expect(equivalentPolicies(policy(statement({ Sid: "AllowRead" })), policy(statement({ Sid: "AllowWrite" })))).toBe(false);
  });

  test("a real difference: another Id", () => {
    const statements = [statement({})];
    const withId = (id: string) => json({ Version: VERSION, Id: id, Statement: statements });
    expect(equivalentPolicies(withId("one"), withId("two"))).toBe(false);
  });

  test("equivalent: element names in another case", () => {
    const lower = json({ version: VERSION, statement: [{ effect: "Allow", action: "s3:GetObject", resource: "*" }] });
    expect(equivalentPolicies(lower, policy(statement({})))).toBe(true);
  });

  test("a real difference: a misspelled element name is no element", () => {
    const misspelled = json({ Version: VERSION, Statement: [{ Effect: "Allow", Actions: "s3:GetObject", Resource: "*" }] });
    expect(equivalentPolicies(misspelled, policy(statement({})))).toBe(false);
  });

  test("equivalent: whitespace and key order", () => {
    const laidOut = `{\n  "Statement": [ { "Resource": "*",\n "Action": "s3:GetObject", "Effect": "Allow" } ],\n  "Version": "${VERSION}"\n}\n`;
    expect(equivalentPolicies(laidOut, policy(statement({})))).toBe(true);
  });

  test("a real difference: the same layout with another value", () => {
    const laidOut = `{\n  "Statement": [ { "Resource": "*",\n "Action": "s3:PutObject", "Effect": "Allow" } ],\n  "Version": "${VERSION}"\n}\n`;
    expect(equivalentPolicies(laidOut, policy(statement({})))).toBe(false);
  });

  test("equivalent: a document and the document in a one-element JSON list", () => {
    expect(equivalentPolicies(`[${policy(statement({}))}]`, policy(statement({})))).toBe(true);
  });

  test("a real difference: a list of two documents (invalid once unwrapped)", () => {
    expect(equivalentPolicies(`[${policy(statement({}))},${policy(statement({}))}]`, policy(statement({})))).toBe(false);
  });

  test("equivalent: identical documents without Statement (the DeepEqual short cut)", () => {
    expect(equivalentPolicies(json({ Version: VERSION }), `{ "Version": "${VERSION}" }`)).toBe(true);
  });

  test("a real difference: no Statement and an empty Statement list", () => {
    expect(equivalentPolicies(json({ Version: VERSION }), json({ Version: VERSION, Statement: [] }))).toBe(false);
  });

  test("equivalent: identical documents with a null statement", () => {
    expect(equivalentPolicies(policy(statement({}), null as unknown as object), policy(statement({}), null as unknown as object))).toBe(
      true,
    );
  });

  test("a real difference: a null statement against a real one (the real provider crashes here)", () => {
    expect(equivalentPolicies(policy(statement({}), null as unknown as object), policy(statement({}), statement({ Sid: "Other" })))).toBe(
      false,
    );
  });

  test("a real difference: invalid JSON, without throwing", () => {
    expect(() => equivalentPolicies("{", policy(statement({})))).not.toThrow();
    expect(equivalentPolicies("{", "{")).toBe(false);
  });
});

describe("IAM policies as the provider's diff sees them (verify SuppressEquivalentPolicyDiffs)", () => {
  test('equivalent: "" and "{}"', () => {
    expect(POLICY_EQUIVALENCE.equivalent("", "{}")).toBe(true);
  });

  test('the library alone calls "" and "{}" different', () => {
    expect(equivalentPolicies("", "{}")).toBe(false);
  });

  test('a real difference: "" and a policy', () => {
    expect(POLICY_EQUIVALENCE.equivalent("", policy(statement({})))).toBe(false);
  });

  // The upstream module's batch-additional-policy, as its heredoc writes it:
  // statement 3 has Resource the string "*", the others lists.
  const upstream = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AllowBucketOperations",
            "Effect": "Allow",
            "Action": ["s3:Put*", "s3:Get*", "s3:List*"],
            "Resource": ["arn:aws:s3:::mybucket/*"]
        },
        {
            "Effect": "Allow",
            "Action": ["s3:ListBucket"],
            "Resource": ["arn:aws:s3:::mybucket"]
        },
        {
            "Effect": "Allow",
            "Action": ["s3:GetBucketLocation", "s3:ListAllMyBuckets"],
            "Resource": "*"
        },
        {
            "Sid": "AllowEFSMount",
            "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:CreateMountTarget"],
            "Effect": "Allow",
            "Resource": ["*"]
        }
    ]
}`;
  const synthesized = (thirdResource: unknown) =>
    policy(
      { Sid: "AllowBucketOperations", Effect: "Allow", Action: ["s3:Put*", "s3:Get*", "s3:List*"], Resource: ["arn:aws:s3:::mybucket/*"] },
      { Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::mybucket"] },
      { Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:ListAllMyBuckets"], Resource: thirdResource },
      {
        Sid: "AllowEFSMount",
        Effect: "Allow",
        Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:CreateMountTarget"],
        Resource: ["*"],
      },
    );

  test('equivalent: the upstream additional policy and the same with statement 3\'s Resource ["*"]', () => {
    expect(POLICY_EQUIVALENCE.equivalent(upstream, synthesized(["*"]))).toBe(true);
  });

  test("a real difference: the upstream additional policy and statement 3 on one bucket", () => {
    expect(POLICY_EQUIVALENCE.equivalent(upstream, synthesized(["arn:aws:s3:::mybucket"]))).toBe(false);
  });
});

describe("Batch container properties (equivalentContainerPropertiesJSON)", () => {
  const base = { image: "busybox", vcpus: 1, memory: 1024 };
  const same = (a: object | string, b: object | string) =>
    equivalentContainerProperties(typeof a === "string" ? a : json(a), typeof b === "string" ? b : json(b));

  test("equivalent: environment reordered", () => {
    const environment = [
      { name: "B", value: "2" },
      { name: "A", value: "1" },
    ];
    expect(same({ ...base, environment }, { ...base, environment: [...environment].reverse() })).toBe(true);
  });

  test("a real difference: an environment value changed", () => {
    expect(same({ ...base, environment: [{ name: "A", value: "1" }] }, { ...base, environment: [{ name: "A", value: "2" }] })).toBe(false);
  });

  test("equivalent: an environment entry with an empty value and no entry", () => {
    const environment = [{ name: "A", value: "1" }];
    expect(same({ ...base, environment: [...environment, { name: "EMPTY", value: "" }] }, { ...base, environment })).toBe(true);
  });

  test("a real difference: an environment entry with a value and no entry", () => {
    const environment = [{ name: "A", value: "1" }];
    expect(same({ ...base, environment: [...environment, { name: "B", value: "x" }] }, { ...base, environment })).toBe(false);
  });

  const LISTS = ["command", "environment", "mountPoints", "resourceRequirements", "secrets", "ulimits", "volumes"];
  test.each(LISTS)("equivalent: an empty %s list and none", (name) => {
    expect(same({ ...base, [name]: [] }, base)).toBe(true);
  });

  test("a real difference: a command and none", () => {
    expect(same({ ...base, command: ["echo", "hello"] }, base)).toBe(false);
  });

  test("equivalent: empty lists inside linuxParameters and logConfiguration", () => {
    const before = {
      ...base,
      linuxParameters: { devices: [], tmpfs: [] },
      logConfiguration: { logDriver: "awslogs", options: {}, secretOptions: [] },
    };
    expect(same(before, { ...base, linuxParameters: {}, logConfiguration: { logDriver: "awslogs" } })).toBe(true);
  });

  test("a real difference: an empty linuxParameters is not an absent one", () => {
    expect(same({ ...base, linuxParameters: {} }, base)).toBe(false);
  });

  test('equivalent: fargatePlatformConfiguration "LATEST" and none', () => {
    expect(same({ ...base, fargatePlatformConfiguration: { platformVersion: "LATEST" } }, base)).toBe(true);
  });

  test("a real difference: a pinned Fargate platform version and none", () => {
    expect(same({ ...base, fargatePlatformConfiguration: { platformVersion: "1.4.0" } }, base)).toBe(false);
  });

  test("equivalent: retryStrategy and timeout are no container properties, so they are dropped", () => {
    expect(same({ ...base, retryStrategy: { attempts: 2 }, timeout: { attemptDurationSeconds: 180 } }, base)).toBe(true);
  });

  test("a real difference: another image", () => {
    expect(same(base, { ...base, image: "alpine" })).toBe(false);
  });

  test("equivalent: key names in another case", () => {
    expect(same({ Image: "busybox", VCPUS: 1, Memory: 1024 }, base)).toBe(true);
  });

  test("a real difference: key names in another case with another value", () => {
    expect(same({ ...base, Image: "alpine", image: undefined }, base)).toBe(false);
  });

  test("equivalent: nested key names in another case and unknown nested keys", () => {
    const before = { ...base, LinuxParameters: { InitProcessEnabled: true, unknown: 1 } };
    expect(same(before, { ...base, linuxParameters: { initProcessEnabled: true } })).toBe(true);
  });

  test("a real difference: a nested value changed", () => {
    expect(
      same({ ...base, linuxParameters: { initProcessEnabled: true } }, { ...base, linuxParameters: { initProcessEnabled: false } }),
    ).toBe(false);
  });

  test("equivalent: null and an absent property", () => {
    expect(same({ ...base, privileged: null }, base)).toBe(true);
  });

  test("a real difference: readonlyRootFilesystem false is not absent (no defaults are filled in)", () => {
    expect(same({ ...base, readonlyRootFilesystem: false }, base)).toBe(false);
  });

  test('equivalent: an enum set to "" and unset', () => {
    expect(same({ ...base, networkConfiguration: { assignPublicIp: "" } }, { ...base, networkConfiguration: {} })).toBe(true);
  });

  test("a real difference: an enum set and unset (no assignPublicIp default)", () => {
    expect(same({ ...base, networkConfiguration: { assignPublicIp: "DISABLED" } }, { ...base, networkConfiguration: {} })).toBe(false);
  });

  test("equivalent: whitespace and key order", () => {
    expect(same('{\n  "memory": 1024,\n  "vcpus": 1,\n  "image": "busybox"\n}\n', base)).toBe(true);
  });

  test("a real difference: the same layout with another memory", () => {
    expect(same('{\n  "memory": 2048,\n  "vcpus": 1,\n  "image": "busybox"\n}\n', base)).toBe(false);
  });

  test('equivalent: "" and "{}"', () => {
    expect(same("", "{}")).toBe(true);
  });

  test('a real difference: "" and properties', () => {
    expect(same("", base)).toBe(false);
  });

  test("equivalent: two JSON documents in a row read as one (tfjson decodes a stream)", () => {
    expect(same('{"image": "busybox"} {"vcpus": 1, "memory": 1024}', base)).toBe(true);
  });

  test("a real difference: a later document in the stream overrides a value", () => {
    expect(same('{"image": "busybox", "vcpus": 1, "memory": 1024} {"image": "alpine"}', base)).toBe(false);
  });

  test("a real difference: a fractional vcpus does not decode, so nothing is equivalent", () => {
    expect(same({ ...base, vcpus: 1.5 }, { ...base, vcpus: 1.5 })).toBe(false);
  });

  test("a real difference: vcpus 1.0 does not decode into int32 either", () => {
    expect(same('{"image": "busybox", "vcpus": 1.0, "memory": 1024}', base)).toBe(false);
  });

  test("a real difference: invalid JSON, without throwing", () => {
    expect(() => same("{", base)).not.toThrow();
    expect(same("{", "{")).toBe(false);
  });

  test("equivalent: the upstream job-definition template and what the Batch API answers for it", () => {
    const template = json({
      command: [],
      environment: [
        { name: "environment", value: "dev" },
        { name: "AWS_DEFAUT_REGION", value: "eu-central-1" },
        { name: "BUCKET_NAME", value: "mybucket" },
      ],
      image: "busybox",
      jobRoleArn: "arn:aws:iam::123456789012:role/exec",
      executionRoleArn: "arn:aws:iam::123456789012:role/exec",
      vcpus: 1,
      memory: 1024,
      privileged: true,
      mountPoints: [],
      volumes: [],
      ulimits: [],
      retryStrategy: { attempts: 2 },
      timeout: { attemptDurationSeconds: 180 },
    });
    const answered = json({
      environment: [
        { name: "AWS_DEFAUT_REGION", value: "eu-central-1" },
        { name: "BUCKET_NAME", value: "mybucket" },
        { name: "environment", value: "dev" },
      ],
      executionRoleArn: "arn:aws:iam::123456789012:role/exec",
      image: "busybox",
      jobRoleArn: "arn:aws:iam::123456789012:role/exec",
      memory: 1024,
      mountPoints: [],
      privileged: true,
      resourceRequirements: [],
      secrets: [],
      ulimits: [],
      vcpus: 1,
      volumes: [],
    });
    expect(CONTAINER_PROPERTIES_EQUIVALENCE.equivalent(answered, template)).toBe(true);
  });
});

describe("Batch container properties decoding (validJobContainerProperties)", () => {
  const invalid = (message: string) => ({ ok: false, error: `AWS Batch Job container_properties is invalid: ${message}` });

  test("decodes to the properties the provider registers, unknown keys dropped", () => {
    expect(decodeContainerProperties('{"Image": "busybox", "vcpus": 2, "retryStrategy": {"attempts": 2}, "command": []}')).toEqual({
      ok: true,
      value: { image: "busybox", vcpus: 2, command: [] },
    });
  });

  test("a fractional vcpus fails with encoding/json's error", () => {
    expect(decodeContainerProperties('{"vcpus": 1.5}')).toEqual(
      invalid("json: cannot unmarshal number 1.5 into Go struct field ContainerProperties.Vcpus of type int32"),
    );
  });

  test("a quoted memory fails with encoding/json's error", () => {
    expect(decodeContainerProperties('{"memory": "1024"}')).toEqual(
      invalid("json: cannot unmarshal string into Go struct field ContainerProperties.Memory of type int32"),
    );
  });

  test("a nested type error names the inner struct and the field path", () => {
    expect(decodeContainerProperties('{"environment": [{"name": "A", "value": 1}]}')).toEqual(
      invalid("json: cannot unmarshal number into Go struct field KeyValuePair.Environment.Value of type string"),
    );
  });

  test("a syntax error fails with the scanner's message", () => {
    expect(decodeContainerProperties('{"image": "busybox",}')).toEqual(
      invalid("invalid character '}' looking for beginning of object key string"),
    );
  });

  test("truncated input fails as a json.Decoder does", () => {
    expect(decodeContainerProperties('{"image": ')).toEqual(invalid("unexpected EOF"));
  });

  test("a JSON array is not container properties", () => {
    expect(decodeContainerProperties("[]")).toEqual(
      invalid("json: cannot unmarshal array into Go value of type types.ContainerProperties"),
    );
  });
});

describe("event patterns (ruleEventPatternJSONDecoder)", () => {
  test("equivalent: whitespace and key order", () => {
    const compact = '{"detail-type":["Batch Job State Change"],"source":["aws.batch"]}';
    expect(equivalentJsonValues('{"source": ["aws.batch"], "detail-type": ["Batch Job State Change"]}', compact)).toBe(true);
  });

  test("a real difference: array order", () => {
    expect(equivalentJsonValues('{"source": ["aws.batch", "aws.s3"]}', '{"source": ["aws.s3", "aws.batch"]}')).toBe(false);
  });

  test("equivalent: numbers equal as float64", () => {
    expect(equivalentJsonValues('{"detail": {"attempts": [1]}}', '{"detail": {"attempts": [1.0]}}')).toBe(true);
  });

  test("a real difference: a number and its string", () => {
    expect(equivalentJsonValues('{"detail": {"attempts": [1]}}', '{"detail": {"attempts": ["1"]}}')).toBe(false);
  });

  test("equivalent: the last duplicate key wins", () => {
    expect(equivalentJsonValues('{"source": ["aws.s3"], "source": ["aws.batch"]}', '{"source": ["aws.batch"]}')).toBe(true);
  });

  test("a real difference: the first duplicate key does not count", () => {
    expect(equivalentJsonValues('{"source": ["aws.s3"], "source": ["aws.batch"]}', '{"source": ["aws.s3"]}')).toBe(false);
  });

  test("equivalent: an escaped character and the character", () => {
    expect(equivalentJsonValues('{"detail": {"status": ["\\u003cFAILED\\u003e"]}}', '{"detail": {"status": ["<FAILED>"]}}')).toBe(true);
  });

  test("a real difference: -0 and 0 (json.Marshal writes -0)", () => {
    expect(equivalentJsonValues('{"detail": {"code": [-0]}}', '{"detail": {"code": [0]}}')).toBe(false);
  });

  test('equivalent: two unset patterns ("")', () => {
    expect(JSON_VALUE_EQUIVALENCE.equivalent("", "")).toBe(true);
  });

  test('a real difference: "" and "{}"', () => {
    expect(JSON_VALUE_EQUIVALENCE.equivalent("", "{}")).toBe(false);
  });

  test("a real difference: invalid JSON, without throwing", () => {
    expect(() => equivalentJsonValues("{", "{}")).not.toThrow();
    expect(equivalentJsonValues("{", "{")).toBe(false);
  });
});

describe("the rules name their source", () => {
  test.each([
    ["POLICY_EQUIVALENCE", "SuppressEquivalentPolicyDiffs", POLICY_EQUIVALENCE],
    ["CONTAINER_PROPERTIES_EQUIVALENCE", "equivalentContainerPropertiesJSON", CONTAINER_PROPERTIES_EQUIVALENCE],
    ["JSON_VALUE_EQUIVALENCE", "ruleEventPatternJSONDecoder", JSON_VALUE_EQUIVALENCE],
  ])("%s names %s", (_name, functionName, rule) => {
    expect(rule.source).toContain(functionName);
  });
});
