/** Tools files are small JSON arrays: a path to anything bigger (or not a regular file) is refused unread. */
export const MAX_TOOLS_FILE_BYTES = 10 * 2 ** 20;

/** Reads a shared tools file: a JSON array of tool declarations (`*.tools.json`). */
export function parseToolsFile(text: string, name: string): { tools: unknown[] } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { error: `Tools file ${name} is not valid JSON (${(error as Error).message}); expected an array of tool declarations.` };
  }
  if (Array.isArray(value)) return { tools: value };
  // Accept the shape of a request body too: {"tools": [...]}.
  if (typeof value === 'object' && value !== null && Array.isArray((value as { tools?: unknown }).tools)) {
    return { tools: (value as { tools: unknown[] }).tools };
  }
  return { error: `Tools file ${name} must hold a JSON array of {"type": "function", "function": {...}} declarations.` };
}
