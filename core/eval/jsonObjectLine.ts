// One line of an eval set or a predictions file, parsed as a JSON object or refused with a
// sentence the caller reports against the line.

/** The line as a JSON object; throws "Line is not valid JSON (...)." or "Line is not a JSON object.". */
export function parseObjectLine(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`Line is not valid JSON (${(error as Error).message}).`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('Line is not a JSON object.');
  return value as Record<string, unknown>;
}
