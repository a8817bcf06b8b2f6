// Differences between a resource's state and its planned value, at the
// deepest path that differs, inside JSON documents held in strings too.
import { Difference, differences, formatDifference } from "../../../dropin/check/json-diff";

/** Upstream's additional policy: statement 3 has `"Resource": "*"` as a bare string. */
const policy = (thirdResource: unknown): string =>
  JSON.stringify(
    {
      Version: "2012-10-17",
      Statement: [
        { Sid: "AllowBucketOperations", Effect: "Allow", Action: ["s3:Put*", "s3:Get*", "s3:List*"], Resource: ["arn:aws:s3:::mybucket/*"] },
        { Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::mybucket"] },
        { Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:ListAllMyBuckets"], Resource: thirdResource },
        {
          Sid: "AllowEFSMount",
          Effect: "Allow",
          Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:CreateMountTarget"],
          Resource: ["*"],
        },
      ],
    },
    null,
    2,
  );

const formatted = (before: unknown, after: unknown, afterUnknown?: unknown): string[] => differences(before, after, afterUnknown).map(formatDifference);

describe("differences", () => {
  test('a policy string: the one statement element that differs, `policy Statement[2].Resource: "*" -> ["*"]`', () => {
    const before = { name: "policy-dev-app-batch-additional-permissions", policy: policy("*") };
    const after = { name: "policy-dev-app-batch-additional-permissions", policy: JSON.stringify(JSON.parse(policy(["*"]))) };
    expect(differences(before, after)).toEqual<Difference[]>([{ path: "policy Statement[2].Resource", before: '"*"', after: '["*"]' }]);
    expect(formatted(before, after)).toEqual(['policy Statement[2].Resource: "*" -> ["*"]']);
  });

  test("nested blocks and maps: paths with indexes and keys", () => {
    const before = {
      compute_resources: [{ instance_type: ["m4"], max_vcpus: 1, type: "SPOT" }],
      tags: { Name: "ce-dev-app-batchs", environment: "dev", "kubernetes.io/role": "batch" },
    };
    const after = {
      compute_resources: [{ instance_type: ["m4", "c5"], max_vcpus: 8, type: "SPOT" }],
      tags: { Name: "ce-dev-app-batch", environment: "dev", "kubernetes.io/role": "jobs" },
    };
    expect(formatted(before, after)).toEqual([
      'compute_resources[0].instance_type[1]: (absent) -> "c5"',
      "compute_resources[0].max_vcpus: 1 -> 8",
      'tags.Name: "ce-dev-app-batchs" -> "ce-dev-app-batch"',
      'tags["kubernetes.io/role"]: "batch" -> "jobs"',
    ]);
  });

  test("a JSON document's nested list element: `container_properties environment[1].value`", () => {
    const properties = (bucket: string) =>
      JSON.stringify({
        image: "busybox",
        environment: [
          { name: "ENV", value: "dev" },
          { name: "BUCKET_NAME", value: bucket },
        ],
        vcpus: 1,
      });
    expect(formatted({ container_properties: properties("mybucket") }, { container_properties: properties("other") })).toEqual([
      'container_properties environment[1].value: "mybucket" -> "other"',
    ]);
  });

  test("a value of another type is reported whole at its path, however big the document around it", () => {
    const big = (vcpus: unknown) => JSON.stringify({ command: Array.from({ length: 50 }, (_, i) => `arg${i}`), resourceRequirements: [{ type: "VCPU", value: vcpus }] });
    expect(formatted({ container_properties: big("1") }, { container_properties: big(1) })).toEqual([
      'container_properties resourceRequirements[0].value: "1" -> 1',
    ]);
  });

  test("unknown after apply, at the top, nested, and inside an added element", () => {
    const before = { arn: "arn:aws:batch:eu-central-1:123456789012:compute-environment/ce", compute_resources: [{ desired_vcpus: 0, max_vcpus: 1 }], tags: {} };
    const after = { arn: null, compute_resources: [{ desired_vcpus: null, max_vcpus: 1 }, { desired_vcpus: null, max_vcpus: 2 }], tags: {} };
    const unknown = { arn: true, compute_resources: [{ desired_vcpus: true }, { desired_vcpus: true }], ecs_cluster_arn: true };
    expect(formatted(before, after, unknown)).toEqual([
      'arn: "arn:aws:batch:eu-central-1:123456789012:compute-environment/ce" -> (known after apply)',
      "compute_resources[0].desired_vcpus: 0 -> (known after apply)",
      'compute_resources[1]: (absent) -> {"desired_vcpus":(known after apply),"max_vcpus":2}',
      "ecs_cluster_arn: (absent) -> (known after apply)",
    ]);
  });

  test("a key absent on one side, and list elements removed", () => {
    expect(formatted({ tags: { Name: "a" }, subnets: ["s-1", "s-2", "s-3"] }, { tags: { Name: "a", owner: "me" }, subnets: ["s-1"] })).toEqual([
      'subnets[1]: "s-2" -> (absent)',
      'subnets[2]: "s-3" -> (absent)',
      'tags.owner: (absent) -> "me"',
    ]);
    expect(formatted({ scheduling_policy_arn: "arn:x" }, {})).toEqual(['scheduling_policy_arn: "arn:x" -> (absent)']);
    // Null is a value, not an absence.
    expect(formatted({ description: null }, { description: "x" })).toEqual(['description: null -> "x"']);
  });

  test("equal values give no difference, however they are nested", () => {
    const value = { policy: policy(["*"]), compute_resources: [{ instance_type: ["m4"], tags: null }], priority: 1 };
    expect(differences(value, JSON.parse(JSON.stringify(value)))).toEqual([]);
    expect(differences(value, value, { compute_resources: [{ instance_type: [false] }] })).toEqual([]);
    expect(differences(null, null)).toEqual([]);
  });

  test("the same JSON in other text is one difference at the attribute, saying so", () => {
    expect(formatted({ policy: policy("*") }, { policy: JSON.stringify(JSON.parse(policy("*"))) })).toEqual([
      "policy: (JSON text) -> (same JSON, other whitespace or key order)",
    ]);
  });

  test("strings that are not both JSON objects or arrays are compared whole", () => {
    expect(formatted({ name: "queue-dev" }, { name: "queue-prod" })).toEqual(['name: "queue-dev" -> "queue-prod"']);
    expect(formatted({ policy: "" }, { policy: '{"Version":"2012-10-17"}' })).toEqual(['policy: "" -> "{\\"Version\\":\\"2012-10-17\\"}"']);
    expect(formatted({ priority: "1" }, { priority: "2" })).toEqual(['priority: "1" -> "2"']);
    expect(formatted({ event_pattern: "{not json" }, { event_pattern: "{not json}" })).toEqual(['event_pattern: "{not json" -> "{not json}"']);
  });

  test("a created resource is reported attribute by attribute", () => {
    expect(formatted(null, { name: "q", arn: null }, { arn: true })).toEqual(["arn: (absent) -> (known after apply)", 'name: (absent) -> "q"']);
  });
});

describe("formatDifference", () => {
  test("path: before -> after, or the values alone at the root", () => {
    expect(formatDifference({ path: "tags.Name", before: '"a"', after: '"b"' })).toBe('tags.Name: "a" -> "b"');
    expect(formatted("a", "b")).toEqual(['"a" -> "b"']);
    expect(formatted('{"a":1}', '{"a":2}')).toEqual(["a: 1 -> 2"]);
  });
});
