import { validateText, type ValidationOptions } from '../../core/validate.ts';
import type { Diagnostic } from '../../core/checks/findings.ts';

/** A diagnostic reduced to what tests compare: code, line, columns and the underlined text. */
export interface Seen {
  code: string;
  line: number;
  start: number;
  end: number;
  text: string;
}

/** Validates `text` and returns its diagnostics, without the file-size rule unless asked. */
export function diagnose(text: string, options: ValidationOptions = {}, keepFileSize = false): Seen[] {
  const lines = text.split(/\r?\n/);
  return validateText(text, options)
    .diagnostics.filter((d) => keepFileSize || d.code !== 'TC701')
    .map((d: Diagnostic) => ({ code: d.code, line: d.line, start: d.start, end: d.end, text: (lines[d.line] ?? '').slice(d.start, d.end) }));
}

/** Diagnostics of a single example line (given as a value, serialised compactly). */
export function diagnoseExample(example: unknown, options: ValidationOptions = {}): Seen[] {
  return diagnose(JSON.stringify(example), options);
}

export const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city.',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        days: { type: 'integer', minimum: 1 },
      },
      required: ['city'],
      additionalProperties: false,
    },
  },
};

export const SEARCH_TOOL = {
  type: 'function',
  function: { name: 'search', description: 'Web search.', parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } },
};

/** A valid single-call example whose call arguments are `args` (a string) for `name`. */
export function callExample(args: unknown, name = 'get_weather', extra: Record<string, unknown> = {}) {
  return {
    messages: [
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', tool_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: args } }] },
    ],
    tools: [WEATHER_TOOL, SEARCH_TOOL],
    ...extra,
  };
}
