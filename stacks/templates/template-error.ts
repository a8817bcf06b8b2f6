import { ConfigError } from "../app/errors";

/** A template mistake, at its file and line. */
export class TemplateError extends ConfigError {
  constructor(file: string, line: number | undefined, problem: string, fix: string) {
    super(`${file}${line === undefined ? "" : `:${line}`}`, problem, fix);
    this.name = "TemplateError";
  }
}

