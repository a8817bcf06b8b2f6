import * as fs from "fs";
import * as path from "path";

/**
 * Job-definition templates: the JSON files of `job-definitions/`, rendered by
 * Terraform's `templatefile` into a job definition's container properties.
 * Everything here runs at synth time, so a broken template fails `cdktf synth`
 * with the file and line instead of failing a plan or an apply.
 */

/** The folder upstream misspells; a team that copies it as is gets told. */
export const UPSTREAM_TEMPLATE_FOLDER = "job-defintions";
export const TEMPLATE_FOLDER = "job-definitions";
/** The template upstream renders into `aws_batch_job_definition.job-definition`. */
export const PRIMARY_TEMPLATE = "functionaltest.json";

/** Template variables the stack always provides, with a sample value of their JSON kind. */
export const TEMPLATE_VARIABLES = {
  REGION: "string",
  ENV: "string",
  BATCH_NAME: "string",
  BATCH_IMAGE: "string",
  BATCH_MEMORY: "number",
  BATCH_VCPUS: "number",
  JOB_ROLE_ARN: "string",
  EXECUTION_ROLE_ARN: "string",
  BUCKET_NAME: "string",
} as const;

/** Provided only to templates that use it: the ARN of a Secrets Manager secret looked up by name. */
export const SECRET_ARN_VARIABLE = "MY_PASSWORD_SECRET_ARN";

export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES | typeof SECRET_ARN_VARIABLE;

/** ContainerProperties of the AWS Batch RegisterJobDefinition API. */
export const CONTAINER_PROPERTY_KEYS = [
  "command",
  "enableExecuteCommand",
  "environment",
  "ephemeralStorage",
  "executionRoleArn",
  "fargatePlatformConfiguration",
  "image",
  "instanceType",
  "jobRoleArn",
  "linuxParameters",
  "logConfiguration",
  "memory",
  "mountPoints",
  "networkConfiguration",
  "privileged",
  "readonlyRootFilesystem",
  "repositoryCredentials",
  "resourceRequirements",
  "runtimePlatform",
  "secrets",
  "ulimits",
  "user",
  "vcpus",
  "volumes",
];

/**
 * Keys that belong to the job definition itself, not to its container: AWS
 * Batch drops them from container properties without a word.
 */
export const JOB_LEVEL_KEYS = [
  "retryStrategy",
  "timeout",
  "parameters",
  "propagateTags",
  "schedulingPriority",
  "platformCapabilities",
  "tags",
];

/** A template found in the folder, checked. */
export interface JobTemplate {
  /** File name without `.json`: names the job definition and its Terraform address. */
  readonly name: string;
  readonly fileName: string;
  /** Absolute path on the build machine; used to copy the file, never written to the output. */
  readonly sourcePath: string;
  /** Template variables the file uses. */
  readonly variables: TemplateVariable[];
  /** Container properties parsed with sample values, for checks and job-level keys. */
  readonly sample: { [key: string]: unknown };
  /** Job-level keys found among the container properties. */
  readonly jobLevelKeys: string[];
  readonly usesSecret: boolean;
}

export class TemplateError extends Error {
  constructor(file: string, line: number | undefined, problem: string, fix: string) {
    super(`${file}${line === undefined ? "" : `:${line}`}: ${problem}. Fix: ${fix}`);
    this.name = "TemplateError";
  }
}

const PLACEHOLDER = /(\$+)\{([^}]*)\}/g;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split("\n").length;
}

/**
 * Offset of the first character a JSON parser cannot accept. Only called on
 * text JSON.parse has refused, to say on which line.
 */
export function firstJsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail());
  const string = () => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\n") fail();
      i += text[i] === "\\" ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") {
      i++;
      space();
      if (text[i] === "}") return void i++;
      for (;;) {
        space();
        string();
        space();
        if (text[i] !== ":") fail();
        i++;
        value();
        space();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") return void i++;
        fail();
      }
    }
    if (c === "[") {
      i++;
      space();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") return void i++;
        fail();
      }
    }
    if (c === '"') return string();
    if (c === "t") return void literal("true");
    if (c === "f") return void literal("false");
    if (c === "n") return void literal("null");
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!number) fail();
    i += number![0].length;
  };
  try {
    value();
    space();
    return i < text.length ? i : text.length;
  } catch (offset) {
    return Math.min(offset as number, text.length);
  }
}

/** Sample values keep line numbers: none has a newline. */
function sampleValue(variable: string): string {
  const kind = (TEMPLATE_VARIABLES as Record<string, string>)[variable];
  return kind === "number" ? "1" : `sample-${variable}`;
}

/** Reads and checks one template: its variables, its JSON once rendered, its keys. */
export function loadTemplate(sourcePath: string, displayPath: string): JobTemplate {
  const text = fs.readFileSync(sourcePath, "utf8");
  const fileName = path.basename(sourcePath);
  const provided = [...Object.keys(TEMPLATE_VARIABLES), SECRET_ARN_VARIABLE];

  if (text.includes("%{")) {
    throw new TemplateError(
      displayPath,
      lineOf(text, text.indexOf("%{")),
      "template directives (%{ ... }) are not supported in job-definition templates",
      "write plain JSON with ${VARIABLE} placeholders; escape a literal %{ as %%{",
    );
  }

  const used = new Set<TemplateVariable>();
  const rendered = text.replace(PLACEHOLDER, (match, dollars: string, inner: string, offset: number) => {
    // templatefile reads "$${" as a literal "${".
    if (dollars.length % 2 === 0) {
      return match.slice(1);
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
    used.add(name as TemplateVariable);
    return dollars.slice(1) + sampleValue(name);
  });

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
