import * as fs from 'node:fs';

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

/**
 * Reads a tools file from disk for the server, the launch preflight and the CLI, refusing
 * unread what could block or fill memory: the path comes from settings a repository can
 * carry, and a FIFO or /dev/zero would block the read forever.
 */
export function readToolsFile(file: string, displayName: string): { tools: unknown[] } | { error: string } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    return { error: cannotRead(displayName, error) };
  }
  const refusal = !stat.isFile() ? 'it is not a regular file' : stat.size > MAX_TOOLS_FILE_BYTES ? `it is larger than ${MAX_TOOLS_FILE_BYTES / 2 ** 20} MB` : undefined;
  if (refusal) return { error: `Tools file ${displayName} is not used (${refusal}); point "toolcall.toolsFile" at a JSON array of tool declarations.` };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { error: cannotRead(displayName, error) };
  }
  return parseToolsFile(text, displayName);
}

function cannotRead(displayName: string, error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const why = e?.code === 'ENOENT' ? 'no such file' : (e?.code ?? e?.message ?? String(error));
  return `Tools file ${displayName} can't be read (${why}); lines without their own "tools" are checked without it.`;
}
