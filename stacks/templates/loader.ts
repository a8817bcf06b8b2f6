// Reads the templates of `job-definitions/` and checks each against the
// contract at synth time, so that a broken template fails `cdktf synth` with
// the file and line instead of failing a plan or an apply.
import * as fs from "fs";
import * as path from "path";
import {
  JobLevelValue,
  JobTemplate,
  JOB_LEVEL_KEYS,
  SECRET_ARN_VARIABLE,
  TEMPLATE_VARIABLES,
} from "./contract";
import { CONTAINER_PROPERTY_KEYS } from "./container-properties";
import { firstJsonErrorOffset, lineOf } from "./json-locator";
import { describeGoType, readAsContainerProperties, TypeMismatch } from "./type-check";
import { Placeholder, render, sampleValue } from "./render";
import { TemplateError } from "./template-error";

export { TemplateError } from "./template-error";

/**
 * The longest template name: `jdef-<env>-<app>-<name>` must fit AWS Batch's
 * 128 characters with environment and application of one character at least
 * (longer ones are the job definition's precondition's to refuse, at plan).
 */
export const MAX_TEMPLATE_NAME_LENGTH = 128 - "jdef-e-a-".length;

// The contract's types, where the loader's users look for them.
export type { JobLevelValue, JobTemplate } from "./contract";

/** Reads and checks one template: its variables, its JSON once rendered, its keys. */
export function loadTemplate(sourcePath: string, displayPath: string): JobTemplate {
  const text = fs.readFileSync(sourcePath, "utf8");
  const fileName = path.basename(sourcePath);
  if (text.trim() === "") {
    throw new TemplateError(displayPath, 1, "the file is empty", "write the job's container properties as one JSON object (see job-definitions/functionaltest.json)");
  }
  if (text.startsWith("\uFEFF")) {
    throw new TemplateError(
      displayPath,
      1,
      "the file starts with a byte-order mark (BOM), which templatefile passes on and JSON does not allow",
      "save the file as UTF-8 without a BOM",
    );
  }
  const directive = /(^|[^%])%\{/.exec(text);
  if (directive) {
    throw new TemplateError(
      displayPath,
      lineOf(text, directive.index + directive[1].length),
      "template directives (%{ ... }) are not supported in job-definition templates",
      "write plain JSON with ${VARIABLE} placeholders; escape a literal %{ as %%{",
    );
  }

  const { rendered, placeholders } = render(text, displayPath);
  const used = new Set(placeholders.map((placeholder) => placeholder.variable));

  let sample: unknown;
  try {
    sample = JSON.parse(rendered);
  } catch (error) {
    // Node's message has no position for every error; find it ourselves, and say it without the samples.
    const offset = firstJsonErrorOffset(rendered);
    const inPlaceholder = placeholders.find((placeholder) => offset >= placeholder.start && offset < placeholder.end);
    if (inPlaceholder) {
      throw new TemplateError(
        displayPath,
        lineOf(rendered, offset),
        `\${${inPlaceholder.variable}} is a string, and it stands here without quotes`,
        `write "\${${inPlaceholder.variable}}" in quotes`,
      );
    }
    throw new TemplateError(
      displayPath,
      lineOf(rendered, offset),
      `not valid JSON (${describeJsonError(error as Error)})`,
      "check for a trailing comma, a missing comma, or a missing quote",
    );
  }
  if (typeof sample !== "object" || sample === null || Array.isArray(sample)) {
    throw new TemplateError(displayPath, 1, "the template is not a JSON object", "write the container properties as one JSON object");
  }
  const reading = readAsContainerProperties(rendered);
  const [mismatch] = reading.mismatches;
  if (mismatch) {
    throw typeMismatchError(mismatch, rendered, placeholders, displayPath);
  }
  const properties = sample as { [key: string]: unknown };
  const warnings: string[] = [];
  const jobLevelKeys: string[] = [];
  for (const dropped of reading.dropped) {
    if (dropped.topLevel && JOB_LEVEL_KEYS.includes(dropped.key)) {
      jobLevelKeys.push(dropped.key);
    } else {
      // The provider's decoding skips it (no field of that name): the module works, without it.
      warnings.push(
        `${displayPath}:${lineOf(rendered, dropped.offset)}: "${unsampled(dropped.path)}" is not an AWS Batch container property, so the provider drops it` +
          (dropped.topLevel ? ` (the properties are ${CONTAINER_PROPERTY_KEYS.join(", ")})` : ""),
      );
    }
  }
  for (const repeated of reading.repeated) {
    warnings.push(
      `${displayPath}:${lineOf(rendered, repeated.offset)}: "${unsampled(repeated.path)}" sets a property written before it in the same object, and only the last one counts`,
    );
  }
  const members = reading.members;
  const jobLevel: { [key: string]: JobLevelValue } = {};
  for (const member of members.filter((candidate) => jobLevelKeys.includes(candidate.key))) {
    const inside = placeholders.filter((placeholder) => placeholder.start >= member.valueStart && placeholder.end <= member.valueEnd);
    jobLevel[member.key] = {
      value: properties[member.key],
      variables: [...new Set(inside.map((placeholder) => placeholder.variable))],
      line: lineOf(rendered, member.keyOffset),
    };
  }

  const usesSecret = used.has(SECRET_ARN_VARIABLE);
  if (usesSecret) {
    checkSecretOnlyAsValueFrom(rendered, placeholders, displayPath, properties);
  }

  return {
    name: fileName.replace(/\.json$/, ""),
    fileName,
    sourcePath,
    variables: [...used].sort(),
    sample: properties,
    jobLevelKeys,
    jobLevel,
    usesSecret,
    warnings,
  };
}

/**
 * A value the provider could not decode into its position's type, said in the
 * template's terms: a number variable in quotes where AWS Batch wants a
 * number, one without quotes where it wants a string, or any other value.
 */
function typeMismatchError(mismatch: TypeMismatch, rendered: string, placeholders: readonly Placeholder[], displayPath: string): TemplateError {
  const line = lineOf(rendered, mismatch.offset);
  const end = mismatch.offset + mismatch.length;
  const quoted = placeholders.find((placeholder) => placeholder.start === mismatch.offset + 1 && placeholder.end === end - 1);
  const bare = placeholders.find((placeholder) => placeholder.start === mismatch.offset && placeholder.end === end);
  const path = unsampled(mismatch.path);
  const expected = describeGoType(mismatch.expected);
  if (quoted && mismatch.found === "string" && TEMPLATE_VARIABLES[quoted.variable as keyof typeof TEMPLATE_VARIABLES] === "number") {
    return new TemplateError(
      displayPath,
      line,
      `"\${${quoted.variable}}" is quoted, so ${path} would be a string where AWS Batch wants ${expected} (the provider refuses the job definition)`,
      `write \${${quoted.variable}} without the quotes`,
    );
  }
  if (bare && mismatch.found === "number") {
    return new TemplateError(
      displayPath,
      line,
      `\${${bare.variable}} stands here without quotes, so ${path} would be a number where AWS Batch wants ${expected} (the provider refuses the job definition)`,
      `write "\${${bare.variable}}" in quotes`,
    );
  }
  const found = mismatch.literal !== undefined ? `the number ${mismatch.literal}` : `${mismatch.found === "array" || mismatch.found === "object" ? "an" : "a"} ${mismatch.found === "bool" ? "boolean" : mismatch.found}`;
  return new TemplateError(
    displayPath,
    line,
    `${path} is ${found}, where AWS Batch's container properties take ${expected}, so the provider would refuse the job definition at plan`,
    `write ${expected} there`,
  );
}

/** A string sample as the placeholder the user wrote. */
function unsampled(text: string): string {
  return text.replace(/sample-([A-Z_]+)/g, (_match, name: string) => `\${${name}}`);
}

/** Node's JSON error, without its position (we give the line) and with samples back as placeholders. */
function describeJsonError(error: Error): string {
  return unsampled(error.message.split("\n")[0].replace(/ in JSON at position \d+.*$/, "").replace(/, ".*" is not valid JSON$/, ""));
}

/** A secret's ARN may only be a `secrets[].valueFrom`, which ECS resolves at start. */
function checkSecretOnlyAsValueFrom(
  rendered: string,
  placeholders: readonly Placeholder[],
  displayPath: string,
  properties: { [key: string]: unknown },
): void {
  const marker = sampleValue(SECRET_ARN_VARIABLE);
  const allowed = new Set<unknown>();
  if (Array.isArray(properties.secrets)) {
    for (const secret of properties.secrets) {
      if (secret && typeof secret === "object" && (secret as { valueFrom?: unknown }).valueFrom === marker) {
        allowed.add(secret);
      }
    }
  }
  const misplaced = (value: unknown, parent: unknown): boolean => {
    if (typeof value === "string") {
      return value.includes(marker) && !(allowed.has(parent) && value === marker);
    }
    if (value && typeof value === "object") {
      return Object.values(value).some((child) => misplaced(child, value));
    }
    return false;
  };
  if (Object.values(properties).some((value) => misplaced(value, properties))) {
    // The line of the first use that is not a whole `"valueFrom": "${...}"`.
    const first = placeholders.find(
      (placeholder) =>
        placeholder.variable === SECRET_ARN_VARIABLE &&
        !(/"valueFrom"\s*:\s*"$/.test(rendered.slice(0, placeholder.start)) && rendered[placeholder.end] === '"'),
    );
    throw new TemplateError(
      displayPath,
      lineOf(rendered, (first ?? placeholders.find((placeholder) => placeholder.variable === SECRET_ARN_VARIABLE)!).start),
      `\${${SECRET_ARN_VARIABLE}} is used outside a secrets[].valueFrom, which would expose the secret's ARN as plain configuration`,
      `use it only as "secrets": [{"name": "MY_PASSWORD", "valueFrom": "\${${SECRET_ARN_VARIABLE}}"}]`,
    );
  }
}
