// The equivalences by name, and event patterns (ruleEventPatternJSONDecoder).
import {
  CONTAINER_PROPERTIES_EQUIVALENCE,
  JSON_VALUE_EQUIVALENCE,
  POLICY_EQUIVALENCE,
  equivalentJsonValues,
} from "../../../../dropin/standin/rules/equivalence";

describe("event patterns (ruleEventPatternJSONDecoder)", () => {
  test("equivalent: whitespace and key order", () => {
    const compact = '{"detail-type":["Batch Job State Change"],"source":["aws.batch"]}';
    expect(equivalentJsonValues('{"source": ["aws.batch"], "detail-type": ["Batch Job State Change"]}', compact)).toBe(true);
  });

  test("a real difference: array order", () => {
    expect(equivalentJsonValues('{"source": ["aws.batch", "aws.s3"]}', '{"source": ["aws.s3", "aws.batch"]}')).toBe(false);
  });

  test("equivalent: numbers equal as float64", () => {
    expect(equivalentJsonValues('{"detail": {"attempts": [1]}}', '{"detail": {"attempts": [1.0]}}')).toBe(true);
  });

  test("a real difference: a number and its string", () => {
    expect(equivalentJsonValues('{"detail": {"attempts": [1]}}', '{"detail": {"attempts": ["1"]}}')).toBe(false);
  });

  test("equivalent: the last duplicate key wins", () => {
    expect(equivalentJsonValues('{"source": ["aws.s3"], "source": ["aws.batch"]}', '{"source": ["aws.batch"]}')).toBe(true);
  });

  test("a real difference: the first duplicate key does not count", () => {
    expect(equivalentJsonValues('{"source": ["aws.s3"], "source": ["aws.batch"]}', '{"source": ["aws.s3"]}')).toBe(false);
  });

  test("equivalent: an escaped character and the character", () => {
    expect(equivalentJsonValues('{"detail": {"status": ["\\u003cFAILED\\u003e"]}}', '{"detail": {"status": ["<FAILED>"]}}')).toBe(true);
  });

  test("a real difference: -0 and 0 (json.Marshal writes -0)", () => {
    expect(equivalentJsonValues('{"detail": {"code": [-0]}}', '{"detail": {"code": [0]}}')).toBe(false);
  });

  test('equivalent: two unset patterns ("")', () => {
    expect(JSON_VALUE_EQUIVALENCE.equivalent("", "")).toBe(true);
  });

  test('a real difference: "" and "{}"', () => {
    expect(JSON_VALUE_EQUIVALENCE.equivalent("", "{}")).toBe(false);
  });

  test("a real difference: invalid JSON, without throwing", () => {
    expect(() => equivalentJsonValues("{", "{}")).not.toThrow();
    expect(equivalentJsonValues("{", "{")).toBe(false);
  });
});

describe("the rules name their source", () => {
  test.each([
    ["POLICY_EQUIVALENCE", "SuppressEquivalentPolicyDiffs", POLICY_EQUIVALENCE],
    ["CONTAINER_PROPERTIES_EQUIVALENCE", "equivalentContainerPropertiesJSON", CONTAINER_PROPERTIES_EQUIVALENCE],
    ["JSON_VALUE_EQUIVALENCE", "ruleEventPatternJSONDecoder", JSON_VALUE_EQUIVALENCE],
  ])("%s names %s", (_name, functionName, rule) => {
    expect(rule.source).toContain(functionName);
  });
});
