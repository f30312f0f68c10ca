// What changed between two sets of tool declarations (a tools file and its source): tools added
// and removed, and per changed tool, what changed in its parameters and whether that can make a
// call that was valid invalid (breaking).
import { isObject } from '../../checks/findings.ts';
import { canonicalJson } from '../../schema/canonical.ts';

export type ChangeKind =
  | 'description'
  | 'parameter-added'
  | 'parameter-removed'
  | 'parameter-type'
  | 'parameter-enum'
  | 'parameter-required'
  | 'parameter-optional'
  | 'parameter-schema'
  | 'parameters';

/** One difference in one tool. `breaking`: a call valid before can be invalid now. */
export interface ToolChange {
  kind: ChangeKind;
  /** The top-level parameter concerned, when there is one. */
  parameter?: string;
  breaking: boolean;
  /** One plain sentence. */
  message: string;
}

export interface ToolDiff {
  tool: string;
  status: 'added' | 'removed' | 'changed';
  changes: ToolChange[];
  /** The declaration in the tools file (removed, changed). */
  before?: Record<string, unknown>;
  /** The declaration at the source (added, changed). */
  after?: Record<string, unknown>;
}

type Obj = Record<string, unknown>;

/** Declarations by function name (the first of a name wins; duplicates are the validator's business). */
export function declarationsByName(tools: readonly unknown[]): Map<string, Obj> {
  const byName = new Map<string, Obj>();
  for (const tool of tools) {
    if (isObject(tool) && isObject(tool.function) && typeof tool.function.name === 'string' && !byName.has(tool.function.name)) byName.set(tool.function.name, tool);
  }
  return byName;
}

/** Tools of `current` (the tools file) compared with `source`: removed and changed in the file's order, then added in the source's. */
export function diffTools(current: readonly unknown[], source: readonly unknown[]): ToolDiff[] {
  const before = declarationsByName(current);
  const after = declarationsByName(source);
  const diffs: ToolDiff[] = [];
  for (const [name, old] of before) {
    const next = after.get(name);
    if (!next) {
      diffs.push({ tool: name, status: 'removed', before: old, changes: [{ kind: 'parameters', breaking: true, message: `Tool "${name}" is no longer offered by the source.` }] });
      continue;
    }
    if (canonicalJson(old) === canonicalJson(next)) continue;
    diffs.push({ tool: name, status: 'changed', before: old, after: next, changes: functionChanges(name, old.function as Obj, next.function as Obj) });
  }
  for (const [name, next] of after) {
    if (!before.has(name)) diffs.push({ tool: name, status: 'added', after: next, changes: [] });
  }
  return diffs;
}

function functionChanges(name: string, old: Obj, next: Obj): ToolChange[] {
  const changes: ToolChange[] = [];
  if (canonicalJson(old.description) !== canonicalJson(next.description)) {
    changes.push({ kind: 'description', breaking: false, message: `The description of "${name}" changed.` });
  }
  const p0 = isObject(old.parameters) ? old.parameters : {};
  const p1 = isObject(next.parameters) ? next.parameters : {};
  const props0 = isObject(p0.properties) ? p0.properties : {};
  const props1 = isObject(p1.properties) ? p1.properties : {};
  const req0 = new Set(Array.isArray(p0.required) ? p0.required : []);
  const req1 = new Set(Array.isArray(p1.required) ? p1.required : []);
  for (const key of Object.keys(props0)) {
    if (!Object.hasOwn(props1, key)) changes.push({ kind: 'parameter-removed', parameter: key, breaking: true, message: `Parameter "${key}" of "${name}" was removed.` });
  }
  for (const key of Object.keys(props1)) {
    if (Object.hasOwn(props0, key)) continue;
    const required = req1.has(key);
    changes.push({ kind: 'parameter-added', parameter: key, breaking: required, message: `Parameter "${key}" of "${name}" was added${required ? ' as required' : ''}.` });
  }
  for (const key of Object.keys(props0)) {
    if (!Object.hasOwn(props1, key)) continue;
    if (!req0.has(key) && req1.has(key)) changes.push({ kind: 'parameter-required', parameter: key, breaking: true, message: `Parameter "${key}" of "${name}" is now required.` });
    if (req0.has(key) && !req1.has(key)) changes.push({ kind: 'parameter-optional', parameter: key, breaking: false, message: `Parameter "${key}" of "${name}" is now optional.` });
    changes.push(...schemaChanges(name, key, props0[key], props1[key]));
  }
  const rest = (p: Obj) => canonicalJson(Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'properties' && k !== 'required')));
  if (rest(p0) !== rest(p1)) changes.push({ kind: 'parameters', breaking: false, message: `The parameters schema of "${name}" changed outside its properties.` });
  return changes;
}

function schemaChanges(name: string, key: string, old: unknown, next: unknown): ToolChange[] {
  if (canonicalJson(old) === canonicalJson(next)) return [];
  const o = isObject(old) ? old : {};
  const n = isObject(next) ? next : {};
  const changes: ToolChange[] = [];
  const types = (s: Obj) => (Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type]).map(String);
  const t0 = types(o);
  const t1 = types(n);
  if (canonicalJson(t0) !== canonicalJson(t1)) {
    // Only a type taken away breaks calls; "integer" is within "number".
    const lost = t0.filter((t) => !t1.includes(t) && !(t === 'integer' && t1.includes('number')));
    changes.push({ kind: 'parameter-type', parameter: key, breaking: t1.length > 0 && (t0.length === 0 || lost.length > 0), message: `Parameter "${key}" of "${name}" changed type from ${t0.join(' or ') || 'any'} to ${t1.join(' or ') || 'any'}.` });
  }
  if (canonicalJson(o.enum) !== canonicalJson(n.enum)) {
    const e0 = Array.isArray(o.enum) ? o.enum.map((v) => canonicalJson(v)) : undefined;
    const e1 = Array.isArray(n.enum) ? n.enum.map((v) => canonicalJson(v)) : undefined;
    const removed = e1 === undefined ? [] : e0 === undefined ? ['(any)'] : e0.filter((v) => !e1.includes(v));
    const added = e1 === undefined ? [] : e1.filter((v) => !(e0 ?? []).includes(v));
    const parts = [removed.length > 0 && removed[0] !== '(any)' ? `lost ${removed.join(', ')}` : '', added.length > 0 ? `gained ${added.join(', ')}` : '', e1 === undefined ? 'no longer restricted' : e0 === undefined ? 'now restricted' : ''].filter(Boolean);
    changes.push({ kind: 'parameter-enum', parameter: key, breaking: removed.length > 0, message: `Allowed values of "${key}" of "${name}" changed: ${parts.join('; ')}.` });
  }
  const rest = (s: Obj) => canonicalJson(Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'type' && k !== 'enum' && k !== 'description')));
  if (rest(o) !== rest(n)) changes.push({ kind: 'parameter-schema', parameter: key, breaking: false, message: `The schema of parameter "${key}" of "${name}" changed.` });
  else if (changes.length === 0) changes.push({ kind: 'parameter-schema', parameter: key, breaking: false, message: `The description of parameter "${key}" of "${name}" changed.` });
  return changes;
}
