// Every file that becomes a stack's terraform.tfvars, checked at synth: a
// syntax error would surface only in Terraform Cloud, and a misspelled
// variable only as Terraform's "undeclared variable" warning while the
// default silently stays. Values stay Terraform's to validate.
import * as fs from "fs";
import { ConfigError } from "./errors";
import { closestName } from "./options-check";
import { firstJsonErrorOffset, lineOf } from "../templates/json-locator";
import { scanTfvarsNames } from "./tfvars-scan";
import { FEATURES } from "../features";

/** The variable names a tfvars file sets, or a ConfigError naming the file and line of its syntax error. */
export async function tfvarsNames(file: string, displayName: string): Promise<string[]> {
  const text = fs.readFileSync(file, "utf8");
  if (file.endsWith(".json")) {
    try {
      const values = JSON.parse(text);
      if (values === null || typeof values !== "object" || Array.isArray(values)) {
        throw new ConfigError(`${displayName}:1`, "a JSON variable file is one object of variable names", 'write {"environment": "prod", ...}');
      }
      return Object.keys(values);
    } catch (error) {
      if (error instanceof ConfigError) {
        throw error;
      }
      // Node's reason, without its position (the line says where) or the file's text.
      const reason = (error as Error).message.split("\n")[0].replace(/ in JSON at position \d+.*$/, "").replace(/, ".*" is not valid JSON$/, "");
      throw new ConfigError(`${displayName}:${lineOf(text, firstJsonErrorOffset(text))}`, `not valid JSON (${reason})`, "correct the JSON syntax there");
    }
  }
  // The usual file needs no parser; anything else gets the real one (WebAssembly, loaded on demand).
  const names = scanTfvarsNames(text);
  if (names) {
    return names;
  }
  const { parse } = await import("@cdktf/hcl2json");
  try {
    return Object.keys(await parse(displayName, text));
  } catch (error) {
    // hcl2json says "parse config: [<file>:<line>,<column>-<end>: <summary>; <detail> <file>:...]": the first is the one that matters.
    const message = String((error as Error).message ?? error);
    const match = /\[[^\]:]*?:(\d+),\d+[^:]*: (.*?)(?= [^ \]]+:\d+,\d+|\])/.exec(message);
    throw new ConfigError(
      `${displayName}${match ? `:${match[1]}` : ""}`,
      `not valid HCL (${match ? match[2].replace(/\.$/, "") : message})`,
      'write one `name = value` per line, strings in double quotes, lists in [ ], e.g. subnet_ids = ["subnet-0abc"]',
    );
  }
}

/** The option that declares an opt-in feature's variable, by the variable's name. */
const DECLARED_BY: ReadonlyMap<string, string> = new Map(
  FEATURES.flatMap((feature) =>
    Object.entries(feature.variables).flatMap(([name, variable]) => (variable.declaredBy ? [[name, variable.declaredBy] as const] : [])),
  ),
);

/** Refuses a variable the stack does not declare: Terraform would only warn, and use the default. */
export function checkDeclared(displayName: string, names: readonly string[], declared: readonly string[], text = ""): void {
  for (const name of names) {
    if (!declared.includes(name)) {
      // `name =` at a line's start (HCL), or `"name":` anywhere in it (JSON, also on one line).
      const line = text.split("\n").findIndex((candidate) => new RegExp(`^\\s*${name}\\s*=|(^|[\\s{,])"${name}"\\s*:`).test(candidate)) + 1;
      const where = `${displayName}${line > 0 ? `:${line}` : ""}: ${name}`;
      const option = DECLARED_BY.get(name);
      if (option) {
        throw new ConfigError(where, `the variable of an option that is off (${option}), so Terraform would ignore it`, `turn the option on in main.ts, or remove the value`);
      }
      const closest = closestName(name, declared);
      throw new ConfigError(
        where,
        "the stack declares no such variable, so Terraform would ignore the value and keep the default",
        closest ? `did you mean ${closest}?` : `remove it, or use one of ${declared.join(", ")}`,
      );
    }
  }
}
