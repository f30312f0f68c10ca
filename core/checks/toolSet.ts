import type { JsonPath } from '../dataset/jsonPath.ts';
import { canonicalKey, normalizeTypes, SchemaCache, type CompiledParameters } from '../schema/index.ts';
import { Findings, isObject, show, tick, typeName, type Finding } from './findings.ts';

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
}

const TOOL_KEYS = ['type', 'function'];
const FUNCTION_KEYS = ['name', 'description', 'parameters', 'strict'];
const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Analyses `tools` (or legacy `functions`) arrays. Datasets repeat the same array on every
 * line, so analyses are cached by the array's serialisation; compiled schemas are cached by
 * canonical hash underneath, so reordered but equal schemas still compile once.
 */
export class ToolSetCache {
  private readonly sets = new Map<string, ToolSet>();

  constructor(
    readonly schemas = new SchemaCache(),
    // More than the bench dataset's 1,000 tool sets plus its defective variants: a FIFO of 1,000
    // there evicted sets that were needed again, re-analysing them on most lines.
    private readonly maxEntries = 4000,
  ) {}

  /** @param root `tools` or `functions` (legacy: the array holds bare function objects). */
  analyze(array: unknown, root: 'tools' | 'functions'): ToolSet {
    let key: string;
    try {
      key = root + JSON.stringify(array);
    } catch {
      return analyzeToolArray(array, root, this.schemas); // too deep to serialise: no caching
    }
    const hit = this.sets.get(key);
    if (hit) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.sets.delete(key);
      this.sets.set(key, hit);
      return hit;
    }
    const set = analyzeToolArray(array, root, this.schemas);
    if (this.sets.size >= this.maxEntries) this.sets.delete(this.sets.keys().next().value!);
    this.sets.set(key, set);
    return set;
  }
}

function analyzeToolArray(array: unknown, root: 'tools' | 'functions', schemas: SchemaCache): ToolSet {
  const out = new Findings();
  const byName = new Map<string, DeclaredTool>();
  if (!Array.isArray(array)) {
    out.add('TC401', `\`${root}\` is ${typeName(array)}; expected an array of tool declarations.`, { path: [root] });
    return { byName, findings: out.items };
  }
  array.forEach((tool, index) => {
    const declared = analyzeTool(tool, [root, index], root === 'functions', schemas, out);
    if (!declared) return;
    if (byName.has(declared.name)) {
      const first = byName.get(declared.name)!.index;
      out.add('TC405', `Tool ${tick(declared.name)} is declared twice (also at index ${first}); tool names must be unique.`, { path: declared.namePath });
    } else {
      byName.set(declared.name, declared);
    }
  });
  return { byName, findings: out.items };
}

function analyzeTool(tool: unknown, path: JsonPath, legacy: boolean, schemas: SchemaCache, out: Findings): DeclaredTool | undefined {
  let fn: unknown = tool;
  let fnPath = path;
  if (!legacy) {
    if (!isObject(tool)) {
      out.add('TC401', `Tool declaration is ${typeName(tool)}; expected {"type": "function", "function": {...}}.`, { path });
      return undefined;
    }
    if (tool.type !== 'function') {
      const target = 'type' in tool ? { path: [...path, 'type'] } : { path, part: 'first-char' as const };
      out.add('TC402', `Tool \`type\` is ${show(tool.type)}; expected "function".`, target);
    }
    reportUnknownKeys(tool, TOOL_KEYS, path, 'tool declaration', out);
    fn = tool.function;
    fnPath = [...path, 'function'];
    if (!isObject(fn)) {
      out.add('TC401', 'Tool declaration needs a `function` object with `name` and `parameters`.', fn === undefined ? { path, part: 'first-char' } : { path: fnPath });
      return undefined;
    }
  } else if (!isObject(fn)) {
    out.add('TC401', `Function declaration is ${typeName(fn)}; expected an object with \`name\` and \`parameters\`.`, { path });
    return undefined;
  }
  reportUnknownKeys(fn, FUNCTION_KEYS, fnPath, 'function declaration', out);
  const name = fn.name;
  const namePath = [...fnPath, 'name'];
  if (typeof name !== 'string') {
    out.add('TC403', 'Function declaration has no `name` string.', name === undefined ? { path: fnPath, part: 'first-char' } : { path: namePath });
    return undefined;
  }
  if (!NAME_PATTERN.test(name)) {
    out.add('TC404', `Tool name ${show(name)} must match ^[a-zA-Z0-9_-]{1,64}$ (letters, digits, _ and -, at most 64).`, { path: namePath }, {
      suggestion: name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64),
    });
  }
  if ('description' in fn && typeof fn.description !== 'string') {
    out.add('TC411', `Description of ${tick(name)} is ${typeName(fn.description)}; expected a string.`, { path: [...fnPath, 'description'] });
  }
  return { name, index: Number(path[1]), fn, compiled: compileParameters(fn, name, [...fnPath, 'parameters'], schemas, out), key: canonicalKey(tool), namePath };
}

function compileParameters(fn: Record<string, unknown>, name: string, path: JsonPath, schemas: SchemaCache, out: Findings): CompiledParameters | null {
  if (!('parameters' in fn)) return null; // a function without parameters takes none
  const parameters = fn.parameters;
  if (!isObject(parameters)) {
    out.add('TC406', `Parameters of ${tick(name)} are ${typeName(parameters)}; expected a JSON Schema object with "type": "object".`, { path });
    return null;
  }
  const { schema, nonStandard } = normalizeTypes(parameters);
  if (nonStandard.length > 0) {
    const names = [...new Map(nonStandard.map((t) => [t.found, t.standard])).entries()];
    const list = names.map(([found, standard]) => (standard ? `${tick(found)} (use ${tick(standard)})` : `${tick(found)} (drop \`type\` to allow any value)`));
    out.add('TC408', `Parameters of ${tick(name)} use non-standard types: ${list.join(', ')}; JSON Schema knows only object, array, string, number, integer, boolean and null.`, { path: [...path, ...nonStandard[0].path] }, { replacements: nonStandard });
  }
  const root = (schema as Record<string, unknown>).type;
  if (root !== 'object') {
    const where = root === undefined ? { path, part: 'first-char' as const } : { path: [...path, 'type'] };
    out.add('TC406', `Parameters of ${tick(name)} must be a schema of "type": "object"; found ${show(root ?? 'no type')}.`, where);
  }
  const compiled = schemas.compile(schema);
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
