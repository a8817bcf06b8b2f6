// The hashicorp/aws schema, read by code from the installed @cdktf/provider-aws
// bindings (generated from that provider's own schema). Each binding's
// TypeScript source, kept in its source map, states for every attribute
// `// name - computed: …, optional: …, required: …`; its HCL synthesis states
// whether an input is a block, its collection kind and its element type; the
// getters of computed-only attributes state their types.
import * as fs from "fs";
import * as path from "path";
import { Attribute, Block, CtyType, NestedBlock, impliedType } from "../protocol/cty";
import { RESOURCE_FACTS } from "./index";

export const PROVIDER_VERSION: string = JSON.parse(
  fs.readFileSync(require.resolve("@cdktf/provider-aws/package.json"), "utf8"),
).cdktf.provider.version;

const BINDINGS = path.join(path.dirname(require.resolve("@cdktf/provider-aws/package.json")), "lib");

export interface ProviderSchema {
  readonly providerVersion: string;
  readonly provider: Block;
  readonly resources: { readonly [type: string]: Block };
  readonly dataSources: { readonly [type: string]: Block };
}

/** The bindings folder of a resource type (`aws_batch_job_queue`: `batch-job-queue`) or data source (`aws_region`: `data-aws-region`). */
export function bindingName(kind: "resource" | "data", type: string): string {
  const stem = type.replace(/^aws_/, "").replace(/_/g, "-");
  return kind === "data" ? `data-aws-${stem}` : stem;
}

/** The schema of the provider and of the resources and data sources in the given bindings folders. */
export function deriveSchema(bindingNames: readonly string[]): ProviderSchema {
  const provider = readBinding("provider").mainBlock();
  const resources: { [type: string]: Block } = {};
  const dataSources: { [type: string]: Block } = {};
  for (const name of new Set(bindingNames)) {
    if (name === "provider") {
      continue;
    }
    const binding = readBinding(name);
    const block = binding.mainBlock();
    if (binding.isDataSource) {
      dataSources[binding.terraformType] = block;
    } else {
      resources[binding.terraformType] = withAttributesAsBlocks(block, RESOURCE_FACTS[binding.terraformType]?.attributesAsBlocks ?? []);
    }
  }
  return {
    providerVersion: PROVIDER_VERSION,
    // `alias` is a meta-argument the binding carries; the provider's schema has no such attribute.
    provider: { ...provider, attributes: provider.attributes.filter((attribute) => attribute.name !== "alias") },
    resources,
    dataSources,
  };
}

function readBinding(name: string): BindingSource {
  const file = path.join(BINDINGS, name, "index.js");
  if (!fs.existsSync(file)) {
    throw new Error(
      `The stand-in provider has no schema for "${name}": @cdktf/provider-aws has no lib/${name}. ` +
        "Only hashicorp/aws resources and data sources can be served.",
    );
  }
  const compiled = fs.readFileSync(file, "utf8");
  const map = /sourceMappingURL=data:application\/json;base64,(\S+)\s*$/.exec(compiled);
  if (!map) {
    throw new Error(`${file} has no inline source map, so its attribute flags cannot be read.`);
  }
  const sourceMap = JSON.parse(Buffer.from(map[1], "base64").toString("utf8"));
  return new BindingSource(name, sourceMap.sourcesContent[0]);
}

interface Flags {
  readonly name: string;
  readonly computed: boolean;
  readonly optional: boolean;
  readonly required: boolean;
  /** The binding's code for this attribute, up to the next one. */
  readonly code: string;
}

interface HclInput {
  readonly isBlock: boolean;
  readonly kind: "simple" | "list" | "set" | "map" | "struct";
  readonly storageClassType: string;
}

const FLAGS = /^ {2}\/\/ (\w+) - computed: (true|false), optional: (true|false), required: (true|false)$/gm;
const HCL_INPUT = /^ *(\w+): \{\n\s*value: .*\n\s*isBlock: (true|false),\n\s*type: "(\w+)",\n\s*storageClassType: "(\w+)",/gm;

class BindingSource {
  public readonly terraformType: string;
  public readonly isDataSource: boolean;
  private readonly mainClass: string;

  constructor(
    private readonly name: string,
    private readonly source: string,
  ) {
    const main = /^export class (\w+) extends cdktf\.Terraform(Resource|DataSource|Provider) \{/m.exec(source);
    if (!main) {
      throw new Error(`lib/${name}: no resource, data source or provider class found.`);
    }
    this.mainClass = main[1];
    this.isDataSource = main[2] === "DataSource";
    this.terraformType = /tfResourceType = "(\w+)"/.exec(source)?.[1] ?? "";
  }

  mainBlock(): Block {
    const body = this.section(`export class ${this.mainClass} `);
    const synthesis = body.slice(body.indexOf("synthesizeHclAttributes"));
    return this.block(body, synthesis);
  }

  private block(flagsSource: string, hclSource: string): Block {
    const inputs = parseInputs(hclSource);
    const attributes: Attribute[] = [];
    const blockTypes: NestedBlock[] = [];
    // The provider's own nested blocks are plain interfaces with no flags: all their arguments are optional.
    const allFlags = flagsSource
      ? parseFlags(flagsSource)
      : [...inputs.keys()].map((name) => ({ name, computed: false, optional: true, required: false, code: "" }));
    for (const flags of allFlags) {
      const input = inputs.get(flags.name);
      if (input?.isBlock) {
        blockTypes.push(this.nestedBlock(flags, input));
        continue;
      }
      const type = input ? this.inputType(input) : this.getterType(flags);
      attributes.push({
        name: flags.name,
        type,
        required: flags.required,
        optional: flags.optional,
        computed: flags.computed,
      });
    }
    return { attributes, blockTypes };
  }

  private nestedBlock(flags: Flags, input: HclInput): NestedBlock {
    const struct = structName(input.storageClassType, input.kind);
    const block = this.block(this.outputReference(struct), this.section(`export function ${lowerFirst(struct)}ToHclTerraform(`));
    const nesting = input.kind === "struct" ? "single" : input.kind;
    if (nesting === "simple") {
      throw new Error(`lib/${this.name}: block ${flags.name} has no collection kind.`);
    }
    const singleItemList = nesting === "list" && this.isSingleItemList(struct);
    return {
      typeName: flags.name,
      nesting,
      minItems: flags.required ? 1 : 0,
      maxItems: singleItemList ? 1 : 0,
      block,
    };
  }

  private inputType(input: HclInput): CtyType {
    if (/^(string|number|boolean)(List|Map)*$/.test(input.storageClassType)) {
      const type = scalarType(input.storageClassType);
      return input.kind === "set" && Array.isArray(type) ? ["set", type[1]] : type;
    }
    // A nested attribute (not a block) of objects.
    const struct = structName(input.storageClassType, input.kind);
    const element = this.objectType(struct);
    if (input.kind === "struct") {
      return element;
    }
    if (input.kind === "simple") {
      throw new Error(`lib/${this.name}: ${input.storageClassType} has no collection kind.`);
    }
    return [input.kind, element];
  }

  /** The type of an attribute from the getter that reads it (computed-only attributes). */
  private getterType(flags: Flags): CtyType {
    const code = flags.code;
    const complex = /new (\w+?)(List|Map|OutputReference)\(this, "\w+"(?:, (true|false))?\)/.exec(code);
    if (complex) {
      const [, struct, wrapper, isSet] = complex;
      const element = this.objectType(struct);
      if (wrapper === "List") {
        return [isSet === "true" ? "set" : "list", element];
      }
      if (wrapper === "Map") {
        return ["map", element];
      }
      return this.isSingleItemList(struct) ? ["list", element] : element;
    }
    const scalarMap = /new cdktf\.(String|Number|Boolean|Any)Map\(/.exec(code);
    if (scalarMap) {
      return ["map", scalarMap[1] === "Any" ? "dynamic" : scalarType(lowerFirst(scalarMap[1]))];
    }
    const getter = /this\.get(String|Number|Boolean)(List|Map)?Attribute\(/.exec(code) ?? /this\.get(List)Attribute\(/.exec(code);
    if (getter) {
      const [, base, collection] = getter;
      const element: CtyType = base === "List" ? "string" : scalarType(lowerFirst(base));
      const kind = base === "List" ? "List" : collection;
      if (!kind) {
        return element;
      }
      if (kind === "Map") {
        return ["map", element];
      }
      return [code.includes("cdktf.Fn.tolist(") ? "set" : "list", element];
    }
    if (code.includes("interpolationForAttribute(")) {
      return "dynamic";
    }
    throw new Error(`lib/${this.name}: cannot tell the type of computed attribute ${flags.name}.`);
  }

  private objectType(struct: string): CtyType {
    return impliedType(
      this.block(this.outputReference(struct), this.optionalSection(`export function ${lowerFirst(struct)}ToHclTerraform(`)),
    );
  }

  /** A block of at most one item is a list in the schema; its binding reads item 0 (`super(…, false, 0)`). */
  private isSingleItemList(struct: string): boolean {
    return /super\(terraformResource, terraformAttribute, false, 0\);/.test(this.outputReference(struct));
  }

  private outputReference(struct: string): string {
    return this.optionalSection(`export class ${struct}OutputReference `);
  }

  private section(start: string): string {
    const found = this.optionalSection(start);
    if (!found) {
      throw new Error(`lib/${this.name}: "${start.trim()}" not found.`);
    }
    return found;
  }

  private optionalSection(start: string): string {
    const from = this.source.indexOf(start);
    if (from < 0) {
      return "";
    }
    const to = this.source.indexOf("\n}\n", from);
    return this.source.slice(from, to < 0 ? undefined : to);
  }
}

function parseFlags(source: string): Flags[] {
  const matches = [...source.matchAll(FLAGS)];
  return matches.map((match, index) => ({
    name: match[1],
    computed: match[2] === "true",
    optional: match[3] === "true",
    required: match[4] === "true",
    code: source.slice(match.index! + match[0].length, matches[index + 1]?.index ?? source.length),
  }));
}

function parseInputs(source: string): Map<string, HclInput> {
  const inputs = new Map<string, HclInput>();
  for (const match of source.matchAll(HCL_INPUT)) {
    inputs.set(match[1], {
      isBlock: match[2] === "true",
      kind: match[3] as HclInput["kind"],
      storageClassType: match[4],
    });
  }
  return inputs;
}

function scalarType(storageClassType: string): CtyType {
  const collection = /^(.+)(List|Map)$/.exec(storageClassType);
  if (collection) {
    return [collection[2] === "List" ? "list" : "map", scalarType(collection[1])];
  }
  const scalar: { [name: string]: CtyType } = { string: "string", number: "number", boolean: "bool" };
  if (!(storageClassType in scalar)) {
    throw new Error(`unknown scalar storage class ${storageClassType}`);
  }
  return scalar[storageClassType];
}

function structName(storageClassType: string, kind: HclInput["kind"]): string {
  if (kind === "list" || kind === "set") {
    return storageClassType.replace(/List$/, "");
  }
  if (kind === "map") {
    return storageClassType.replace(/Map$/, "");
  }
  return storageClassType;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * The bindings give every nested object a block; SDKv2's CoreConfigSchema
 * makes a `ConfigMode: SchemaConfigModeAttr` one an attribute (Optional +
 * Computed, a list or set of objects), so `egress = []` is valid and clears it.
 */
function withAttributesAsBlocks(block: Block, names: readonly string[]): Block {
  const converted = block.blockTypes.filter((nested) => names.includes(nested.typeName));
  if (converted.length === 0) {
    return block;
  }
  return {
    attributes: [
      ...block.attributes,
      ...converted.map((nested) => ({
        name: nested.typeName,
        type: [nested.nesting === "set" ? "set" : "list", impliedType(nested.block)] as CtyType,
        optional: true,
        computed: true,
      })),
    ],
    blockTypes: block.blockTypes.filter((nested) => !names.includes(nested.typeName)),
  };
}
