// The hashicorp/aws schema the stand-in serves, derived from the @cdktf/provider-aws bindings.
import { Block } from "../../../../dropin/standin/protocol/cty";
import { PROVIDER_VERSION, deriveSchema } from "../../../../dropin/standin/facts/schema";

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
