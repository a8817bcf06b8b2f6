// Reads the templates of `job-definitions/` and checks each against the
// contract at synth time, so that a broken template fails `cdktf synth` with
// the file and line instead of failing a plan or an apply.
import * as fs from "fs";
import * as path from "path";
import {
  CONTAINER_PROPERTY_KEYS,
  JobLevelValue,
  JobTemplate,
  JOB_LEVEL_KEYS,
  PRIMARY_TEMPLATE,
  SECRET_ARN_VARIABLE,
  TEMPLATE_FOLDER,
  TEMPLATE_VARIABLES,
  TemplateVariable,
  UPSTREAM_TEMPLATE_FOLDER,
} from "./contract";
import { firstDuplicateKey, firstJsonErrorOffset, lineOf, topLevelMembers } from "./json-locator";
import { ConfigError } from "../errors";

// The contract's types, where the loader's users look for them.
export type { JobLevelValue, JobTemplate } from "./contract";

/** Where a placeholder's sample value stands in the rendered text. */
interface Placeholder {
  readonly variable: TemplateVariable;
  readonly start: number;
  readonly end: number;
}

/** A template mistake, at its file and line. */
export class TemplateError extends ConfigError {
  constructor(file: string, line: number | undefined, problem: string, fix: string) {
    super(`${file}${line === undefined ? "" : `:${line}`}`, problem, fix);
    this.name = "TemplateError";
  }
}

/** The longest template name: `jdef-<env>-<app>-<name>` must fit AWS Batch's 128 characters. */
export const MAX_TEMPLATE_NAME_LENGTH = 128 - "jdef---".length;

const PLACEHOLDER = /(\$+)\{([^}]*)\}/g;

/** A sample of the variable's JSON kind; string samples are quoted by the template itself. */
function sampleValue(variable: string): string {
  const kind = (TEMPLATE_VARIABLES as Record<string, string>)[variable];
  return kind === "number" ? "1" : `sample-${variable}`;
}

/**
 * The template with each placeholder replaced by a sample value of its JSON
 * kind (as templatefile would, `$${` read as a literal `${`), and where each
 * sample stands in the result. Samples keep line numbers: none has a newline.
 */
function render(text: string, displayPath: string): { rendered: string; placeholders: Placeholder[] } {
  const provided = [...Object.keys(TEMPLATE_VARIABLES), SECRET_ARN_VARIABLE];
  const placeholders: Placeholder[] = [];
  let rendered = "";
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const [whole, dollars, inner] = match;
    const offset = match.index!;
    rendered += text.slice(last, offset);
    last = offset + whole.length;
    if (dollars.length % 2 === 0) {
      rendered += whole.slice(1);
      continue;
    }
    const name = inner.trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new TemplateError(
        displayPath,
        lineOf(text, offset),
        `"\${${inner}}" is an expression; templates may only use plain variables`,
        `use one of ${provided.join(", ")}`,
      );
    }
    if (!provided.includes(name)) {
      throw new TemplateError(
        displayPath,
        lineOf(text, offset),
        `\${${name}} is not a template variable the stack provides`,
        `use one of ${provided.join(", ")}, or write a literal "$\${${name}}" if the job itself expands it`,
      );
    }
    rendered += dollars.slice(1);
    const sample = sampleValue(name);
    placeholders.push({ variable: name as TemplateVariable, start: rendered.length, end: rendered.length + sample.length });
    rendered += sample;
  }
  rendered += text.slice(last);
  return { rendered, placeholders };
}

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
  for (const placeholder of placeholders) {
    const quoted = rendered[placeholder.start - 1] === '"' && rendered[placeholder.end] === '"';
    if (TEMPLATE_VARIABLES[placeholder.variable as keyof typeof TEMPLATE_VARIABLES] === "number" && quoted) {
      throw new TemplateError(
        displayPath,
        lineOf(rendered, placeholder.start),
        `"\${${placeholder.variable}}" is quoted, so the job would get a string where AWS Batch wants a number`,
        `write \${${placeholder.variable}} without the quotes`,
      );
    }
  }

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
  const duplicate = firstDuplicateKey(rendered);
  if (duplicate) {
    throw new TemplateError(
      displayPath,
      lineOf(rendered, duplicate.offset),
      `"${unsampled(duplicate.key)}" appears twice in the same object, and JSON keeps only the last one`,
      "keep one of them",
    );
  }
  const properties = sample as { [key: string]: unknown };
  const members = topLevelMembers(rendered);

  const jobLevelKeys: string[] = [];
  for (const member of members) {
    if (JOB_LEVEL_KEYS.includes(member.key)) {
      jobLevelKeys.push(member.key);
    } else if (!CONTAINER_PROPERTY_KEYS.includes(member.key)) {
      throw new TemplateError(
        displayPath,
        lineOf(rendered, member.keyOffset),
        `"${unsampled(member.key)}" is not an AWS Batch container property, and AWS Batch would drop it`,
        `remove it or use one of ${CONTAINER_PROPERTY_KEYS.join(", ")}`,
      );
    }
  }
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
  };
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

/**
 * The templates of a project folder, primary first. Every `*.json` file of
 * `job-definitions/` is one job definition.
 */
export function discoverTemplates(projectDir: string, primary: string = PRIMARY_TEMPLATE): JobTemplate[] {
  const folder = path.join(projectDir, TEMPLATE_FOLDER);
  if (fs.existsSync(path.join(projectDir, UPSTREAM_TEMPLATE_FOLDER))) {
    throw new TemplateError(
      UPSTREAM_TEMPLATE_FOLDER,
      undefined,
      `found the HCL module's misspelled folder "${UPSTREAM_TEMPLATE_FOLDER}/"`,
      `move its templates into "${TEMPLATE_FOLDER}/" (git mv ${UPSTREAM_TEMPLATE_FOLDER}/*.json ${TEMPLATE_FOLDER}/)`,
    );
  }
  const entries = fs.existsSync(folder) ? fs.readdirSync(folder).sort() : [];
  const misnamed = entries.find((file) => /\.json$/i.test(file) && !file.endsWith(".json"));
  if (misnamed) {
    throw new TemplateError(
      `${TEMPLATE_FOLDER}/${misnamed}`,
      undefined,
      "templates are the files ending in .json, in lower case, and this one would be left out",
      `rename it to ${misnamed.replace(/\.json$/i, ".json")}`,
    );
  }
  const files = entries.filter((file) => file.endsWith(".json"));
  if (!files.includes(primary)) {
    throw new TemplateError(
      `${TEMPLATE_FOLDER}/${primary}`,
      undefined,
      `missing: the module's job definition (aws_batch_job_definition.job-definition) renders this template`,
      `copy it from your HCL module's ${UPSTREAM_TEMPLATE_FOLDER}/ folder, or name your main template with the stack option primaryTemplate`,
    );
  }
  const ordered = [primary, ...files.filter((file) => file !== primary)];
  const templates = ordered.map((file) => loadTemplate(path.join(folder, file), `${TEMPLATE_FOLDER}/${file}`));
  for (const template of templates) {
    if (!/^[A-Za-z0-9_-]+$/.test(template.name)) {
      throw new TemplateError(
        `${TEMPLATE_FOLDER}/${template.fileName}`,
        undefined,
        `"${template.name}" cannot name a job definition`,
        "rename the file with letters, digits, - and _ only",
      );
    }
    if (template.name.length > MAX_TEMPLATE_NAME_LENGTH) {
      throw new TemplateError(
        `${TEMPLATE_FOLDER}/${template.fileName}`,
        undefined,
        `the name has ${template.name.length} characters, and jdef-<environment>-<application>-${template.name.slice(0, 8)}... would pass AWS Batch's 128`,
        `rename the file to at most ${MAX_TEMPLATE_NAME_LENGTH} characters (fewer, the longer environment and application are)`,
      );
    }
  }
  return templates;
}
