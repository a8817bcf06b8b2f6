// The EventBridge matcher the alerts tests use (./event-pattern.ts), on the
// rules of the EventBridge User Guide it implements.
import { matchesPattern } from "./event-pattern";

describe("EventBridge pattern matching", () => {
  const event = { source: "aws.batch", "detail-type": "Batch Job State Change", detail: { status: "FAILED", tags: ["a", "b"], attempts: [] } };

  test("a field's list: the event's value equals one of its values", () => {
    expect(matchesPattern({ source: ["aws.s3", "aws.batch"] }, event)).toBe(true);
    expect(matchesPattern({ source: ["aws.s3"] }, event)).toBe(false);
  });

  test("strings match exactly, case-sensitive", () => {
    expect(matchesPattern({ detail: { status: ["failed"] } }, event)).toBe(false);
  });

  test("nested objects match field by field; fields the pattern does not name are ignored", () => {
    expect(matchesPattern({ source: ["aws.batch"], detail: { status: ["FAILED"] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { status: ["FAILED"], jobQueue: ["q"] } }, event)).toBe(false);
  });

  test("a field the event lacks does not match", () => {
    expect(matchesPattern({ detail: { jobQueue: ["q"] } }, event)).toBe(false);
  });

  test("an array in the event matches if any element does", () => {
    expect(matchesPattern({ detail: { tags: ["b"] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { tags: ["c"] } }, event)).toBe(false);
  });

  test("prefix and exists", () => {
    expect(matchesPattern({ "detail-type": [{ prefix: "Batch Job" }] }, event)).toBe(true);
    expect(matchesPattern({ detail: { jobQueue: [{ exists: false }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { status: [{ exists: true }] } }, event)).toBe(true);
  });
});
