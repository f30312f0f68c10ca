// Tool names from MCP servers and OpenAPI specs made valid for OpenAI (^[a-zA-Z0-9_-]{1,64}$),
// deterministically, so a re-import or a drift check gives the same names; every change is kept
// in a mapping so calls can be routed back to the original tool.
import { createHash } from 'node:crypto';
import { TOOL_NAME_PATTERN } from '../toolNames.ts';

const MAX = 64;

/** One name that had to change: `from` is the source's name, `to` the one in the tools file. */
export interface NameChange {
  from: string;
  to: string;
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

/** A valid name for one source name: runs of other characters become `_`; long names keep a hash of the original. */
export function sanitizeToolName(name: string): string {
  let clean = name.replace(/[^a-zA-Z0-9_-]+/g, '_');
  if (/^_*$/.test(clean)) clean = `tool_${shortHash(name)}`;
  if (clean.length > MAX) clean = `${clean.slice(0, MAX - 9)}_${shortHash(name)}`;
  return clean;
}

/**
 * Valid, unique names for `names` (in order): names already valid and unique are kept; the
 * others are sanitised and, if that collides with a name seen before, suffixed `_2`, `_3`...
 */
export function assignToolNames(names: readonly string[]): { names: string[]; changes: NameChange[] } {
  const taken = new Set(names.filter((n) => TOOL_NAME_PATTERN.test(n)));
  const used = new Set<string>();
  const out: string[] = [];
  const changes: NameChange[] = [];
  for (const name of names) {
    let next = TOOL_NAME_PATTERN.test(name) && !used.has(name) ? name : sanitizeToolName(name);
    if (next !== name || used.has(next)) {
      const base = next;
      for (let i = 2; used.has(next) || (taken.has(next) && next !== name); i++) {
        const suffix = `_${i}`;
        next = base.slice(0, MAX - suffix.length) + suffix;
      }
    }
    used.add(next);
    out.push(next);
    if (next !== name) changes.push({ from: name, to: next });
  }
  return { names: out, changes };
}
