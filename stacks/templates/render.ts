// A template with each placeholder replaced by a sample of its JSON kind, as
// Terraform's templatefile would fill it, and where each sample stands: what
// the loader parses and checks.
import { TEMPLATE_VARIABLES, TEMPLATE_VARIABLE_NAMES, TemplateVariable } from "./contract";
import { lineOf } from "./json-locator";
import { TemplateError } from "./template-error";

/** Where a placeholder's sample value stands in the rendered text. */
export interface Placeholder {
  readonly variable: TemplateVariable;
  readonly start: number;
  readonly end: number;
}

const PLACEHOLDER = /(\$+)\{([^}]*)\}/g;

/** A sample of the variable's JSON kind; string samples are quoted by the template itself. */
export function sampleValue(variable: string): string {
  const kind = (TEMPLATE_VARIABLES as Record<string, string>)[variable];
  return kind === "number" ? "1" : `sample-${variable}`;
}

/**
 * The template with each placeholder replaced by a sample value of its JSON
 * kind (as templatefile would, `$${` read as a literal `${`), and where each
 * sample stands in the result. Samples keep line numbers: none has a newline.
 */
export function render(text: string, displayPath: string): { rendered: string; placeholders: Placeholder[] } {
  const provided: readonly string[] = TEMPLATE_VARIABLE_NAMES;
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

