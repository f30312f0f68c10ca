// Eval bench data from the real-data bench file: its first lines as the eval set, up to about
// `--cases` cases (each assistant turn with tool calls, as `toolcall eval` counts them), and a
// predictions file answering them the way models do: mostly right, sometimes with other key
// order or spacing, a changed value, the wrong tool, a missing or extra call, broken JSON, or
// no answer at all.
// `node bench/realEval.mjs REAL.jsonl EVAL.jsonl PREDICTIONS.jsonl [--cases 21700] [--seed 1]`
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { prng } from './prng.mjs';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { cases: { type: 'string', default: '21700' }, seed: { type: 'string', default: '1' } } });
const [source, evalOut, predictionsOut] = positionals;
if (!predictionsOut) throw new Error('usage: node bench/realEval.mjs REAL.jsonl EVAL.jsonl PREDICTIONS.jsonl [--cases N] [--seed S]');
const random = prng(Number(values.seed));
const wanted = Number(values.cases);

const evalSet = createWriteStream(evalOut);
const predictions = createWriteStream(predictionsOut);
let cases = 0;
let lineNumber = 0;
for await (const line of createInterface({ input: createReadStream(source), crlfDelay: Infinity })) {
  if (cases >= wanted) break;
  lineNumber++;
  evalSet.write(line + '\n');
  let example;
  try {
    example = JSON.parse(line);
  } catch {
    continue;
  }
  const names = (example.tools ?? []).map((t) => t?.function?.name).filter((n) => typeof n === 'string');
  (example.messages ?? []).forEach((message, turn) => {
    if (message?.role !== 'assistant' || !Array.isArray(message.tool_calls) || message.weight === 0) return;
    cases++;
    const answer = predict(message.tool_calls, names);
    if (answer) predictions.write(JSON.stringify({ line: lineNumber, turn, ...answer }) + '\n');
  });
}
await Promise.all([evalSet, predictions].map((s) => new Promise((resolve) => s.end(resolve))));
process.stderr.write(`${evalOut}: ${lineNumber} lines, ${cases} cases; predictions in ${predictionsOut}\n`);

function predict(calls, names) {
  const r = random();
  const copy = calls.map((c) => ({ id: `call_p${Math.floor(random() * 1e9).toString(36)}`, type: 'function', function: { name: c.function.name, arguments: c.function.arguments } }));
  if (r < 0.03) return undefined; // no answer
  if (r < 0.08) return { tool_calls: [], content: 'I cannot help with that.' };
  const k = Math.floor(random() * copy.length);
  const fn = copy[k].function;
  if (r < 0.18) fn.arguments = reshape(fn.arguments, (v) => v, true);
  else if (r < 0.30) fn.arguments = reshape(fn.arguments, changeOneValue, false);
  else if (r < 0.38) fn.name = names.find((n) => n !== fn.name) ?? fn.name + '_v2';
  else if (r < 0.43 && copy.length > 1) copy.splice(k, 1);
  else if (r < 0.48) copy.push(JSON.parse(JSON.stringify(copy[k])));
  else if (r < 0.52) fn.arguments = fn.arguments.slice(0, -1);
  return { tool_calls: copy };
}

/** Arguments re-serialised: keys reversed and spaced (same value) and/or one value changed. */
function reshape(text, change, reverse) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return text;
  const keys = Object.keys(value);
  const out = {};
  for (const key of reverse ? keys.reverse() : keys) out[key] = value[key];
  if (keys.length > 0) {
    const key = keys[Math.floor(random() * keys.length)];
    out[key] = change(out[key]);
  }
  return JSON.stringify(out, null, reverse ? 1 : undefined);
}

function changeOneValue(v) {
  if (typeof v === 'number') return v + 1;
  if (typeof v === 'string') return v + (random() < 0.5 ? ' please' : 'x');
  if (typeof v === 'boolean') return !v;
  if (Array.isArray(v)) return v.slice(1);
  return v;
}
