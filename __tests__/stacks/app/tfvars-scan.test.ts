// The quick reading of usual tfvars files: the names when sure, undefined
// (the real HCL parser decides) otherwise. Each case is also parsed by
// @cdktf/hcl2json, the parser it stands in for, so the two never disagree.
import { parse } from "@cdktf/hcl2json";
import * as fs from "fs";
import * as path from "path";
import { scanTfvarsNames } from "../../../stacks/app/tfvars-scan";
import { PROJECT_DIR } from "../../support/stack";

const USUAL: [string, string][] = [
  ["upstream's terraform.tfvars", fs.readFileSync(path.join(PROJECT_DIR, "terraform.tfvars"), "utf8")],
  ["comments of every kind", '# a\n// b\n/* c\n d */\nenvironment = "test" # trailing\n'],
  ["lists over lines, trailing comma", 'subnet_ids = [\n  "a", # first\n  "b",\n]\n'],
  ["maps with = and :, commas or newlines", 'tags = { a = "1", "b-c": "2"\n  d = 3 }\nempty = {}\n'],
  ["numbers, booleans, null", "max_vcpus = 16\nbid = 50.5\nexp = 1e3\nneg = -1\non = true\noff = false\nnothing = null\n"],
  ["a heredoc", 'policy = <<EOF\n{"a": "b"}\nEOF\nafter = 1\n'],
  ["escapes in strings", 'a = "q\\"uote \\\\ back"\n'],
  ["an empty file", ""],
];

const NOT_SURE: [string, string][] = [
  ["an expression", "a = 1 + 2\n"],
  ["a function call", 'a = upper("x")\n'],
  ["an interpolation", 'a = "${x}"\n'],
  ["a syntax error", 'a = ["x"\nb = 1\n'],
  ["two values on a line", "a = 1 b = 2\n"],
  ["a block", 'resource "x" "y" {}\n'],
];

test.each(USUAL)("%s: the names, as the HCL parser reads them", async (_case, text) => {
  expect(scanTfvarsNames(text)?.sort()).toEqual(Object.keys(await parse("x.tfvars", text)).sort());
});

test.each(NOT_SURE)("%s: not sure, so the HCL parser decides", (_case, text) => {
  expect(scanTfvarsNames(text)).toBeUndefined();
});
