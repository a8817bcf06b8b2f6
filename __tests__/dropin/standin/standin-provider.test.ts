// The stand-in AWS provider on its own: the schema it derives from the
// bindings, the values it exchanges with Terraform, what it plans and applies,
// and its plugin handshake.
import { spawn, spawnSync } from "child_process";
import { X509Certificate } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { tempDir } from "../../support/stack";
import { StandinBehaviour } from "../../../dropin/standin/rules/behaviour";
import { derInteger, selfSignedCertificate } from "../../../dropin/standin/protocol/certificate";
import { Block, UNKNOWN, decodeValue, encodeValue } from "../../../dropin/standin/protocol/cty";
import { PROVIDER_VERSION, ProviderSchema, deriveSchema } from "../../../dropin/standin/facts/schema";

const schema = deriveSchema([
  "batch-compute-environment",
  "batch-job-queue",
  "iam-role",
  "security-group",
  "data-aws-region",
  "data-aws-iam-policy-document",
]);

const attribute = (block: Block, name: string) => block.attributes.find((candidate) => candidate.name === name);
const nested = (block: Block, name: string) => block.blockTypes.find((candidate) => candidate.typeName === name);

describe("the schema, derived from @cdktf/provider-aws", () => {
  test("is hashicorp/aws 6.25.0's, the version the bindings were generated from", () => {
    expect(PROVIDER_VERSION).toBe("6.25.0");
  });

  test("has the v6 argument names and not the v5 ones", () => {
    const environment = schema.resources.aws_batch_compute_environment;
    expect(attribute(environment, "name")).toMatchObject({ type: "string", optional: true, computed: true });
    expect(attribute(environment, "compute_environment_name")).toBeUndefined();
    const queue = schema.resources.aws_batch_job_queue;
    expect(nested(queue, "compute_environment_order")).toMatchObject({ nesting: "list", maxItems: 0 });
    expect(attribute(queue, "compute_environments")).toBeUndefined();
    expect(attribute(schema.dataSources.aws_region, "region")).toMatchObject({ optional: true, computed: true });
  });

  test("tells blocks from attributes and how they nest", () => {
    const resources = nested(schema.resources.aws_batch_compute_environment, "compute_resources")!;
    expect(resources).toMatchObject({ nesting: "list", minItems: 0, maxItems: 1 });
    expect(attribute(resources.block, "desired_vcpus")).toMatchObject({ type: "number", optional: true, computed: true });
    expect(attribute(resources.block, "max_vcpus")).toMatchObject({ type: "number", required: true });
    expect(attribute(resources.block, "instance_type")).toMatchObject({ type: ["set", "string"] });
    // ConfigMode SchemaConfigModeAttr: an attribute in the provider's schema, not the bindings' block.
    expect(nested(schema.resources.aws_security_group, "egress")).toBeUndefined();
    expect(attribute(schema.resources.aws_security_group, "egress")).toMatchObject({ type: ["set", ["object", expect.anything()]], optional: true, computed: true });
    expect(nested(schema.resources.aws_security_group, "timeouts")).toMatchObject({ nesting: "single" });
    expect(attribute(schema.resources.aws_iam_role, "arn")).toMatchObject({ type: "string", computed: true, optional: false });
    expect(attribute(schema.resources.aws_iam_role, "tags_all")).toMatchObject({ type: ["map", "string"] });
  });

  test("serves the provider's own arguments, without cdktf's alias", () => {
    expect(attribute(schema.provider, "region")).toMatchObject({ type: "string", optional: true });
    expect(attribute(schema.provider, "alias")).toBeUndefined();
  });

  test("refuses, by name, a type the bindings do not have", () => {
    expect(() => deriveSchema(["batch-job-queues"])).toThrow(
      'The stand-in provider has no schema for "batch-job-queues": @cdktf/provider-aws has no lib/batch-job-queues.',
    );
  });
});

describe("values on the wire", () => {
  test("an unknown value is cty's MessagePack extension 0, both ways", () => {
    const bytes = encodeValue({ id: UNKNOWN, name: "queue", order: [0, 1.5] });
    expect(Buffer.from(bytes).includes(Buffer.from([0xd4, 0x00, 0x00]))).toBe(true);
    expect(decodeValue(bytes)).toEqual({ id: UNKNOWN, name: "queue", order: [0, 1.5] });
  });

  test("an unknown carrying refinements (extension 12) is read as unknown", () => {
    expect(decodeValue(Uint8Array.from([0xd5, 0x0c, 0x80, 0x00]))).toBe(UNKNOWN);
  });
});

describe("plan and apply", () => {
  const behaviour = new StandinBehaviour(schema as ProviderSchema);
  const roleConfig = {
    ...Object.fromEntries(schema.resources.aws_iam_role.attributes.map((entry) => [entry.name, null])),
    name: "role-test-myapp-batch-service",
    assume_role_policy: '{"Version": "2012-10-17", "Statement": []}',
    tags: { owner: "me" },
    inline_policy: [],
  };

  test("on create, computed attributes are unknown, but region and tags_all are known as the real provider plans them", () => {
    const planned = behaviour.plan("aws_iam_role", null, roleConfig).value;
    expect(planned.arn).toBe(UNKNOWN);
    expect(planned.unique_id).toBe(UNKNOWN);
    expect(planned.tags_all).toEqual({ owner: "me" });
    expect(planned.assume_role_policy).toBe(roleConfig.assume_role_policy);
  });

  test("the objects of an attribute the bindings make a block (egress, ConfigModeAttr) are planned as configured", () => {
    const group = {
      ...Object.fromEntries(schema.resources.aws_security_group.attributes.map((entry) => [entry.name, null])),
      name: "sgr",
      egress: [{ cidr_blocks: ["0.0.0.0/0"], description: null, from_port: 0, to_port: 0, protocol: "-1", ipv6_cidr_blocks: null, prefix_list_ids: null, security_groups: null, self: null }],
      ingress: [],
      timeouts: null,
    };
    const planned = behaviour.plan("aws_security_group", null, group).value;
    expect(planned.egress[0].description).toBeNull();
    expect(planned.id).toBe(UNKNOWN);
  });

  test("apply fills unknowns the same way every time", () => {
    const planned = behaviour.plan("aws_iam_role", null, roleConfig).value;
    const first = behaviour.apply("aws_iam_role", planned).value;
    const second = behaviour.apply("aws_iam_role", planned).value;
    expect(first).toEqual(second);
    expect(first.arn).toBe("arn:aws:iam::123456789012:role/role-test-myapp-batch-service");
    expect(first.id).toBe("role-test-myapp-batch-service");
  });

  test("a policy equal as JSON but spelled differently keeps the state's text, as the real provider's diff suppression does", () => {
    const prior = behaviour.apply("aws_iam_role", behaviour.plan("aws_iam_role", null, roleConfig).value).value;
    const respelled = { ...prior, assume_role_policy: '{\n  "Statement": [],\n  "Version": "2012-10-17"\n}' };
    const same = behaviour.plan("aws_iam_role", prior, respelled);
    expect(same.value.assume_role_policy).toBe(prior.assume_role_policy);
    expect(same.legacyTypeSystem).toBe(true);
    const changed = { ...prior, assume_role_policy: '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny"}]}' };
    expect(behaviour.plan("aws_iam_role", prior, changed).value.assume_role_policy).toBe(changed.assume_role_policy);
  });

  test("data.aws_iam_policy_document renders the document as the real provider lays it out", () => {
    const state = behaviour.read("aws_iam_policy_document", {
      ...Object.fromEntries(schema.dataSources.aws_iam_policy_document.attributes.map((entry) => [entry.name, null])),
      statement: [
        {
          actions: ["sts:AssumeRole"],
          effect: null,
          not_actions: null,
          not_resources: null,
          resources: null,
          sid: null,
          condition: [],
          not_principals: [],
          principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }],
        },
      ],
    });
    expect(JSON.parse(state.json)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } }],
    });
  });
});

describe("the plugin handshake", () => {
  test("certificate serials are minimally encoded, as Terraform's parser requires, whatever the random bytes", () => {
    expect(derInteger(Buffer.from([0x00, 0x10, 0xff]))).toEqual(Buffer.from([0x02, 0x02, 0x10, 0xff]));
    expect(derInteger(Buffer.from([0x00, 0x00, 0x80]))).toEqual(Buffer.from([0x02, 0x02, 0x00, 0x80]));
    expect(derInteger(Buffer.from([0x80, 0x01]))).toEqual(Buffer.from([0x02, 0x03, 0x00, 0x80, 0x01]));
    expect(derInteger(Buffer.from([0x00]))).toEqual(Buffer.from([0x02, 0x01, 0x00]));
  });

  const provider = path.resolve(__dirname, "..", "..", "..", "dropin", "standin", "protocol", "main.ts");
  const registerTs = path.resolve(__dirname, "..", "..", "..", "scripts", "register-ts.js");

  test("started by anything but Terraform, it says what it is and exits 1", () => {
    const result = spawnSync(process.execPath, ["--require", registerTs, provider], { encoding: "utf8", env: { PATH: process.env.PATH } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("This is a Terraform provider plugin (a test stand-in for hashicorp/aws)");
  });

  test("started by Terraform, it prints go-plugin's line: protocol 6 over gRPC, with its certificate for localhost", async () => {
    const schemaFile = path.join(tempDir("standin-schema-"), "schema.json");
    fs.writeFileSync(schemaFile, JSON.stringify(schema));
    const child = spawn(process.execPath, ["--require", registerTs, provider], {
      env: {
        PATH: process.env.PATH,
        TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
        PLUGIN_CLIENT_CERT: selfSignedCertificate().certificatePem,
        STANDIN_SCHEMA: schemaFile,
      },
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let output = "";
        child.stdout.on("data", (chunk) => {
          output += chunk;
          if (output.includes("\n")) resolve(output.trim());
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}`)));
      });
      const fields = line.split("|");
      expect(fields.slice(0, 3)).toEqual(["1", "6", "tcp"]);
      expect(fields[3]).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(fields[4]).toBe("grpc");
      expect(fields[5]).not.toMatch(/=$/);
      const certificate = new X509Certificate(Buffer.from(fields[5], "base64"));
      expect(certificate.checkHost("localhost")).toBe("localhost");
    } finally {
      child.kill();
    }
  });
});
