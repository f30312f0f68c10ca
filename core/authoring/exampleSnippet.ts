// "Example for tool X": a whole JSONL line calling X with its required arguments as tab stops.
import type { DeclaredTool } from '../checks/toolSet.ts';
import { escapeForJsonString } from './embeddedJson.ts';
import { parametersOf, propertiesOf, requiredOf, type Schema } from './schemaInfo.ts';
import { choice, placeholder, snippetLiteral } from './snippetText.ts';

/**
 * The snippet of one line: a user request, then the assistant's call to `tool` with each
 * required argument a tab stop. `toolsText` is the `tools` array to put on the line (the JSON
 * text of another line's tools), or undefined when a shared tools file declares the tool.
 */
export function exampleSnippet(tool: DeclaredTool, callId: string, toolsText: string | undefined): string {
  const parameters = parametersOf(tool);
  const properties = new Map(propertiesOf(parameters));
  let stop = 2;
  // Inside "arguments" every JSON quote is written \" (a JSON string inside a JSON string).
  const args = requiredOf(parameters).map((key) => {
    const keyText = snippetLiteral(escapeForJsonString(JSON.stringify(key)));
    return `${keyText}:${valueSnippet(properties.get(key), key, stop++)}`;
  });
  const lit = snippetLiteral;
  return (
    lit('{"messages":[{"role":"user","content":"') +
    placeholder(1, `Ask for ${tool.name}`) +
    lit(`"},{"role":"assistant","tool_calls":[{"id":${JSON.stringify(callId)},"type":"function","function":{"name":${JSON.stringify(tool.name)},"arguments":"{`) +
    args.join(',') +
    lit('}"}}]}]') +
    (toolsText === undefined ? '' : lit(',"tools":' + toolsText)) +
    lit('}') +
    '$0'
  );
}

/** A value as it is written inside the arguments string, as a tab stop of the right type. */
function valueSnippet(schema: Schema | undefined, key: string, n: number): string {
  const q = snippetLiteral('\\"');
  if (Array.isArray(schema?.enum) && schema.enum.length > 0) {
    if (schema.enum.every((v) => typeof v === 'string')) return q + choice(n, schema.enum.map((v) => escapeForJsonString(escapeForJsonString(v)))) + q;
    return choice(n, schema.enum.map((v) => escapeForJsonString(JSON.stringify(v))));
  }
  const types = Array.isArray(schema?.type) ? schema.type : [schema?.type];
  switch (types.find((t) => t !== 'null')) {
    case 'integer':
    case 'number':
      return placeholder(n, typeof schema?.minimum === 'number' && schema.minimum > 0 ? String(schema.minimum) : '0');
    case 'boolean':
      return choice(n, ['false', 'true']);
    case 'array':
      return snippetLiteral('[') + placeholder(n, '') + snippetLiteral(']');
    case 'object':
      return snippetLiteral('{') + placeholder(n, '') + snippetLiteral('}');
    default: {
      const example = typeof schema?.format === 'string' ? FORMAT_EXAMPLES[schema.format] : undefined;
      return q + placeholder(n, escapeForJsonString(escapeForJsonString(example ?? key))) + q;
    }
  }
}

/** Defaults that pass the common string formats. */
const FORMAT_EXAMPLES: Record<string, string> = {
  email: 'name@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  date: '2024-01-01',
  'date-time': '2024-01-01T00:00:00Z',
  time: '12:00:00Z',
  uuid: '00000000-0000-4000-8000-000000000000',
};
