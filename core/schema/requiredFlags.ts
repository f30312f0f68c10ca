// Draft-3 schemas (common in converted datasets) mark a required property with
// "required": true on the property itself; later drafts list the names in a "required"
// array on the object. Lifted here, so the calls are checked as their author meant.
import type { JsonPath } from './types.ts';
import { pathOf, walkSchemas } from './schemaWalk.ts';
import { SchemaEditor, setOwn } from './schemaEditor.ts';
import { DEFAULT_BUDGET } from './budget.ts';

/** One boolean "required" flag, and the property it was on. */
export interface RequiredFlag {
  /** Path of the flag ("required" keyword) from the root of the parameters. */
  path: JsonPath;
  /** Path of the object schema whose "required" array it belongs in (undefined when not under "properties"). */
  objectPath?: JsonPath;
  property?: string;
  value: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The schema with every boolean "required" removed and each `true` under "properties" added to
 * its object's "required" array (kept in order, no duplicates). Unchanged (same object) when
 * there are no such flags.
 */
export function liftRequiredFlags(schema: unknown): { schema: unknown; flags: RequiredFlag[] } {
  const flags: RequiredFlag[] = [];
  const editor = new SchemaEditor(schema);
  const lifted = new Map<object, string[]>();
  walkSchemas(schema, (site) => {
    if (typeof site.schema.required !== 'boolean') return;
    const path = [...pathOf(site), 'required'];
    const parent = site.parent;
    const underProperties = parent !== null && site.via.length === 2 && site.via[0] === 'properties';
    const flag: RequiredFlag = { path, value: site.schema.required };
    if (underProperties) {
      flag.objectPath = pathOf(parent);
      flag.property = String(site.via[1]);
    }
    flags.push(flag);
    delete editor.writable(site).required;
    if (underProperties && site.schema.required === true) {
      const names = lifted.get(parent.schema) ?? [];
      names.push(String(site.via[1]));
      lifted.set(parent.schema, names);
      const copy = editor.writable(parent);
      const existing = Array.isArray(parent.schema.required) ? (parent.schema.required as unknown[]) : [];
      setOwn(copy, 'required', [...existing, ...names.filter((n) => !existing.includes(n))]);
    }
  }, DEFAULT_BUDGET.maxDepth);
  flags.sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
  return { schema: editor.result, flags };
}
