// EventBridge's matching of an event pattern against an event, for the
// operators this project's patterns use (no maintained npm library does it
// offline): Amazon EventBridge User Guide, "Event patterns" and "Comparison
// operators for use in event patterns":
// - a pattern field lists the values it matches: the event's value must equal
//   one of them (strings match exactly, case-sensitive; numbers and booleans
//   by value);
// - an event field that is an array matches if any of its elements does;
// - a pattern object matches an event object field by field: every field of
//   the pattern must match, fields the pattern does not name are ignored, and
//   a field the event lacks does not match;
// - `{ "prefix": "..." }` and `{ "exists": true|false }` inside a list.
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function matchesValue(allowed: Json[], value: Json | undefined): boolean {
  const values = Array.isArray(value) ? value : [value];
  return allowed.some((rule) => {
    if (rule !== null && typeof rule === "object" && !Array.isArray(rule)) {
      if ("exists" in rule) {
        return (value !== undefined) === rule.exists;
      }
      if ("prefix" in rule) {
        return values.some((item) => typeof item === "string" && item.startsWith(rule.prefix as string));
      }
      throw new Error(`event-pattern: operator ${JSON.stringify(rule)} is not one this matcher implements`);
    }
    return value !== undefined && values.some((item) => item === rule);
  });
}

/** Whether EventBridge delivers `event` to a rule with `pattern`. */
export function matchesPattern(pattern: { [key: string]: Json }, event: { [key: string]: Json }): boolean {
  return Object.entries(pattern).every(([field, rule]) => {
    const value = event[field];
    if (Array.isArray(rule)) {
      return matchesValue(rule, value);
    }
    if (rule !== null && typeof rule === "object") {
      return value !== null && typeof value === "object" && !Array.isArray(value) && matchesPattern(rule, value);
    }
    throw new Error(`event-pattern: the pattern's ${field} must be a list or an object, not ${JSON.stringify(rule)}`);
  });
}
