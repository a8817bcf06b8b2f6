// Policy equivalence, rule by rule against awspolicyequivalence and the
// provider's SuppressEquivalentPolicyDiffs: each rule has a case it must call
// the same and a real difference it must still show.
import { equivalentPolicies, suppressEquivalentPolicyDiffs } from "../../../../dropin/standin/rules/policy-equivalence";

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
    expect(suppressEquivalentPolicyDiffs("", "{}")).toBe(true);
  });

  test('the library alone calls "" and "{}" different', () => {
    expect(equivalentPolicies("", "{}")).toBe(false);
  });

  test('a real difference: "" and a policy', () => {
    expect(suppressEquivalentPolicyDiffs("", policy(statement({})))).toBe(false);
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
    expect(suppressEquivalentPolicyDiffs(upstream, synthesized(["*"]))).toBe(true);
  });

  test("a real difference: the upstream additional policy and statement 3 on one bucket", () => {
    expect(suppressEquivalentPolicyDiffs(upstream, synthesized(["arn:aws:s3:::mybucket"]))).toBe(false);
  });
});
