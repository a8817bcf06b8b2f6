// The templates of a project: every `*.json` file of `job-definitions/` is
// one job definition, the primary one first.
import * as fs from "fs";
import * as path from "path";
import { JobTemplate, PRIMARY_TEMPLATE, TEMPLATE_FOLDER, UPSTREAM_TEMPLATE_FOLDER } from "./contract";
import { MAX_TEMPLATE_NAME_LENGTH, TemplateError, loadTemplate } from "./loader";

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
  // Each template's asset folder is named after it: two names equal but for case are one folder on macOS and Windows.
  const byCase = new Map<string, string>();
  for (const file of files) {
    const other = byCase.get(file.toLowerCase());
    if (other) {
      throw new TemplateError(
        `${TEMPLATE_FOLDER}/${file}`,
        undefined,
        `${TEMPLATE_FOLDER}/${other} has the same name but for case, and their stack folders would collide on a case-insensitive file system`,
        "rename one of them",
      );
    }
    byCase.set(file.toLowerCase(), file);
  }
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
        `the name has ${template.name.length} characters before .json, and jdef-<environment>-<application>-${template.name.slice(0, 8)}... would exceed AWS Batch's 128`,
        `rename the file to at most ${MAX_TEMPLATE_NAME_LENGTH} characters before .json (fewer, the longer environment and application are)`,
      );
    }
  }
  return templates;
}
