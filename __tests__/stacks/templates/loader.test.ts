import * as path from "path";
import { discoverTemplates } from "../../../stacks/templates/folder";
import { TemplateError } from "../../../stacks/templates/loader";
import { TempFolders, TEMPLATE_LINES, templateWith } from "../../support/constructs";

const folders = new TempFolders();
afterAll(() => folders.removeAll());

const PLAIN = TEMPLATE_LINES.join("\n");
const load = (text: string, fileName?: string) => folders.template(text, fileName);
const PROVIDED =
  "REGION, ENV, BATCH_NAME, BATCH_IMAGE, BATCH_MEMORY, BATCH_VCPUS, JOB_ROLE_ARN, EXECUTION_ROLE_ARN, BUCKET_NAME, MY_PASSWORD_SECRET_ARN";

describe("TemplateError", () => {
  test("reads <file>:<line>: <problem>. Fix: <fix>", () => {
    const error = new TemplateError("job-definitions/a.json", 3, "it is broken", "mend it");
    expect(error.message).toBe("job-definitions/a.json:3: it is broken. Fix: mend it");
    expect(error.name).toBe("TemplateError");
    expect(error).toBeInstanceOf(Error);
  });

  test("leaves the line out when there is none", () => {
    expect(new TemplateError("job-definitions/a.json", undefined, "it is broken", "mend it").message).toBe(
      "job-definitions/a.json: it is broken. Fix: mend it",
    );
  });
});

describe("loadTemplate", () => {
  test("names the template after its file and keeps the source path", () => {
    const template = load(PLAIN, "nightly-report.json");
    expect(template.name).toBe("nightly-report");
    expect(template.fileName).toBe("nightly-report.json");
    expect(path.basename(template.sourcePath)).toBe("nightly-report.json");
    expect(path.isAbsolute(template.sourcePath)).toBe(true);
  });

  test("lists the variables the file uses, sorted, each once", () => {
    const template = load(templateWith('"user": "${ENV}"'));
    expect(template.variables).toEqual(["BATCH_IMAGE", "BATCH_MEMORY", "BATCH_VCPUS", "ENV", "EXECUTION_ROLE_ARN", "JOB_ROLE_ARN"]);
  });

  test("parses the sample with 1 for number variables and sample-<NAME> for string variables", () => {
    const { sample } = load(PLAIN);
    expect(sample).toMatchObject({ image: "sample-BATCH_IMAGE", vcpus: 1, memory: 1, jobRoleArn: "sample-JOB_ROLE_ARN" });
  });

  test("reads an escaped $${VAR} as a literal ${VAR}, not as a variable", () => {
    const template = load('{"image": "${BATCH_IMAGE}", "command": ["echo", "$${HOME}", "$${ENV}"]}');
    expect(template.sample.command).toEqual(["echo", "${HOME}", "${ENV}"]);
    expect(template.variables).toEqual(["BATCH_IMAGE"]);
  });

  test("accepts spaces inside the braces of a variable", () => {
    expect(load('{"image": "${ BATCH_IMAGE }"}').variables).toEqual(["BATCH_IMAGE"]);
  });

  test("fails on an expression, naming the file, the line and the variables it may use", () => {
    const text = templateWith('"user": "${lower(ENV)}"');
    expect(() => load(text)).toThrow(
      new TemplateError(
        "job-definitions/functionaltest.json",
        9,
        '"${lower(ENV)}" is an expression; templates may only use plain variables',
        `use one of ${PROVIDED}`,
      ).message,
    );
  });

  test("fails on a template directive, naming the line", () => {
    const text = templateWith('"command": ["%{ if true }x%{ endif }"]');
    expect(() => load(text)).toThrow(
      /^job-definitions\/functionaltest\.json:9: template directives \(%\{ \.\.\. \}\) are not supported in job-definition templates\. Fix: write plain JSON with \$\{VARIABLE\} placeholders; escape a literal %\{ as %%\{$/,
    );
  });

  test("accepts an escaped %%{, as the directive message advises", () => {
    expect(() => load(templateWith('"user": "%%{x}"'))).not.toThrow();
  });

  test.each([
    ["an array", "[]"],
    ["null", "null"],
    ["a string", '"text"'],
    ["a number", "1"],
  ])("fails when the template is %s, not a JSON object", (_what, text) => {
    expect(() => load(text)).toThrow(
      "job-definitions/functionaltest.json:1: the template is not a JSON object. Fix: write the container properties as one JSON object",
    );
  });

  test("reports a missing comma at the line of the member after it, with JSON.parse's reason", () => {
    const lines = [...TEMPLATE_LINES];
    lines[3] = lines[3].replace(/,$/, "");
    expect(() => load(lines.join("\n"))).toThrow(
      /^job-definitions\/functionaltest\.json:5: not valid JSON \(.+\)\. Fix: check for a trailing comma/,
    );
  });

  test("reports an invalid escape at its line", () => {
    expect(() => load(templateWith('"user": "a\\qb"'))).toThrow(/functionaltest\.json:9: not valid JSON/);
  });
});

// Each position has the Go type of the SDK's ContainerProperties (stacks/templates/container-properties.ts);
// the provider decodes the rendered template into it (job_definition.go validJobContainerProperties).
describe("values against the type of their position", () => {
  test("a number variable in quotes is fine where the type has a string (an environment value)", () => {
    const template = load(PLAIN.replace('"value": "${ENV}"', '"value": "${BATCH_MEMORY}"'));
    expect(template.variables).toContain("BATCH_MEMORY");
    expect(template.warnings).toEqual([]);
  });

  test("a number variable in quotes is refused where the type has a number, with the fix", () => {
    expect(() => load(PLAIN.replace('"vcpus": ${BATCH_VCPUS}', '"vcpus": "${BATCH_VCPUS}"'))).toThrow(
      /^job-definitions\/functionaltest\.json:\d+: "\$\{BATCH_VCPUS\}" is quoted, so vcpus would be a string where AWS Batch wants a whole number \(the provider refuses the job definition\)\. Fix: write \$\{BATCH_VCPUS\} without the quotes$/,
    );
  });

  test("a number variable without quotes is refused where the type has a string, at its line", () => {
    expect(() => load(PLAIN.replace('"value": "${ENV}"', '"value": ${BATCH_MEMORY}'))).toThrow(
      /^job-definitions\/functionaltest\.json:3: \$\{BATCH_MEMORY\} stands here without quotes, so environment\[0\]\.value would be a number where AWS Batch wants a string .*Fix: write "\$\{BATCH_MEMORY\}" in quotes$/,
    );
  });

  test.each([
    ['"memory": "2048"', /memory is a string, where AWS Batch's container properties take a whole number/],
    ['"ulimits": [{"name": "nofile", "softLimit": "1024", "hardLimit": 4096}]', /ulimits\[0\]\.softLimit is a string, where .* take a whole number/],
    ['"logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-stream-prefix": 1}}', /logConfiguration\.options\.awslogs-stream-prefix is a number, where .* take a string/],
    ['"privileged": "true"', /privileged is a string, where .* take true or false/],
    ['"command": "echo hi"', /command is a string, where .* take a list/],
    ['"linuxParameters": {"sharedMemorySize": 1.5}', /linuxParameters\.sharedMemorySize is the number 1\.5, where .* take a whole number/],
  ])("%s is refused: the provider could not decode it", (member, message) => {
    expect(() => load(templateWith(member))).toThrow(message);
  });

  test("keys match field names as encoding/json does: `Image` and `VCPUS` are image and vcpus", () => {
    const template = load('{"Image": "${BATCH_IMAGE}", "VCPUS": ${BATCH_VCPUS}}');
    expect(template.warnings).toEqual([]);
    expect(() => load('{"Image": "${BATCH_IMAGE}", "VCPUS": "${BATCH_VCPUS}"}')).toThrow(/is quoted, so VCPUS would be a string/);
  });

  test("a key that is no container property is a warning at the key's own line, not a refusal (the provider drops it)", () => {
    const lines = [...TEMPLATE_LINES];
    lines[1] = '  "command": ["memoryReservation"],';
    lines.splice(8, 0, '  ,"memoryReservation": 512');
    expect(load(lines.join("\n")).warnings).toEqual([
      expect.stringMatching(/^job-definitions\/functionaltest\.json:9: "memoryReservation" is not an AWS Batch container property, so the provider drops it \(the properties are command, /),
    ]);
  });

  test("a nested key that is no field is a warning with its path", () => {
    expect(load(templateWith('"linuxParameters": {"initProcessEnabled": true, "capabilities": {"add": ["SYS_PTRACE"]}}')).warnings).toEqual([
      'job-definitions/functionaltest.json:9: "linuxParameters.capabilities" is not an AWS Batch container property, so the provider drops it',
    ]);
  });

  test("a property written twice (also in another case) is a warning: the last one counts", () => {
    expect(load(templateWith('"user": "a", "User": "b"')).warnings).toEqual([
      'job-definitions/functionaltest.json:9: "User" sets a property written before it in the same object, and only the last one counts',
    ]);
  });
});

describe("job-level keys", () => {
  test("are found in the file's order, tags included, and kept out of the container property check", () => {
    const template = load(templateWith('"tags": {"team": "geo"}', '"timeout": {"attemptDurationSeconds": 60}', '"retryStrategy": {"attempts": 1}'));
    expect(template.jobLevelKeys).toEqual(["tags", "timeout", "retryStrategy"]);
  });

  test("are none in a template without them", () => {
    const template = load(PLAIN);
    expect(template.jobLevelKeys).toEqual([]);
    expect(template.jobLevel).toEqual({});
  });

  test("keep each value with the line of its key", () => {
    const template = load(templateWith('"retryStrategy": {"attempts": 2}', '"timeout": {"attemptDurationSeconds": 180}'));
    expect(template.jobLevel).toEqual({
      retryStrategy: { value: { attempts: 2 }, variables: [], line: 9 },
      timeout: { value: { attemptDurationSeconds: 180 }, variables: [], line: 10 },
    });
  });

  test("record the variables written inside their value, and only those", () => {
    const template = load(
      templateWith('"retryStrategy": {"attempts": ${BATCH_VCPUS}}', '"parameters": {"env": "${ENV}", "again": "${ENV}", "region": "${REGION}"}'),
    );
    expect(template.jobLevel.retryStrategy.variables).toEqual(["BATCH_VCPUS"]);
    expect(template.jobLevel.parameters.variables).toEqual(["ENV", "REGION"]);
  });

  test("do not take a literal that looks like a sample value for a variable", () => {
    const template = load(templateWith('"parameters": {"dataset": "sample-2024", "env": "sample-ENV", "count": "1"}'));
    expect(template.jobLevel.parameters).toEqual({
      value: { dataset: "sample-2024", env: "sample-ENV", count: "1" },
      variables: [],
      line: 9,
    });
  });

  test("do not count an escaped $${VAR} inside their value as a variable", () => {
    expect(load(templateWith('"parameters": {"home": "$${HOME}"}')).jobLevel.parameters.variables).toEqual([]);
  });
});

describe("the secret variable", () => {
  const SECRET_MEMBER = '"secrets": [{"name": "MY_PASSWORD", "valueFrom": "${MY_PASSWORD_SECRET_ARN}"}]';

  test("marks the template usesSecret when it is a secrets[].valueFrom", () => {
    const template = load(templateWith(SECRET_MEMBER));
    expect(template.usesSecret).toBe(true);
    expect(template.variables).toContain("MY_PASSWORD_SECRET_ARN");
  });

  test("leaves usesSecret false in a template without it", () => {
    expect(load(PLAIN).usesSecret).toBe(false);
  });

  test("fails when it is part of a longer valueFrom", () => {
    const text = templateWith('"secrets": [{"name": "MY_PASSWORD", "valueFrom": "${MY_PASSWORD_SECRET_ARN}:password::"}]');
    expect(() => load(text)).toThrow(/functionaltest\.json:9: \$\{MY_PASSWORD_SECRET_ARN\} is used outside a secrets\[\]\.valueFrom/);
  });

  test("fails when it is the valueFrom of something other than secrets[]", () => {
    const text = templateWith('"logConfiguration": {"logDriver": "awslogs", "secretOptions": [{"name": "k", "valueFrom": "${MY_PASSWORD_SECRET_ARN}"}]}');
    expect(() => load(text)).toThrow(/is used outside a secrets\[\]\.valueFrom, which would expose the secret's ARN as plain configuration/);
  });

  test("reports the misplaced use at its own line when an allowed use comes first", () => {
    const text = templateWith(SECRET_MEMBER, '"user": "${MY_PASSWORD_SECRET_ARN}"');
    expect(() => load(text)).toThrow(/functionaltest\.json:10: \$\{MY_PASSWORD_SECRET_ARN\} is used outside/);
  });
});

describe("discoverTemplates", () => {
  const project = (files: { [file: string]: string }) =>
    folders.make(Object.fromEntries(Object.entries(files).map(([file, text]) => [`job-definitions/${file}`, text])));

  test("takes functionaltest.json as the primary template by default and puts it first", () => {
    const dir = project({ "a-report.json": PLAIN, "functionaltest.json": PLAIN });
    expect(discoverTemplates(dir).map((template) => template.name)).toEqual(["functionaltest", "a-report"]);
  });

  test("puts the named primary template first and the others in file name order", () => {
    const dir = project({ "zeta.json": PLAIN, "alpha.json": PLAIN, "main.json": PLAIN, "beta.json": PLAIN });
    expect(discoverTemplates(dir, "main.json").map((template) => template.name)).toEqual(["main", "alpha", "beta", "zeta"]);
  });

  test("ignores files that are not .json", () => {
    const dir = project({ "functionaltest.json": PLAIN, "README.md": "# templates", "old.json.bak": PLAIN });
    expect(discoverTemplates(dir).map((template) => template.fileName)).toEqual(["functionaltest.json"]);
  });

  test("names each file job-definitions/<file> in its errors", () => {
    const dir = project({ "functionaltest.json": PLAIN, "broken.json": '{"image": ' });
    expect(() => discoverTemplates(dir)).toThrow(/^job-definitions\/broken\.json:1: not valid JSON/);
  });

  test("fails when there is no job-definitions/ folder, naming the primary template", () => {
    expect(() => discoverTemplates(folders.make())).toThrow(
      /^job-definitions\/functionaltest\.json: missing: the module's job definition \(aws_batch_job_definition\.job-definition\) renders this template\. Fix: copy it from your HCL module's job-defintions\/ folder, or name your main template with the stack option primaryTemplate$/,
    );
  });

  test.each([["nightly report.json"], ["nightly.v2.json"]])("fails when the file name %s cannot name a job definition", (file) => {
    const dir = project({ "functionaltest.json": PLAIN, [file]: PLAIN });
    const name = file.replace(/\.json$/, "");
    expect(() => discoverTemplates(dir)).toThrow(
      `job-definitions/${file}: "${name}" cannot name a job definition. Fix: rename the file with letters, digits, - and _ only`,
    );
  });
});
