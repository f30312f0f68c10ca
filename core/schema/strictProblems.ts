// ajv's strict mode complains through its logger in free text. We turn each complaint into a
// non-fatal `strict-keyword` problem with a path (from the message's "at" location, or by finding
// the keyword in the schema) and a message that says what to do.
import type { JsonPath, SchemaProblem } from './types.ts';
import { fragmentToPath } from './jsonPointer.ts';
import { isPlainObject, pathOf, walkSchemas, type SchemaSite } from './schemaWalk.ts';

/** Locations of schema objects that have `keyword` as an own key. */
function sitesWith(schema: unknown, keyword: string): SchemaSite[] {
  const sites: SchemaSite[] = [];
  walkSchemas(schema, (site) => {
    if (Object.hasOwn(site.schema, keyword)) sites.push(site);
  });
  return sites;
}

function valueAt(root: unknown, path: JsonPath): unknown {
  let current = root;
  for (const segment of path) {
    if (!isPlainObject(current) && !Array.isArray(current)) return undefined;
    current = Object.hasOwn(current, segment) ? (current as Record<string | number, unknown>)[segment] : undefined;
  }
  return current;
}

const or = (types: string) => types.split(',').join(' or ');

type Rule = (match: RegExpMatchArray, at: JsonPath, schema: unknown) => SchemaProblem[];

const strict = (path: JsonPath, message: string): SchemaProblem => ({ code: 'strict-keyword', message, path, fatal: false });

/** Known complaints, matched against the log line without its "strict mode: " prefix and location. */
const RULES: [RegExp, Rule][] = [
  [/^unknown keyword: "(.*)"$/, ([, keyword], _at, schema) => {
    const message = `Unknown keyword "${keyword}" is ignored by validation; remove it, or put notes for the model in "description".`;
    const sites = sitesWith(schema, keyword);
    return sites.length === 0 ? [strict([], message)] : sites.map((site) => strict([...pathOf(site), keyword], message));
  }],
  [/^missing type "(.*)" for keyword "(.*)"$/, ([, types, keyword], at, schema) => [strict([...at, keyword], missingTypeMessage(keyword, types, valueAt(schema, [...at, 'type'])))]],
  [/^required property "(.*)" is not defined$/, ([, property], at, schema) => {
    const required = valueAt(schema, [...at, 'required']);
    const index = Array.isArray(required) ? required.indexOf(property) : -1;
    return [strict(index >= 0 ? [...at, 'required', index] : [...at, 'required'],
      `Required property "${property}" is not declared in "properties"; declare it there so its value is checked.`)];
  }],
  [/^type "(.*)" not allowed by context "(.*)"$/, ([, type, context], at) => [strict([...at, 'type'],
    `"type" "${type}" contradicts the enclosing schema's type "${or(context)}", so no value can pass; make them agree.`)]],
  [/^"(items|prefixItems)" is (\d+)-tuple, but minItems or maxItems\/(\w+) are not specified or different$/, ([, keyword, count, extra], at) => [strict([...at, keyword],
    `"${keyword}" lists ${count} schema${count === '1' ? '' : 's'} (a tuple) but "minItems", "maxItems" or "${extra}" do not fix the length; set them so missing or extra items are reported.`)]],
  [/^default is ignored in the schema root$/, () => [strict(['default'],
    '"default" at the root of the parameters schema is ignored; put defaults on the properties they belong to.')]],
];

/** A keyword for other types: on a schema of another type it never applies; on one without a type, other values slip through. */
function missingTypeMessage(keyword: string, types: string, declared: unknown): string {
  const declaredTypes = typeof declared === 'string' ? [declared] : Array.isArray(declared) ? declared.filter((t) => typeof t === 'string') : [];
  if (declaredTypes.length === 0) return `"${keyword}" only applies to ${or(types)} values, but this schema declares no "type"; add it so other values are rejected.`;
  const shown = declaredTypes.map((t) => `"${t}"`).join(' or ');
  return `"${keyword}" only applies to ${or(types)} values, but this schema's type is ${shown}, so it is never checked; remove it or move it to the schema it was meant for.`;
}

/** The problems for ajv's strict-mode log lines, deduplicated. */
export function strictProblems(log: readonly string[], schema: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const line of log) {
    for (const problem of problemsFor(line, schema)) {
      const id = JSON.stringify([problem.path, problem.message]);
      if (seen.has(id)) continue;
      seen.add(id);
      problems.push(problem);
    }
  }
  return problems;
}

function problemsFor(line: string, schema: unknown): SchemaProblem[] {
  let text = line.replace(/^strict mode: /, '');
  let at: JsonPath = [];
  const location = / at (?:path )?"([^"]*)"(?: \(\w+\))?$/.exec(text);
  if (location) {
    // ajv writes "<base $id>#/json/pointer"; only the fragment is a path inside this schema.
    const hash = location[1].indexOf('#');
    if (hash >= 0) at = fragmentToPath(location[1].slice(hash), schema);
    text = text.slice(0, location.index);
  }
  for (const [pattern, rule] of RULES) {
    const match = pattern.exec(text);
    if (match) return rule(match, at, schema);
  }
  // Other complaints ('"if" without "then" and "else" is ignored', ...): locate the first quoted keyword.
  if (!location) {
    const quoted = /"([^"]+)"/.exec(text);
    const site = quoted ? sitesWith(schema, quoted[1])[0] : undefined;
    if (site) at = [...pathOf(site), quoted![1]];
  }
  return [strict(at, `${text.charAt(0).toUpperCase()}${text.slice(1)} (JSON Schema strict mode); fix the schema so every keyword takes effect.`)];
}
