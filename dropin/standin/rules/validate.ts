// Every problem the provider's validators find in one resource
// configuration (ValidateResourceConfig), from the rows of facts/validators.ts.
import { Stage, ValidationProblem, VALIDATORS } from "../facts/validators";

function containsUnknown(value: unknown, isUnknown: (v: unknown) => boolean): boolean {
  if (isUnknown(value)) {
    return true;
  }
  if (value && typeof value === "object") {
    return Object.values(value).some((item) => containsUnknown(item, isUnknown));
  }
  return false;
}

/** Every problem in one resource configuration. Unknown values are skipped (the real provider validates them at apply). */
export function validateResource(
  type: string,
  config: unknown,
  isUnknown: (v: unknown) => boolean,
  options: { readonly stage?: Stage } = {},
): ValidationProblem[] {
  const stage = options.stage ?? "validate";
  if (config === null || typeof config !== "object" || isUnknown(config)) {
    return [];
  }
  const whole = config as { [name: string]: unknown };
  const problems: ValidationProblem[] = [];
  for (const row of VALIDATORS[type] ?? []) {
    if ((row.stage ?? "validate") !== stage) {
      continue;
    }
    const visit = (value: unknown, segments: readonly string[], steps: (string | number)[]): void => {
      if (value === null || value === undefined || isUnknown(value)) {
        return;
      }
      if (segments.length === 0) {
        if (row.whollyKnown && containsUnknown(value, isUnknown)) {
          return;
        }
        const message = row.check(value, { steps, config: whole });
        if (message !== undefined) {
          const at = row.set ? steps.slice(0, steps.length - 1) : steps;
          problems.push({
            path: at.join("."),
            summary: row.summary ?? message,
            detail: row.summary ? message : "",
            source: row.source,
          });
        }
        return;
      }
      const [segment, ...rest] = segments;
      if (segment === "*") {
        const items = Array.isArray(value) ? value : [value];
        items.forEach((item, index) => visit(item, rest, [...steps, index]));
      } else if (typeof value === "object" && !Array.isArray(value)) {
        visit((value as { [name: string]: unknown })[segment], rest, [...steps, segment]);
      }
    };
    visit(whole, row.path.split("."), []);
  }
  return problems;
}
