import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { BatchInputs, BatchInputsProps } from "../../../stacks/constructs/inputs";
import { VariableSpec } from "../../../stacks/constructs/variable-rules";
import { FEATURES } from "../../../stacks/features";
import { S3_TRIGGER } from "../../../stacks/features/s3-trigger";
import { MODULE_VARIABLES } from "../../../stacks/module-contract";
import { synthJson } from "../../support/constructs";

/** Synthesizes BatchInputs alone, plus an output per value of `outputs` (to see what a getter resolves to). */
function synth(props?: BatchInputsProps, outputs: (inputs: BatchInputs) => { [name: string]: unknown } = () => ({})) {
  let inputs: BatchInputs | undefined;
  const tf = synthJson((scope: Construct) => {
    inputs = new BatchInputs(scope, "inputs", props);
    for (const [name, value] of Object.entries(outputs(inputs))) {
      new TerraformOutput(scope, name, { value });
    }
  });
  return { tf, inputs: inputs!, output: (name: string) => tf.output[name].value };
}

/** The JSON Terraform gets for a variable spec. */
const asTerraform = (spec: VariableSpec) => ({
  type: spec.type,
  description: spec.description,
  ...(spec.default !== undefined && { default: spec.default }),
  ...(spec.nullable === false && { nullable: false }),
  ...(spec.validation && {
    validation: spec.validation.map((rule) => ({ condition: rule.condition, error_message: rule.errorMessage })),
  }),
});

const MODULE_NAMES = Object.keys(MODULE_VARIABLES).sort();

describe("module variables", () => {
  test("declares exactly the module's variables when no feature is on", () => {
    expect(Object.keys(synth().tf.variable).sort()).toEqual(MODULE_NAMES);
  });

  test.each(Object.entries(MODULE_VARIABLES))("declares var.%s at its root address with its spec", (name, spec) => {
    expect(synth().tf.variable[name]).toEqual(asTerraform(spec));
  });

  test("leaves the required variables without a default, as upstream", () => {
    const { variable } = synth().tf;
    const required = MODULE_NAMES.filter((name) => !("default" in variable[name]));
    expect(required).toEqual(["batch_image", "batch_name", "environment", "owner", "subnet_ids", "vpc_id"]);
  });

  test("keeps falsy defaults (0 and the empty string) instead of dropping them", () => {
    const { variable } = synth(optIn(S3_TRIGGER)).tf;
    expect(variable.min_vcpus.default).toBe(0);
    expect(variable.desired_vcpus.default).toBe(0);
    expect(variable.trigger_key_prefix.default).toBe("");
  });

  test("respects upstream's literal values as defaults of region and bucket_name", () => {
    const { variable } = synth().tf;
    expect(variable.region.default).toBe("eu-central-1");
    expect(variable.bucket_name.default).toBe("mybucket");
  });

  test("emits a list(string) type and a list default as Terraform reads them", () => {
    expect(synth().tf.variable.instance_type).toMatchObject({ type: "list(string)", default: ["m4"] });
  });
});

/** The props for a feature's variables, as BatchStack passes them when the feature is on. */
const optIn = (feature: (typeof FEATURES)[number]): BatchInputsProps => ({
  optInVariables: Object.entries(feature.variables).map(([name, variable]) => [name, variable.spec] as const),
});

describe("opt-in variables", () => {
  test.each(FEATURES.map((feature) => [Object.keys(feature.variables).join(", "), feature] as const))(
    "%s: declared with their specs, and nothing else",
    (_names, feature) => {
      const { variable } = synth(optIn(feature)).tf;
      expect(Object.keys(variable).sort()).toEqual([...Object.keys(MODULE_VARIABLES), ...Object.keys(feature.variables)].sort());
      for (const [name, { spec }] of Object.entries(feature.variables)) {
        expect(variable[name]).toEqual(asTerraform(spec));
      }
    },
  );

  test("a variable of a feature that is off is not declared, and asking for it is a bug the stack shows", () => {
    const { inputs } = synth();
    expect(inputs.declares("trigger_bucket_name")).toBe(false);
    expect(() => inputs.string("trigger_bucket_name")).toThrow("BatchInputs: variable trigger_bucket_name is not declared (its feature is off)");
  });

  test("an opt-in variable's accessors give its token", () => {
    const { output, inputs } = synth(optIn(S3_TRIGGER), (declared) => ({ bucket: declared.string("trigger_bucket_name") }));
    expect(inputs.declares("trigger_bucket_name")).toBe(true);
    expect(output("bucket")).toBe("${var.trigger_bucket_name}");
  });
});

describe("locals", () => {
  test("declares local.common_tags as upstream: environment, application, owner", () => {
    expect(synth().tf.locals.common_tags).toEqual({
      environment: "${var.environment}",
      application: "${var.application}",
      owner: "${var.owner}",
    });
  });

  test("declares local.ce_name as ce-<env>-<app>-batchs", () => {
    expect(synth().tf.locals.ce_name).toBe("ce-${var.environment}-${var.application}-batchs");
  });

  test("declares no other local", () => {
    expect(Object.keys(synth().tf.locals).sort()).toEqual(["ce_name", "common_tags"]);
  });

  test("commonTags and computeEnvironmentName refer to the locals, not copies of them", () => {
    const { output } = synth({}, (inputs) => ({ tags: inputs.commonTags, ce: inputs.computeEnvironmentName }));
    expect(output("tags")).toBe("${local.common_tags}");
    expect(output("ce")).toBe("${local.ce_name}");
  });
});

describe("accessors", () => {
  test("string, number and list give var.<name>", () => {
    const { output } = synth({}, (inputs) => ({
      s: inputs.string("vpc_id"),
      n: inputs.number("batch_memory"),
      l: inputs.list("subnet_ids"),
    }));
    expect(output("s")).toBe("${var.vpc_id}");
    expect(output("n")).toBe("${var.batch_memory}");
    expect(output("l")).toBe("${var.subnet_ids}");
  });

  test("tagsNamed merges {Name = name} before local.common_tags, as upstream", () => {
    const { output } = synth({}, (inputs) => ({ tags: inputs.tagsNamed("queue-x") }));
    expect(output("tags")).toBe('${merge({"Name" = "queue-x"}, local.common_tags)}');
  });

  test("tagsNamed accepts a token as the name", () => {
    const { output } = synth({}, (inputs) => ({ tags: inputs.tagsNamed(inputs.computeEnvironmentName) }));
    expect(output("tags")).toBe('${merge({"Name" = local.ce_name}, local.common_tags)}');
  });
});
