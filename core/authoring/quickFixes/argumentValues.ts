// Arguments that break the tool's schema: a missing required one, an unknown one, a value
// outside the enum, a value of a wrong but convertible type.
import { closest } from '../../checks/suggest.ts';
import { insertProperty, removeProperty, renameKey, replaceValue, styleOf, toJsonText } from '../jsonEdit.ts';
import { parametersOf, placeholderFor, propertiesOf, schemaAt } from '../schemaInfo.ts';
import { argumentSite, valueIn } from './argumentSite.ts';
import { dataOf, dotted, tick, type Fix, type FixProvider } from './types.ts';

const insertMissing: FixProvider = (finding, line) => {
  const missing = dataOf<string>(finding, 'missing');
  const site = argumentSite(finding, line);
  if (typeof missing !== 'string' || !site) return [];
  const value = placeholderFor(schemaAt(parametersOf(site.tool), [...site.path, missing]));
  const newText = site.edit((json, path) => insertProperty(json, path, missing, toJsonText(value, styleOf(json))));
  return newText === undefined ? [] : [{ title: `Add required argument ${tick(missing)}: ${JSON.stringify(value)}`, newText, preferred: true }];
};

const removeUnknown: FixProvider = (finding, line) => {
  const extra = dataOf<string>(finding, 'extra');
  const site = argumentSite(finding, line);
  if (typeof extra !== 'string' || !site) return [];
  const fixes: Fix[] = [];
  const objectPath = site.path.slice(0, -1);
  const present = Object.keys((valueIn(site.args, objectPath) as object | undefined) ?? {});
  const allowed = propertiesOf(schemaAt(parametersOf(site.tool), objectPath)).map(([k]) => k).filter((k) => !present.includes(k));
  for (const name of closest(extra, allowed).slice(0, 3)) {
    const newText = site.edit((json, path) => renameKey(json, path, name));
    if (newText !== undefined) fixes.push({ title: `Rename argument ${tick(extra)} to ${tick(name)}`, newText, preferred: fixes.length === 0 });
  }
  const removed = site.edit((json, path) => removeProperty(json, path));
  if (removed !== undefined) fixes.push({ title: `Remove unknown argument ${tick(extra)}`, newText: removed, preferred: fixes.length === 0 });
  return fixes;
};

const chooseAllowed: FixProvider = (finding, line) => {
  const allowed = dataOf<unknown[]>(finding, 'allowed');
  const site = argumentSite(finding, line);
  if (!Array.isArray(allowed) || !site || site.path.length === 0) return [];
  return allowed.flatMap((value) => {
    const newText = site.edit((json, path) => replaceValue(json, path, toJsonText(value, styleOf(json))));
    return newText === undefined ? [] : [{ title: `Change ${tick(dotted(site.path))} to ${JSON.stringify(value)}`, newText }];
  });
};

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** The value converted to one of the expected types, as JSON text; undefined when not convertible. */
export function convertedText(actual: unknown, expected: string[]): string | undefined {
  for (const type of expected) {
    if (typeof actual === 'string') {
      const s = actual.trim();
      if (type === 'integer' && /^-?\d+$/.test(s) && Number.isSafeInteger(Number(s))) return String(Number(s));
      if (type === 'number' && JSON_NUMBER.test(s) && Number.isFinite(Number(s))) return s;
      if (type === 'boolean' && /^(true|false)$/i.test(s)) return s.toLowerCase();
      if (type === 'null' && s === 'null') return 'null';
      if ((type === 'array' && s.startsWith('[')) || (type === 'object' && s.startsWith('{'))) {
        try {
          const parsed: unknown = JSON.parse(s);
          if (Array.isArray(parsed) === (type === 'array') && typeof parsed === 'object' && parsed !== null) return s;
        } catch {
          // not JSON: not convertible
        }
      }
    } else if ((typeof actual === 'number' || typeof actual === 'boolean') && type === 'string') {
      return JSON.stringify(String(actual));
    }
  }
  return undefined;
}

const convertType: FixProvider = (finding, line) => {
  const expectedData = dataOf<unknown>(finding, 'expected');
  const expected = (Array.isArray(expectedData) ? expectedData : [expectedData]).map(String);
  const site = argumentSite(finding, line);
  if (!site) return [];
  const actual = valueIn(site.args, site.path);
  const text = convertedText(actual, expected);
  if (text === undefined) return [];
  const newText = site.edit((json, path) => replaceValue(json, path, text));
  const label = site.path.length ? tick(dotted(site.path)) : 'the arguments';
  return newText === undefined ? [] : [{ title: `Convert ${label} to ${expected.join(' or ')}: ${text}`, newText, auto: true, preferred: true }];
};

export const argumentValueFixes = { TC511: insertMissing, TC514: removeUnknown, TC513: chooseAllowed, TC512: convertType };
