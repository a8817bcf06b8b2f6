import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { BatchInputs, BatchInputsProps } from "../../stacks/constructs/inputs";
import { ON_DEMAND_VARIABLES, SECRET_VARIABLES, TRIGGER_VARIABLES } from "../../stacks/constructs/opt-in-variables";
import { MODULE_VARIABLES, VariableSpec } from "../../stacks/constructs/variables";
import { synthJson } from "./helpers";

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
    const { variable } = synth({ s3Trigger: true }).tf;
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

describe("opt-in variables", () => {
  test.each([
    ["onDemandFallback", ON_DEMAND_VARIABLES],
    ["s3Trigger", TRIGGER_VARIABLES],
    ["templateSecret", SECRET_VARIABLES],
  ] as const)("%s declares its variables with their specs, and nothing else", (feature, specs) => {
    const { variable } = synth({ [feature]: true }).tf;
    expect(Object.keys(variable).sort()).toEqual([...MODULE_NAMES, ...Object.keys(specs)].sort());
    for (const [name, spec] of Object.entries(specs)) {
      expect(variable[name]).toEqual(asTerraform(spec));
    }
  });

  test.each(["onDemandFallback", "s3Trigger", "templateSecret"] as const)("%s: false declares none of its variables", (feature) => {
    expect(Object.keys(synth({ [feature]: false }).tf.variable).sort()).toEqual(MODULE_NAMES);
  });

  test("leaves onDemand, trigger and secretName undefined by default", () => {
    const { inputs } = synth();
    expect(inputs.onDemand).toBeUndefined();
    expect(inputs.trigger).toBeUndefined();
    expect(inputs.secretName).toBeUndefined();
  });

  test("onDemand holds the On-Demand variables' tokens", () => {
    const { output } = synth({ onDemandFallback: true }, (inputs) => ({
      max: inputs.onDemand!.maxVcpus,
      min: inputs.onDemand!.minVcpus,
    }));
    expect(output("max")).toBe("${var.on_demand_max_vcpus}");
    expect(output("min")).toBe("${var.on_demand_min_vcpus}");
  });

  test("trigger holds the trigger variables' tokens", () => {
    const { output } = synth({ s3Trigger: true }, (inputs) => ({ ...inputs.trigger! }));
    expect(output("bucketName")).toBe("${var.trigger_bucket_name}");
    expect(output("keyPrefix")).toBe("${var.trigger_key_prefix}");
    expect(output("keySuffix")).toBe("${var.trigger_key_suffix}");
  });

  test("secretName is var.rds_password_secret_name", () => {
    const { output } = synth({ templateSecret: true }, (inputs) => ({ secret: inputs.secretName }));
    expect(output("secret")).toBe("${var.rds_password_secret_name}");
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
