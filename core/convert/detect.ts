// Guesses the format of a dataset from its first record, to preselect "from" in Convert Dataset.
import { isObject } from './example.ts';
import { splitRecords } from './records.ts';

export function detectFormat(text: string): string | undefined {
  // Only the start of the file: enough for a first record, cheap on large files.
  const head = text.slice(0, 1 << 20);
  const first = splitRecords(head.includes('\n') && !head.trimStart().startsWith('[') ? head.slice(0, head.indexOf('\n')) : head).records[0]?.value;
  if (!isObject(first)) return undefined;
  if (Array.isArray(first['messages'])) return 'openai';
  if (typeof first['query'] === 'string' && 'answers' in first) return 'xlam';
  const turns = first['conversations'];
  if (!Array.isArray(turns)) return undefined;
  const froms = new Set(turns.map((t) => (isObject(t) ? t['from'] : undefined)));
  const values = turns.map((t) => (isObject(t) && typeof t['value'] === 'string' ? t['value'] : '')).join('\n');
  if (froms.has('function_call') || froms.has('observation') || 'tools' in first || 'system' in first) return 'sharegpt';
  if (froms.has('tool') || /<tool_call>|<tools>/.test(values)) return 'hermes';
  return 'sharegpt';
}
