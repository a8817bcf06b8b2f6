// The HCL output (`cdktf synth --hcl`, i.e. SYNTH_HCL_OUTPUT=true), repaired
// for this stack where cdktf 0.21's renderer gets it wrong.
import { Json, JsonObject, hclValue, isObject, quoteTemplates } from "./hcl-quote";
import { DefaultTokenResolver, StringConcat, TerraformElement, TerraformStack, TerraformVariable, Tokenization } from "cdktf";

// ---------------------------------------------------------------------------
// HCL output (`cdktf synth --hcl`, i.e. SYNTH_HCL_OUTPUT=true)
//
// cdktf 0.21 writes HCL with its own renderer (TerraformStack.toHclTerraform
// and node_modules/cdktf/lib/hcl/render.js), not from the JSON, and that
// renderer gets three things wrong that the JSON output gets right:
//
// 1. Stack overrides (`stack.addOverride`). toHclTerraform reads only their
//    `terraform` key, and renderTerraform prints the keys of it other than
//    required_providers, backend and cloud by handing the *array of key names*
//    to renderSimpleAttributes: `terraform.required_version` (batch-stack.ts)
//    comes out as `0 = "required_version"`, index and key name, its value lost.
//    Every other top-level key is dropped: the `check` blocks added above are
//    missing from the HCL.
// 2. Strings holding an interpolation. Its escapeQuotes() leaves a string alone
//    as soon as it contains `${` (it cannot tell the quotes of an expression
//    from those of the text), so a quote or backslash in the text ends or
//    breaks the HCL string: the variables' error messages
//    `region = "${var.region}" is not ...` come out unescaped (and hclwrite's
//    formatter, which the CLI runs next, spaces them out into `" $ { ... } "`).
// 3. Falsy variable attributes. TerraformVariable.synthesizeHclAttributes
//    keeps only attributes whose value is truthy: `default = 0` (min_vcpus),
//    `default = ""`, `default = null`, `nullable = false` vanish, and a
//    variable with a default becomes a required one.
//    (TerraformLocal values 0, false and "" vanish the same way in
//    renderLocals, which no fragment can avoid; this stack has none.)
//
// cdktf 0.21 has no way around these from the stack's side: no `check`
// construct (TerraformCheck does not exist), no required_version setting on
// TerraformStack, and the renderer is not pluggable. And the JSON output must
// not change, so the overrides stay exactly as they are (their order shows in
// the JSON's "//".metadata.overrides.stack). What is left is to wrap this
// stack's toHclTerraform (the HCL output only; toTerraform is untouched):
//
// - the stack's `terraform` override attributes are taken out while cdktf
//   renders, put back after it, and written into the terraform block here;
// - the `check` overrides are written here as check blocks;
// - every element's HCL fragment is resolved, and each one-line string with an
//   interpolation whose text needs escaping is handed to cdktf already escaped
//   for an HCL quoted string (cdktf prints such strings between quotes as they
//   are). Multi-line strings are left as they are: cdktf writes them as
//   heredocs, where quotes need no escaping;
// - a variable's fragment gets back the falsy attributes its JSON has, as plain
//   values (which cdktf prints as literals: 0, "", false, null).
//
// Any other stack override has no HCL rendering here, and the HCL output
// refuses it rather than silently dropping it as cdktf would.
// The wrap reads the stack's private `rawOverrides` (cdktf 0.21), and
// __tests__/hcl-output.test.ts checks the whole HCL output against the JSON.

/** The terraform block's nested blocks cdktf renders right; any other key of it is an attribute rendered here. */
const TERRAFORM_BLOCKS_CDKTF_RENDERS = ["required_providers", "backend", "cloud"];

/** Stack override keys the HCL output renders: `terraform` (with cdktf) and `check` (here). */
const STACK_OVERRIDES_RENDERED = ["terraform", "check"];


interface HclOutput {
  hcl: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  metadata: any;
}

const wrappedStacks = new WeakSet<TerraformStack>();

/** Makes the stack's HCL output render its stack overrides and interpolated strings right (see above). Idempotent. */
export function renderStackOverridesInHcl(stack: TerraformStack): void {
  if (wrappedStacks.has(stack)) {
    return;
  }
  wrappedStacks.add(stack);
  const cdktfRender = stack.toHclTerraform.bind(stack);
  stack.toHclTerraform = () => renderHcl(stack, () => cdktfRender() as HclOutput);
}

function renderHcl(stack: TerraformStack, cdktfRender: () => HclOutput): HclOutput {
  const overrides = rawOverridesOf(stack);
  const resolved = resolve(stack, overrides) as JsonObject;
  const unrendered = Object.keys(resolved).filter((key) => !STACK_OVERRIDES_RENDERED.includes(key));
  if (unrendered.length > 0) {
    throw new Error(
      `HCL output of stack '${stack.node.id}': cdktf 0.21 drops the stack override(s) ${unrendered.join(", ")} from HCL, ` +
        "and stacks/constructs/plan-checks.ts renders only terraform and check ones; synthesize JSON instead (without --hcl)",
    );
  }

  const terraformOverrides = isObject(overrides.terraform) ? (overrides.terraform as { [key: string]: unknown }) : undefined;
  const resolvedTerraform = isObject(resolved.terraform) ? (resolved.terraform as JsonObject) : {};
  const attributes = Object.keys(resolvedTerraform).filter((key) => !TERRAFORM_BLOCKS_CDKTF_RENDERS.includes(key));
  const savedTerraform = terraformOverrides ? { ...terraformOverrides } : undefined;
  const restoreElements = repairElementFragments(stack);
  let output: HclOutput;
  try {
    for (const key of attributes) {
      delete terraformOverrides?.[key];
    }
    output = cdktfRender();
  } finally {
    restoreElements();
    if (terraformOverrides && savedTerraform) {
      // Back in their order, so that nothing after (a JSON synth) sees a difference.
      for (const key of Object.keys(terraformOverrides)) {
        delete terraformOverrides[key];
      }
      Object.assign(terraformOverrides, savedTerraform);
    }
  }

  let hcl = output.hcl;
  if (attributes.length > 0) {
    const lines = attributes.map((key) => `  ${key} = ${hclValue(resolvedTerraform[key], `terraform.${key}`)}\n`).join("");
    hcl = hcl.startsWith("terraform {\n")
      ? `terraform {\n${lines}${hcl.slice("terraform {\n".length)}`
      : `terraform {\n${lines}}\n\n${hcl}`;
    const metadata = output.metadata ?? {};
    metadata.terraform = { ...(metadata.terraform ?? {}), ...Object.fromEntries(attributes.map((key) => [key, resolvedTerraform[key]])) };
    output = { ...output, metadata };
  }
  const checks = isObject(resolved.check) ? Object.entries(resolved.check as JsonObject) : [];
  if (checks.length > 0) {
    hcl = `${hcl.replace(/\n*$/, "")}\n\n${checks.map(([name, body]) => renderCheck(name, body)).join("\n\n")}\n`;
  }
  return { ...output, hcl };
}

/** The stack's addOverride values: a private field of TerraformStack in cdktf 0.21. */
function rawOverridesOf(stack: TerraformStack): { [key: string]: unknown } {
  const overrides = (stack as unknown as { rawOverrides?: unknown }).rawOverrides;
  if (!isObject(overrides)) {
    throw new Error("TerraformStack has no rawOverrides object: this cdktf is not 0.21, check stacks/constructs/plan-checks.ts");
  }
  return overrides as { [key: string]: unknown };
}

/**
 * For one cdktf render: every element of the stack returns its HCL fragment
 * resolved, repaired (variables) and with its interpolated strings escaped
 * for HCL. Returns the undo.
 */
function repairElementFragments(stack: TerraformStack): () => void {
  const elements = stack.node
    .findAll()
    .filter((node): node is TerraformElement => TerraformElement.isTerraformElement(node) && TerraformStack.of(node) === stack);
  const undo: (() => void)[] = [];
  for (const element of elements) {
    const own = Object.getOwnPropertyDescriptor(element, "toHclTerraform");
    const render = element.toHclTerraform;
    Object.defineProperty(element, "toHclTerraform", {
      configurable: true,
      writable: true,
      value: () => {
        const fragment = resolve(stack, render.call(element)) as JsonObject;
        if (element instanceof TerraformVariable) {
          restoreFalsyAttributes(fragment, resolve(stack, element.toTerraform()) as JsonObject);
        }
        return quoteTemplates(fragment);
      },
    });
    undo.push(() => (own ? Object.defineProperty(element, "toHclTerraform", own) : delete (element as unknown as { toHclTerraform?: unknown }).toHclTerraform));
  }
  return () => undo.forEach((step) => step());
}

/** Variable attributes cdktf leaves out of HCL when their value is falsy. */
const VARIABLE_ATTRIBUTES_KEPT_IF_FALSY = ["default", "description", "sensitive", "nullable"];

/** Puts the variable attributes of `json` (its JSON fragment) that cdktf left out of its HCL `fragment` back into it. */
function restoreFalsyAttributes(fragment: JsonObject, json: JsonObject): void {
  for (const [name, attributes] of Object.entries((json.variable ?? {}) as JsonObject)) {
    const hclAttributes = ((fragment.variable ?? {}) as JsonObject)[name] as JsonObject | undefined;
    if (!hclAttributes || !isObject(attributes)) {
      continue;
    }
    for (const key of VARIABLE_ATTRIBUTES_KEPT_IF_FALSY) {
      const value = (attributes as JsonObject)[key];
      if (value !== undefined && !value && !(key in hclAttributes)) {
        hclAttributes[key] = value;
      }
    }
  }
}

/** A `check` block, its `assert` blocks holding attributes only (no scoped data source). */
function renderCheck(name: string, body: Json): string {
  if (!isObject(body)) {
    throw new Error(`HCL output: check.${name} is not a block`);
  }
  const lines: string[] = [];
  for (const [key, value] of Object.entries(body as JsonObject)) {
    if (key !== "assert") {
      throw new Error(`HCL output: check.${name}.${key}: only assert blocks are rendered in HCL`);
    }
    for (const assert of Array.isArray(value) ? value : [value]) {
      if (!isObject(assert)) {
        throw new Error(`HCL output: check.${name}.assert is not a block`);
      }
      lines.push("  assert {");
      for (const [attribute, attributeValue] of Object.entries(assert as JsonObject)) {
        lines.push(`    ${attribute} = ${hclValue(attributeValue, `check.${name}.assert.${attribute}`)}`);
      }
      lines.push("  }");
    }
  }
  return [`check "${name}" {`, ...lines, "}"].join("\n");
}

function resolve(stack: TerraformStack, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
}

