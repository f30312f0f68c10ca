// Markdown about tools and their arguments, for hover and completion documentation.
import type { DeclaredTool } from '../checks/toolSet.ts';
import { parametersOf, propertiesOf, requiredOf, typeLabel, type Schema } from './schemaInfo.ts';

const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

/** The tool's description and a list of its parameters. */
export function describeTool(tool: DeclaredTool): string {
  const parameters = parametersOf(tool);
  const required = requiredOf(parameters);
  const lines = [`**${tool.name}**`];
  if (typeof tool.fn.description === 'string' && tool.fn.description.trim()) lines.push('', tool.fn.description.trim());
  const properties = propertiesOf(parameters);
  if (properties.length) {
    lines.push('', 'Parameters:');
    for (const [key, schema] of properties) {
      const description = typeof schema.description === 'string' && schema.description.trim() ? ` — ${schema.description.trim()}` : '';
      lines.push(`- ${code(key)} ${code(typeLabel(schema))}${required.includes(key) ? ' (required)' : ''}${description}`);
    }
  } else {
    lines.push('', 'No parameters.');
  }
  return lines.join('\n');
}

/** One argument's schema: type, allowed values, whether required, description. */
export function describeArgument(tool: DeclaredTool, key: string, schema: Schema | undefined, required: boolean): string {
  const lines = [`**${key}** ${code(typeLabel(schema))} — argument of ${code(tool.name)}${required ? ', required' : ', optional'}`];
  if (schema && typeof schema.description === 'string' && schema.description.trim()) lines.push('', schema.description.trim());
  if (schema && Array.isArray(schema.enum)) lines.push('', `Allowed values: ${schema.enum.map((v) => code(JSON.stringify(v))).join(', ')}`);
  const limits = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'format', 'minItems', 'maxItems', 'default']
    .filter((k) => schema && k in schema)
    .map((k) => `${k}: ${code(JSON.stringify(schema![k]))}`);
  if (limits.length) lines.push('', limits.join(' · '));
  return lines.join('\n');
}
