// What both webviews' message checks start with: a posted value is only looked at when it is a
// plain object, and its exact keys are compared (a compromised webview may post anything).

/** The message as a plain object and its keys, sorted and comma-joined; undefined for anything else. */
export function messageFields(value: unknown): { m: Record<string, unknown>; keys: string } | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const m = value as Record<string, unknown>;
  return { m, keys: Object.keys(m).sort().join(',') };
}
