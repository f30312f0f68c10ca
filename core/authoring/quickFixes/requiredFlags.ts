// Draft-3 "required": true on properties, lifted into "required" arrays on their objects, in
// the style of the line (the same lift the checks apply before checking calls).
import { isObject } from '../../checks/findings.ts';
import type { JsonPath } from '../../dataset/jsonPath.ts';
import { liftRequiredFlags } from '../../schema/index.ts';
import { insertProperty, removeProperty, replaceValue, styleOf, toJsonText } from '../jsonEdit.ts';
import { valueIn } from './argumentSite.ts';
import { parametersPathOf } from './schemaTypes.ts';
import { tick, type FixProvider } from './types.ts';

const liftFlags: FixProvider = (finding, line) => {
  const parametersPath = parametersPathOf(finding.target.path);
  const parameters = parametersPath && line.valueAt(parametersPath);
  if (!parametersPath || !isObject(parameters)) return [];
  const { schema, flags } = liftRequiredFlags(parameters);
  if (flags.length === 0) return [];
  const style = styleOf(line.body);
  let body: string | undefined = line.body;
  // Flags first (paths of the objects do not move), then each object's array.
  for (const flag of [...flags].reverse()) body = body && removeProperty(body, [...parametersPath, ...flag.path]);
  const objects = new Map<string, JsonPath>();
  for (const flag of flags) if (flag.objectPath && flag.value) objects.set(JSON.stringify(flag.objectPath), flag.objectPath);
  for (const objectPath of objects.values()) {
    const lifted = valueIn(schema, [...objectPath, 'required']);
    const at = [...parametersPath, ...objectPath];
    const text = toJsonText(lifted, style);
    body = body && (Array.isArray(valueIn(parameters, [...objectPath, 'required'])) ? replaceValue(body, [...at, 'required'], text) : insertProperty(body, at, 'required', text, 'last', style));
  }
  if (body === undefined) return [];
  const name = line.valueAt([...parametersPath.slice(0, -1), 'name']);
  return [{ title: `Lift the draft-3 "required" flags of ${tick(name)} into "required" arrays`, newText: line.withBody(body), auto: true, preferred: true }];
};

export const requiredFlagFixes = { TC412: liftFlags };
