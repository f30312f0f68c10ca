// A call to a tool nobody declared: a declaration skeleton inferred from the call's arguments.
import { isObject } from '../../checks/findings.ts';
import { insertArrayItem, insertProperty, styleOf, toJsonText } from '../jsonEdit.ts';
import { callPathOf, functionPathOf, type LineAnalysis } from '../lineAnalysis.ts';
import { inferSchema } from '../schemaInfo.ts';
import { tick, type FixProvider } from './types.ts';

/** `{"type":"function","function":{name, description, parameters}}` with parameter types from the values. */
export function declarationSkeleton(name: string, args: unknown): Record<string, unknown> {
  let parsed = args;
  if (typeof args === 'string') {
    try {
      parsed = JSON.parse(args);
    } catch {
      parsed = {};
    }
  }
  const parameters = isObject(parsed) ? inferSchema(parsed) : { type: 'object', properties: {}, required: [] };
  return { type: 'function', function: { name, description: '', parameters } };
}

const declareTool: FixProvider = (finding, line) => {
  const callPath = callPathOf(finding.target.path);
  const example = line.example;
  if (!callPath || !example || 'functions' in example) return [];
  const fn = line.valueAt(functionPathOf(callPath));
  if (!isObject(fn) || typeof fn.name !== 'string') return [];
  const style = styleOf(line.body);
  const skeleton = toJsonText(declarationSkeleton(fn.name, fn.arguments), style);
  let body: string | undefined;
  if (Array.isArray(example.tools)) body = insertArrayItem(line.body, ['tools'], example.tools.length, skeleton, style);
  else if (!('tools' in example) && !line.context.sharedTools) body = insertProperty(line.body, [], 'tools', `[${skeleton}]`, 'last', style);
  return body === undefined ? [] : [{ title: `Declare tool ${tick(fn.name)} (skeleton from this call's arguments)`, newText: line.withBody(body) }];
};

export const declarationFixes = { TC505: declareTool, TC516: declareTool };
