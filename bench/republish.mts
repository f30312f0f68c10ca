// Republish latency: open a generated 100k-line dataset over stdio (the server bundle), make 50
// single-line edits, and time didChange -> publishDiagnostics of that version. Also times a
// request answered while the initial full validation runs (threat 11).
// Run: node scripts/build.mjs && node --import tsx bench/republish.mts [lines] [edits]
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StdioClient } from '../test/lsp/stdioClient.ts';

const LINES = Number(process.argv[2] ?? 100_000);
const EDITS = Number(process.argv[3] ?? 50);
const tools = [
  { type: 'function', function: { name: 'get_weather', description: 'Weather.', parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } }, required: ['city'], additionalProperties: false } } },
  { type: 'function', function: { name: 'search', description: 'Search.', parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } } },
];
const example = (i: number) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `Weather in city ${i}?` },
      { role: 'assistant', tool_calls: [{ id: `call_${i}`, type: 'function', function: { name: 'get_weather', arguments: JSON.stringify(i % 997 === 0 ? { town: 'x' } : { city: `C${i}`, days: 1 + (i % 5) }) } }] },
      { role: 'tool', tool_call_id: `call_${i}`, content: '{"temp": 20}' },
      { role: 'assistant', content: `It is 20 degrees in C${i}.` },
    ],
    tools,
  });

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

const client = new StdioClient();
await client.initialize();
const uri = pathToFileURL(path.resolve('bench/generated-100k.jsonl')).href;
const lines = Array.from({ length: LINES }, (_, i) => example(i));
const text = lines.join('\n') + '\n';
console.log(`document: ${LINES} lines, ${(text.length / 1024 / 1024).toFixed(1)} MB`);

let t0 = performance.now();
await client.open(uri, text, 1);
// A request while the first full validation runs: the server yields between chunks of lines.
await new Promise((r) => setTimeout(r, 300));
const tr = performance.now();
await client.connection.sendRequest('toolcall/validateFileOnDisk', { uri: 'untitled:probe' }).catch(() => undefined);
const probe = performance.now() - tr;
await client.diagnosticsFor(uri, 1);
console.log(`open -> first publish: ${ms(performance.now() - t0)}; a request during it answered in ${ms(probe)}`);

const times: number[] = [];
for (let k = 0; k < EDITS; k++) {
  const version = k + 2;
  const line = Math.floor(((k + 1) * LINES) / (EDITS + 1));
  const at = lines[line]!.indexOf(`city ${line}?`);
  const from = client.diagnostics.length;
  t0 = performance.now();
  await client.change(uri, version, [{ range: { start: { line, character: at }, end: { line, character: at + 4 } }, text: k % 2 ? 'town' : 'CITY' }]);
  await client.diagnosticsFor(uri, version, from);
  times.push(performance.now() - t0);
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`didChange -> publishDiagnostics over ${EDITS} single-line edits (includes the ${150} ms debounce):`);
console.log(`  p50 ${ms(quantile(sorted, 0.5))}  p95 ${ms(quantile(sorted, 0.95))}  min ${ms(sorted[0]!)}  max ${ms(sorted.at(-1)!)}  mean ${ms(times.reduce((a, b) => a + b, 0) / times.length)}`);
await client.stop();
