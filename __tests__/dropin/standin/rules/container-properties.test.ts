// Container properties as the provider decodes and compares them
// (container_properties.go): each rule has a case it must call the same and a
// real difference it must still show.
import { decodeContainerProperties, equivalentContainerProperties } from "../../../../dropin/standin/rules/container-properties";

const json = (value: unknown) => JSON.stringify(value);

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
    expect(equivalentContainerProperties(answered, template)).toBe(true);
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
