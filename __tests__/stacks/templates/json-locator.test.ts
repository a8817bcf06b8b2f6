import { firstJsonErrorOffset, lineOf } from "../../../stacks/templates/json-locator";

/** The line `firstJsonErrorOffset` names in `lines` joined by newlines. */
const errorLine = (...lines: string[]) => {
  const text = lines.join("\n");
  expect(() => JSON.parse(text)).toThrow();
  return lineOf(text, firstJsonErrorOffset(text));
};

describe("firstJsonErrorOffset: the line a JSON mistake is on", () => {
  test.each([
    ["a trailing comma: the closing brace's line", ['{', '  "a": 1,', '}'], 3],
    ["a missing comma: the next key's line", ['{', '  "a": 1', '  "b": 2', '}'], 3],
    ["a trailing comma in an array: the closing bracket's line", ['{', '  "a": [1, 2,', '  ]', '}'], 3],
    ["a newline inside a string: the string's line", ['{', '  "a": "one', 'two"', '}'], 2],
    ["a misspelled literal", ['{', '  "a": 1,', '  "b": tru', '}'], 3],
    ["a leading zero", ['{', '  "a": 01', '}'], 2],
    ["a missing colon", ['{', '  "a" 1', '}'], 2],
    ["a single-quoted key", ['{', "  'a': 1", '}'], 2],
    ["an unquoted key", ['{', '  a: 1', '}'], 2],
    ["a comment", ['{', '  // note', '  "a": 1', '}'], 2],
    ["an invalid escape", ['{', '  "a": 1,', '  "b": "\\x"', '}'], 3],
    ["text after a complete value", ['{"a": 1}', 'x'], 2],
    ["an unclosed object: its end", ['{', '  "a": 1'], 2],
  ])("%s", (_what, lines, line) => {
    expect(errorLine(...lines)).toBe(line);
  });

  test("a valid text: its length", () => {
    expect(firstJsonErrorOffset('{"a": [1, {"b": null}]}')).toBe(23);
  });
});

describe("lineOf", () => {
  test("counts lines from 1", () => {
    expect([lineOf("a\nb\nc", 0), lineOf("a\nb\nc", 2), lineOf("a\nb\nc", 4)]).toEqual([1, 2, 3]);
  });
});
