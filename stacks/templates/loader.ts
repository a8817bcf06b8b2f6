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
import { firstJsonErrorOffset, lineOf, topLevelMembers } from "./json-locator";

// The contract's types, where the loader's users look for them.
export type { JobLevelValue, JobTemplate } from "./contract";

/** Where a placeholder's sample value stands in the rendered text. */
interface Placeholder {
  readonly variable: TemplateVariable;
  readonly start: number;
  readonly end: number;
}

export class TemplateError extends Error {
  constructor(file: string, line: number | undefined, problem: string, fix: string) {
    super(`${file}${line === undefined ? "" : `:${line}`}: ${problem}. Fix: ${fix}`);
    this.name = "TemplateError";
  }
}

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
  if (text.includes("%{")) {
    throw new TemplateError(
      displayPath,
      lineOf(text, text.indexOf("%{")),
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
    // Node's message has no position for every error; find it ourselves.
    const offset = firstJsonErrorOffset(rendered);
    throw new TemplateError(
      displayPath,
      lineOf(rendered, offset),
      `not valid JSON once its variables are substituted (${(error as Error).message.split("\n")[0]})`,
      "check for a trailing comma, a missing quote around a string variable, or a missing comma",
    );
  }
  if (typeof sample !== "object" || sample === null || Array.isArray(sample)) {
    throw new TemplateError(displayPath, 1, "the template is not a JSON object", "write the container properties as one JSON object");
  }
  const properties = sample as { [key: string]: unknown };

  const jobLevelKeys: string[] = [];
  for (const key of Object.keys(properties)) {
    if (JOB_LEVEL_KEYS.includes(key)) {
      jobLevelKeys.push(key);
    } else if (!CONTAINER_PROPERTY_KEYS.includes(key)) {
      throw new TemplateError(
        displayPath,
        lineOf(text, text.indexOf(`"${key}"`)),
        `"${key}" is not an AWS Batch container property, and AWS Batch would drop it`,
        `remove it or use one of ${CONTAINER_PROPERTY_KEYS.join(", ")}`,
      );
    }
  }
  const jobLevel: { [key: string]: JobLevelValue } = {};
  for (const member of topLevelMembers(rendered).filter((candidate) => jobLevelKeys.includes(candidate.key))) {
    const inside = placeholders.filter((placeholder) => placeholder.start >= member.valueStart && placeholder.end <= member.valueEnd);
    jobLevel[member.key] = {
      value: properties[member.key],
      variables: [...new Set(inside.map((placeholder) => placeholder.variable))],
      line: lineOf(rendered, member.keyOffset),
    };
  }

  const usesSecret = used.has(SECRET_ARN_VARIABLE);
  if (usesSecret) {
    checkSecretOnlyAsValueFrom(text, displayPath, properties);
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

/** A secret's ARN may only be a `secrets[].valueFrom`, which ECS resolves at start. */
function checkSecretOnlyAsValueFrom(text: string, displayPath: string, properties: { [key: string]: unknown }): void {
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
    throw new TemplateError(
      displayPath,
      lineOf(text, text.indexOf(`\${${SECRET_ARN_VARIABLE}}`)),
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
  const files = fs.existsSync(folder)
    ? fs
        .readdirSync(folder)
        .filter((file) => file.endsWith(".json"))
        .sort()
    : [];
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
  }
  return templates;
}
