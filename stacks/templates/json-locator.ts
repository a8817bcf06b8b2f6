// Where a JSON text goes wrong, for messages that name its line (JSON.parse's
// messages do not all carry a position): jsonc-parser's first error, with
// comments and trailing commas refused as JSON refuses them.
import { ParseError, parse } from "jsonc-parser";

/** Offset of the first thing a JSON parser cannot accept (the start of its token); the text's length when it is valid. */
export function firstJsonErrorOffset(text: string): number {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors[0]?.offset ?? text.length;
}

/** The 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}
