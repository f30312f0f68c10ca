import { hash } from 'node:crypto';
import type { JsonPath } from '../dataset/jsonPath.ts';
import { canonicalKey, SchemaCache, type CompiledParameters } from '../schema/index.ts';
import { canonicalJsonOfParsed, keyOfCanonicalJson } from '../schema/canonical.ts';
import { prepareParameters } from '../schema/preparedParameters.ts';
import { Findings, isObject, show, tick, typeName, type Finding } from './findings.ts';
import { RecentMap } from './recentMap.ts';
import { TextMap } from './textMap.ts';
import type { KnownMember, KnownMembers } from '../dataset/parseLine.ts';
import { countMembers } from '../dataset/structure.ts';
import { detachedCopy } from '../text/detachedCopy.ts';

/** One declared tool, ready to check calls against. */
export interface DeclaredTool {
  name: string;
  /** Position in the declarations array. */
  index: number;
  /** The function object as written: `{name, description, parameters}`. */
  fn: Record<string, unknown>;
  /** Compiled parameters (after non-standard types were mapped), or null when none can be used. */
  compiled: CompiledParameters | null;
  /** Canonical key of the whole declaration: equal keys mean identical declarations. */
  key: string;
  /** Path of the declaration's name value, relative to the line. */
  namePath: JsonPath;
}

/** The tools an example declares, with what is wrong with the declarations. */
export interface ToolSet {
  byName: Map<string, DeclaredTool>;
  /** Declaration findings, with paths relative to the line. */
  findings: Finding[];
  /** What the file rules compare of each tool, made once by the first line with this set (lineFacts.ts); shared: read-only. */
  declarations: readonly Declaration[] | undefined;
}

/** One tool declaration of a line, as the file rules compare them. */
export interface Declaration {
  name: string;
  key: string;
  namePath: JsonPath;
}

const TOOL_KEYS = ['type', 'function'];
const FUNCTION_KEYS = ['name', 'description', 'parameters', 'strict'];
/** Tool names the API accepts (the one home of the rule: TC404, renames, imports, BFCL names). */
export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Analyses `tools` (or legacy `functions`) arrays. Datasets repeat the same array on every
 * line, so analyses are cached by the array's content; compiled schemas are cached by
 * canonical hash underneath, so reordered but equal schemas still compile once.
 *
 * The cache is looked up by a cheap fingerprint (the root, the length and the function names)
 * and a hit is confirmed by comparing the array with a private copy of the one analysed, value
 * by value, keys in order: exactly the equality of their JSON serialisations (the previous key),
 * at about half the cost of serialising every line's array. A line's checks look it up by the
 * member's raw text first (`analyzeMember`), which costs no walk over the value at all.
 */
export class ToolSetCache implements KnownMembers<MemberAnalysis> {
  /** Fingerprint -> the arrays analysed with it (usually one; at most BUCKET), oldest first. */
  private readonly sets: RecentMap<{ array: unknown; set: ToolSet }[]>;
  /** Per root, the raw JSON text of a line's member -> its analysis (see `analyzeMember`). */
  private readonly byText: Record<'tools' | 'functions', TextMap<MemberAnalysis>>;

  constructor(
    readonly schemas = new SchemaCache(),
    // More than the bench dataset's 1,000 tool sets plus its defective variants: a FIFO of 1,000
    // there evicted sets that were needed again, re-analysing them on most lines.
    maxEntries = 4000,
  ) {
    this.sets = new RecentMap(maxEntries);
    this.byText = { tools: new TextMap(maxEntries), functions: new TextMap(maxEntries) };
  }

  /**
   * @param root `tools` or `functions` (legacy: the array holds bare function objects).
   * @param parsed `array` came from JSON.parse and is never changed (a member's shared value): it
   * is kept as is instead of a copy (the copy cost ~12% of each new tools JSON's analysis on the real
   * bench file).
   */
  analyze(array: unknown, root: 'tools' | 'functions', parsed = false): ToolSet {
    let key: string;
    let copy: unknown;
    let entries: { array: unknown; set: ToolSet }[] | undefined;
    try {
      key = fingerprint(array, root);
      entries = this.sets.get(key);
      if (entries) {
        for (const entry of entries) if (jsonEqual(entry.array, array)) return entry.set;
      }
      // A copy: the caller may change its array later. JSON-shaped, as JSON.stringify sees it.
      copy = parsed ? array : JSON.parse(JSON.stringify(array) ?? 'null');
      // Not JSON-shaped (undefined members, a Map...): it would never match itself; not cached.
      if (!jsonEqual(copy, array)) return analyzeToolArray(array, root, this.schemas);
    } catch {
      return analyzeToolArray(array, root, this.schemas); // too deep to serialise: no caching
    }
    const set = analyzeToolArray(array, root, this.schemas, true);
    if (!entries) this.sets.set(key, (entries = []));
    if (entries.length >= BUCKET) entries.shift();
    entries.push({ array: copy, set });
    return set;
  }

  /**
   * The analysis of `array`, parsed from `source`: the raw JSON text of the line's `root` member.
   * `array` is JSON.parse's and is shared from then on (the entry's value): nobody may change it.
   * Equal texts parse to equal arrays, so the text is the key, and the entry also keeps where
   * its findings fall in that text (memberFindings.ts). Undefined for a text too long to keep
   * as a key (the caller then uses `analyze`).
   */
  analyzeMember(array: unknown, root: 'tools' | 'functions', source: string): MemberAnalysis | undefined {
    if (source.length > MAX_SOURCE_KEY) return undefined;
    const byText = this.byText[root];
    let entry = byText.get(source);
    if (!entry) {
      const key = detachedCopy(source);
      // Fields filled later (text counts, relative ranges) set now: one object shape for every entry.
      byText.set(key, (entry = { set: this.analyze(array, root, true), value: array, members: countMembers(array), digest: hash('sha1', key, 'base64'), text: undefined, relative: undefined }));
    }
    return entry;
  }

  /** Roots in the order the line checks choose them (`tools` wins over legacy `functions`). */
  readonly names = ROOTS;

  /** The analysis of a member text analysed before, which also holds its parsed value (parseLine's KnownMembers). */
  known(name: string, source: string): MemberAnalysis | undefined {
    return (name === 'tools' || name === 'functions') && source.length <= MAX_SOURCE_KEY ? this.byText[name].get(source) : undefined;
  }
}

const ROOTS = ['tools', 'functions'] as const;

/**
 * The analysis of one member text, its parsed value (shared by every line repeating the text:
 * read-only) with its object members, and its findings' ranges relative to the text (filled by
 * the first line that can place them).
 */
export interface MemberAnalysis extends KnownMember {
  set: ToolSet;
  /** sha1 of the member text (base64): the member's part of a line's content key (lineFacts.ts). */
  digest: string;
  /** Per finding of `set`: its range relative to the member's start, or null when it depends on the rest of the line. */
  relative?: ({ start: number; end: number } | null)[];
}

/** Longest member text used as a cache key (a copy of it is held). */
const MAX_SOURCE_KEY = 256 * 1024;

/** Most arrays kept per fingerprint (same names, different declarations: drift, defects). */
const BUCKET = 8;

/** The root, the length and each declaration's function name: equal arrays have equal fingerprints. */
function fingerprint(array: unknown, root: string): string {
  if (!Array.isArray(array)) return root;
  let key = root + array.length;
  for (const tool of array) {
    const fn = root === 'functions' ? tool : isObject(tool) ? tool.function : undefined;
    const name = isObject(fn) ? fn.name : undefined;
    key += typeof name === 'string' ? '\u0000' + name : '\u0001';
  }
  return key;
}

/**
 * Whether JSON.stringify(a) === JSON.stringify(b), for `a` JSON-shaped (a parsed copy) and `b`
 * any value: same types, same numbers (-0 as 0, as serialised), same keys in the same order.
 * Values JSON.stringify drops or turns to null in `b` (undefined, functions, symbols,
 * non-finite numbers, toJSON) make it answer false, which only costs a cache miss.
 */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== 'number' || Number.isFinite(a);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(b) !== Object.prototype || 'toJSON' in b) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !jsonEqual((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[ka[i]])) return false;
  }
  return true;
}

/** @param jsonShaped the array equals its JSON round trip (no cycles, undefined, non-finite numbers): keys are written the faster way. */
function analyzeToolArray(array: unknown, root: 'tools' | 'functions', schemas: SchemaCache, jsonShaped = false): ToolSet {
  const out = new Findings();
  const byName = new Map<string, DeclaredTool>();
  if (!Array.isArray(array)) {
    out.add('TC401', `"${root}" is ${typeName(array)}; expected an array of tool declarations.`, { path: [root] });
    return { byName, findings: out.items, declarations: undefined };
  }
  array.forEach((tool, index) => {
    const declared = analyzeTool(tool, [root, index], root === 'functions', schemas, out, jsonShaped);
    if (!declared) return;
    if (byName.has(declared.name)) {
      const first = byName.get(declared.name)!.index;
      out.add('TC405', `Tool ${tick(declared.name)} is declared twice (also at index ${first}); tool names must be unique.`, { path: declared.namePath });
    } else {
      byName.set(declared.name, declared);
    }
  });
  return { byName, findings: out.items, declarations: undefined };
}

function analyzeTool(tool: unknown, path: JsonPath, legacy: boolean, schemas: SchemaCache, out: Findings, jsonShaped: boolean): DeclaredTool | undefined {
  let fn: unknown = tool;
  let fnPath = path;
  if (!legacy) {
    if (!isObject(tool)) {
      out.add('TC401', `Tool declaration is ${typeName(tool)}; expected {"type": "function", "function": {...}}.`, { path });
      return undefined;
    }
    if (tool.type !== 'function') {
      const target = 'type' in tool ? { path: [...path, 'type'] } : { path, part: 'first-char' as const };
      out.add('TC402', `Tool "type" is ${show(tool.type)}; expected "function".`, target);
    }
    reportUnknownKeys(tool, TOOL_KEYS, path, 'tool declaration', out);
    fn = tool.function;
    fnPath = [...path, 'function'];
    if (!isObject(fn)) {
      out.add('TC401', 'Tool declaration needs a "function" object with "name" and "parameters".', fn === undefined ? { path, part: 'first-char' } : { path: fnPath });
      return undefined;
    }
  } else if (!isObject(fn)) {
    out.add('TC401', `Function declaration is ${typeName(fn)}; expected an object with "name" and "parameters".`, { path });
    return undefined;
  }
  reportUnknownKeys(fn, FUNCTION_KEYS, fnPath, 'function declaration', out);
  const name = fn.name;
  const namePath = [...fnPath, 'name'];
  if (typeof name !== 'string') {
    out.add('TC403', 'Function declaration has no "name" string.', name === undefined ? { path: fnPath, part: 'first-char' } : { path: namePath });
    return undefined;
  }
  if (!TOOL_NAME_PATTERN.test(name)) {
    out.add('TC404', `Tool name ${show(name)} must match ^[a-zA-Z0-9_-]{1,64}$ (letters, digits, _ and -, at most 64).`, { path: namePath }, {
      suggestion: name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64),
    });
  }
  if ('description' in fn && typeof fn.description !== 'string') {
    out.add('TC411', `Description of ${tick(name)} is ${typeName(fn.description)}; expected a string.`, { path: [...fnPath, 'description'] });
  }
  // The parameters' canonical text serves both keys: the schema's (when no type is mapped) and the declaration's.
  const parameters = 'parameters' in fn && jsonShaped && isObject(fn.parameters) ? fn.parameters : undefined;
  const canonical = parameters && canonicalJsonOfParsed(parameters);
  const compiled = compileParameters(fn, name, [...fnPath, 'parameters'], schemas, out, canonical);
  return { name, index: Number(path[1]), fn, compiled, key: jsonShaped ? declarationKey(tool, parameters, canonical) : canonicalKey(tool), namePath };
}

/** canonicalKeyOfParsed(tool), with its parameters' canonical text written already. */
function declarationKey(tool: unknown, parameters: object | undefined, canonical: string | undefined): string {
  return keyOfCanonicalJson(canonicalJsonOfParsed(tool, parameters && new Map([[parameters, canonical!]])));
}

/** @param canonical canonicalJsonOfParsed of the parameters, when the declaration is JSON-shaped. */
function compileParameters(fn: Record<string, unknown>, name: string, path: JsonPath, schemas: SchemaCache, out: Findings, canonical: string | undefined): CompiledParameters | null {
  if (!('parameters' in fn)) return null; // a function without parameters takes none
  const parameters = fn.parameters;
  if (!isObject(parameters)) {
    out.add('TC406', `Parameters of ${tick(name)} are ${typeName(parameters)}; expected a JSON Schema object with "type": "object".`, { path });
    return null;
  }
  const { schema, nonStandard, flags, key } = prepareParameters(parameters, schemas, canonical);
  if (nonStandard.length > 0) {
    const names = [...new Map(nonStandard.map((t) => [t.found, t.standard])).entries()];
    const list = names.map(([found, standard]) => (standard ? `${tick(found)} (use ${tick(standard)})` : `${tick(found)} (drop "type" to allow any value)`));
    out.add('TC408', `Parameters of ${tick(name)} use non-standard types: ${list.join(', ')}; JSON Schema knows only object, array, string, number, integer, boolean and null.`, { path: [...path, ...nonStandard[0].path] }, { replacements: nonStandard });
  }
  if (flags.length > 0) {
    const names = flags.filter((f) => f.value && f.property !== undefined).map((f) => f.property!);
    const which = names.length > 0 ? ` (${[...new Set(names)].join(', ')})` : '';
    out.add('TC412', `Parameters of ${tick(name)} mark properties with the draft-3 "required": true${which}; JSON Schema lists required properties in a "required" array on their object, so calls are checked as if they were listed there.`, { path: [...path, ...flags[0].path] }, { flags: flags.length });
  }
  const root = (schema as Record<string, unknown>).type;
  if (root !== 'object') {
    const where = root === undefined ? { path, part: 'first-char' as const } : { path: [...path, 'type'] };
    out.add('TC406', `Parameters of ${tick(name)} must be a schema of "type": "object"; found ${show(root ?? 'no type')}.`, where);
  }
  const compiled = schemas.compileKeyed(schema, key);
  for (const problem of compiled.problems) {
    const code = problem.code === 'invalid-schema' ? 'TC407' : 'TC409';
    out.add(code, `Parameters of ${tick(name)}: ${problem.message}`, { path: [...path, ...problem.path] });
  }
  return compiled;
}

function reportUnknownKeys(object: Record<string, unknown>, allowed: string[], path: JsonPath, what: string, out: Findings): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      out.add('TC410', `Unknown key ${tick(key)} in a ${what}; allowed keys are ${allowed.join(', ')}.`, { path: [...path, key], part: 'key' });
    }
  }
}
