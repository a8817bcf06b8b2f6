// `cdktf synth --hcl` does not translate the JSON: cdktf renders HCL from
// fragments of its own (TerraformStack.toHclTerraform), and that renderer once
// wrote `0 = "required_version"`, no check blocks and unescaped error messages
// for this stack (see stacks/constructs/plan-checks.ts). This synthesizes the
// default stack both ways, in-process, parses the HCL with @cdktf/hcl2json (as
// cdktf writes it, and as the CLI writes it after formatting it with
// @cdktf/hcl-tools), and checks that it means what the JSON says.
import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { parse } from "@cdktf/hcl2json";
// The formatter `cdktf synth --hcl` runs on the file (hclwrite.Format), from cdktf-cli's dependencies.
import { format } from "@cdktf/hcl-tools";
import { BatchStack } from "../stacks/batch-stack";
import { PlanChecks, PLAN_CHECKS } from "../stacks/constructs/plan-checks";
import { hclQuotedTemplate } from "../stacks/hcl-quote";
import { PROJECT_DIR, tempDir } from "./support";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tf = any;

/**
 * The default stack ("batch", this repository's files) as `cdktf synth` writes
 * it: cdk.tf.json, or with SYNTH_HCL_OUTPUT=true (what `--hcl` sets for the
 * app) cdk.tf, before the CLI formats it. The App reads the variable for its
 * manifest and the stack's synthesizer for what it writes, both when they are
 * constructed (App's own hclOutput option changes the file name only), so it
 * is set around the whole synthesis.
 */
function synthesize(hcl: boolean): string {
  const outdir = tempDir(hcl ? "batch-hcl-" : "batch-json-");
  const saved = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = hcl ? "true" : "false";
  try {
    const app = new App({ outdir, skipValidation: true, hclOutput: hcl });
    new BatchStack(app, "batch", { projectDir: PROJECT_DIR });
    app.synth();
  } finally {
    if (saved === undefined) {
      delete process.env.SYNTH_HCL_OUTPUT;
    } else {
      process.env.SYNTH_HCL_OUTPUT = saved;
    }
  }
  return fs.readFileSync(path.join(outdir, "stacks", "batch", hcl ? "cdk.tf" : "cdk.tf.json"), "utf8");
}

// ---------------------------------------------------------------------------
// What a configuration means, the same for both syntaxes. hcl2json's result
// differs from the JSON synth in representation only, normalised here:

/** The one body of a block: hcl2json gives every block as a list of bodies (HCL may repeat a block), the JSON one object. */
function single(blocks: Tf, where: string): Tf {
  if (!Array.isArray(blocks) || blocks.length !== 1) {
    throw new Error(`${where}: expected one block in the HCL, found ${JSON.stringify(blocks)}`);
  }
  return blocks[0];
}

/** A bare expression: hcl2json writes an expression that is not a string template (a type, a traversal) as "${...}", the JSON holds it as is. */
function expression(value: Tf, where: string): string {
  const match = typeof value === "string" ? /^\$\{(.*)\}$/s.exec(value) : null;
  if (!match) {
    throw new Error(`${where}: expected an expression, found ${JSON.stringify(value)}`);
  }
  return match[1];
}

const mapValues = (object: Tf, fn: (value: Tf, key: string) => Tf): Tf =>
  object === undefined ? undefined : Object.fromEntries(Object.entries(object).map(([key, value]) => [key, fn(value, key)]));

const addresses = (byType: Tf, prefix = ""): string[] =>
  Object.entries(byType ?? {})
    .flatMap(([type, byName]) => Object.keys(byName as object).map((name) => `${prefix}${type}.${name}`))
    .sort();

/**
 * Whitespace inside interpolations, outside their string literals, dropped
 * (one space kept between two word characters): hclwrite's formatter spaces
 * expressions out (`["A","B"]` becomes `["A", "B"]`), which changes no meaning.
 * Literal text is left exactly as it is.
 */
function canonicalTemplate(text: string): string {
  return scanTemplate(text, 0, false)[0];
}

/** Template text from `from` to its end (or, in a quoted string inside an expression, to its closing quote). */
function scanTemplate(text: string, from: number, quoted: boolean): [string, number] {
  let out = "";
  let i = from;
  while (i < text.length) {
    if (quoted && text[i] === "\\") {
      out += text.slice(i, i + 2);
      i += 2;
    } else if (quoted && text[i] === '"') {
      return [out, i + 1];
    } else if (text.startsWith("$${", i) || text.startsWith("%%{", i)) {
      out += text.slice(i, i + 3);
      i += 3;
    } else if (text.startsWith("${", i) || text.startsWith("%{", i)) {
      const [inner, end] = scanExpression(text, i + 2);
      out += `${text.slice(i, i + 2)}${inner}}`;
      i = end;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return [out, i];
}

function scanExpression(text: string, from: number): [string, number] {
  let out = "";
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      let j = i;
      while (j < text.length && /\s/.test(text[j])) {
        j += 1;
      }
      if (/\w/.test(out.slice(-1)) && /\w/.test(text[j] ?? "")) {
        out += " ";
      }
      i = j;
    } else if (c === '"') {
      const [inner, end] = scanTemplate(text, i + 1, true);
      out += `"${inner}"`;
      i = end;
    } else {
      if (c === "{") {
        depth += 1;
      } else if (c === "}") {
        if (depth === 0) {
          return [out, i + 1];
        }
        depth -= 1;
      }
      out += c;
      i += 1;
    }
  }
  return [out, i];
}

const canonical = (value: Tf): Tf =>
  typeof value === "string"
    ? canonicalTemplate(value)
    : Array.isArray(value)
      ? value.map(canonical)
      : value !== null && typeof value === "object"
        ? mapValues(value, canonical)
        : value;

const SECTIONS = ["resources", "data sources", "terraform block", "providers", "variables", "checks", "outputs", "moved blocks", "locals"] as const;
type Section = (typeof SECTIONS)[number];
type Meaning = Record<Section, Tf>;

function jsonMeaning(tf: Tf): Meaning {
  return canonical({
    resources: addresses(tf.resource),
    "data sources": addresses(tf.data, "data."),
    "terraform block": tf.terraform,
    providers: tf.provider,
    variables: tf.variable,
    checks: tf.check,
    outputs: tf.output,
    "moved blocks": tf.moved,
    locals: tf.locals,
  });
}

function hclMeaning(hcl: Tf): Meaning {
  const terraform = single(hcl.terraform, "terraform");
  return canonical({
    resources: addresses(hcl.resource),
    "data sources": addresses(hcl.data, "data."),
    "terraform block": {
      ...terraform,
      // A block in HCL (a list of bodies), an object in JSON.
      required_providers: single(terraform.required_providers, "terraform.required_providers"),
      backend: mapValues(terraform.backend, (blocks, type) => single(blocks, `terraform.backend.${type}`)),
    },
    // A list of configurations in both (one per alias).
    providers: hcl.provider,
    variables: mapValues(hcl.variable, (blocks, name) => {
      const variable = single(blocks, `variable.${name}`);
      return variable.type === undefined ? variable : { ...variable, type: expression(variable.type, `variable.${name}.type`) };
    }),
    checks: mapValues(hcl.check, (blocks, name) => single(blocks, `check.${name}`)),
    outputs: mapValues(hcl.output, (blocks, name) => single(blocks, `output.${name}`)),
    // `from` and `to` are addresses (traversals), not strings.
    "moved blocks": hcl.moved?.map((moved: Tf, index: number) => ({
      ...moved,
      from: expression(moved.from, `moved[${index}].from`),
      to: expression(moved.to, `moved[${index}].to`),
    })),
    // HCL may split locals over several blocks; JSON has one object.
    locals: hcl.locals && Object.assign({}, ...hcl.locals),
  });
}

/**
 * Resources and data sources, attribute by attribute. Nested blocks are lists
 * in hcl2json's result, and objects or lists in the JSON synth: a list of one
 * object is taken as that object on both sides (which cannot tell one block
 * from a list attribute of one object, but the provider schema that could is
 * not at hand). cdktf's own "//" metadata is not configuration.
 */
function elementsMeaning(byType: Tf): Tf {
  const loose = (value: Tf): Tf =>
    Array.isArray(value)
      ? value.length === 1 && value[0] !== null && typeof value[0] === "object" && !Array.isArray(value[0])
        ? loose(value[0])
        : value.map(loose)
      : value !== null && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).filter(([key]) => key !== "//").map(([key, inner]) => [key, loose(inner)]))
        : value;
  return canonical(mapValues(byType, (byName) => mapValues(byName, loose)));
}

/**
 * cdktf writes a multi-line string as a heredoc, and a heredoc's value ends in
 * a newline the JSON string does not have. Accepted where the string is a JSON
 * document (the IAM policies here), which the AWS provider compares as JSON;
 * anywhere else the difference stays and fails the test.
 */
function withoutHeredocNewlines(hcl: Tf, json: Tf): Tf {
  if (typeof hcl === "string" && typeof json === "string") {
    const isJsonDocument = () => {
      try {
        JSON.parse(json);
        return true;
      } catch {
        return false;
      }
    };
    return json.includes("\n") && hcl === `${json}\n` && isJsonDocument() ? json : hcl;
  }
  if (Array.isArray(hcl) && Array.isArray(json)) {
    return hcl.map((item, index) => withoutHeredocNewlines(item, json[index]));
  }
  if (hcl !== null && typeof hcl === "object" && json !== null && typeof json === "object") {
    return mapValues(hcl, (inner, key) => withoutHeredocNewlines(inner, json[key]));
  }
  return hcl;
}

// ---------------------------------------------------------------------------

let json: Tf;
let rawHcl: string;
let parsed: { [form: string]: Tf };

beforeAll(async () => {
  json = JSON.parse(synthesize(false));
  rawHcl = synthesize(true);
  const formatted = await format(rawHcl);
  parsed = {
    "as cdktf writes it": await parse("cdk.tf", rawHcl),
    "as the CLI formats it": await parse("cdk.tf", formatted),
  };
});

test("the HCL carries none of the broken renderings", () => {
  expect(rawHcl).not.toMatch(/^\s*\d+ = /m);
  expect(rawHcl).toContain('required_version = ">= 1.5.0"');
  expect(rawHcl).toContain('error_message = "region = \\"${var.region}\\" is not an AWS region name');
  for (const check of PLAN_CHECKS) {
    expect(rawHcl).toContain(`check "${check.name}" {`);
  }
});

const FORMS = ["as cdktf writes it", "as the CLI formats it"];

describe.each(FORMS)("the HCL %s means the same as the JSON:", (form) => {
  test.each(SECTIONS)("%s", (section) => {
    const expected = jsonMeaning(json)[section];
    expect(expected).toBeDefined();
    expect(hclMeaning(parsed[form])[section]).toEqual(expected);
  });

  test.each(["resource", "data"])("%s blocks, attribute by attribute", (kind) => {
    const expected = elementsMeaning(json[kind]);
    expect(withoutHeredocNewlines(elementsMeaning(parsed[form][kind]), expected)).toEqual(expected);
  });

  test("and nothing else: the same top-level block types", () => {
    const kinds = (tf: Tf) => Object.keys(tf).filter((key) => key !== "//").sort();
    expect(kinds(parsed[form])).toEqual(kinds(json));
  });
});

test("the HCL's terraform block has required_version, and its checks their conditions and messages", () => {
  // As hcl2json gives it, not normalised: cdktf's HCL holds the strings as the JSON does.
  const hcl = parsed["as cdktf writes it"];
  const terraform = single(hcl.terraform, "terraform");
  expect(terraform.required_version).toBe(">= 1.5.0");
  expect(Object.keys(terraform).sort()).toEqual(["backend", "required_providers", "required_version"]);
  for (const check of PLAN_CHECKS) {
    expect(single(hcl.check[check.name], check.name)).toEqual({ assert: [{ condition: check.condition, error_message: check.errorMessage }] });
  }
  const allocationStrategy = single(hcl.variable.allocation_strategy, "variable.allocation_strategy");
  expect(allocationStrategy.validation[0].error_message).toMatch(/^allocation_strategy = "\$\{var\.allocation_strategy\}" is not/);
});

test("an HCL synth leaves the stack's JSON synth as it was", () => {
  const app = Testing.app();
  const stack = new BatchStack(app, "batch", { projectDir: PROJECT_DIR });
  const before = Testing.synth(stack);
  Testing.synthHcl(stack);
  expect(Testing.synth(stack)).toBe(before);
  fs.rmSync(app.outdir, { recursive: true, force: true });
});

test("a stack override the HCL output cannot render fails the HCL synth instead of vanishing from it", () => {
  const app = Testing.app();
  const stack = new BatchStack(app, "batch", { projectDir: PROJECT_DIR });
  stack.addOverride("removed", [{ from: "aws_instance.old" }]);
  expect(() => Testing.synthHcl(stack)).toThrow(/drops the stack override\(s\) removed from HCL/);
  fs.rmSync(app.outdir, { recursive: true, force: true });
});

test("PlanChecks alone, nested in a plain stack, gives the same check blocks in HCL as in JSON", async () => {
  const app = Testing.app();
  const stack = new TerraformStack(app, "stack");
  new PlanChecks(new Construct(stack, "nested"), "plan-checks");
  const hcl = await parse("cdk.tf", Testing.synthHcl(stack));
  expect(mapValues(hcl.check, (blocks, name) => single(blocks, `check.${name}`))).toEqual(JSON.parse(Testing.synth(stack)).check);
  fs.rmSync(app.outdir, { recursive: true, force: true });
});

test("falsy variable attributes, which cdktf leaves out of HCL, are there as in JSON", async () => {
  const app = Testing.app();
  const stack = new TerraformStack(app, "stack");
  new PlanChecks(stack, "plan-checks");
  new TerraformVariable(stack, "zero", { type: "number", default: 0, nullable: false, sensitive: false });
  new TerraformVariable(stack, "empty", { type: "string", default: "", description: "" });
  const hcl = await parse("cdk.tf", Testing.synthHcl(stack));
  const variables = mapValues(hcl.variable, (blocks, name) => {
    const variable = single(blocks, `variable.${name}`);
    return { ...variable, type: expression(variable.type, `variable.${name}.type`) };
  });
  expect(variables).toEqual(JSON.parse(Testing.synth(stack)).variable);
  expect(variables.zero).toEqual({ type: "number", default: 0, nullable: false, sensitive: false });
  fs.rmSync(app.outdir, { recursive: true, force: true });
});

// hcl2json gives a quoted template back as JSON syntax writes it, so each of
// these must come back unchanged from `"<hclQuotedTemplate(template)>"`.
test.each([
  'a = "${var.a}" b',
  "back\\slash ${var.x}",
  '${contains(["a", "b"], var.x)} "q"',
  '${replace(var.y, "\\"", "\'")} and "outer"',
  '$${not.interpolated} "q" ${var.z}',
  '100%% and %{if var.b}"yes"%{else}"no"%{endif}',
  '${merge({ "k" = "}" }, var.m)} "after a brace in a string"',
  "tab\t${var.x}",
  'line1\n"line2" ${var.x}',
  '$$${var.x} "q"',
])("hclQuotedTemplate(%j) is the same template in an HCL quoted string", async (template) => {
  const parsedTemplate = await parse("t.tf", `locals {\n  x = "${hclQuotedTemplate(template)}"\n}\n`);
  expect(parsedTemplate.locals[0].x).toBe(template);
});
