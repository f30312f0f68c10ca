// The second bench dataset, built only from real files: every `*.jsonl` directly in the corpora
// folder (public datasets converted to the chat format, see its README), replicated to about
// `--mb` megabytes. Each replica keeps a line's text (system prompt, tools JSON, schemas with
// their non-standard types) and changes only what differs between real examples of one source:
// fresh call ids (replies keep matching their call) and, on most replicas, the user's wording.
// About 3% of lines are written twice, verbatim (real files hold duplicates).
// `node bench/realData.mjs OUT.jsonl [--mb 100] [--seed 1] [--corpora DIR]`; exit 3 (and a
// message) when the corpora folder is absent, so the bench can skip this dataset.
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prng } from './prng.mjs';

// `../shared/corpora` beside the repository, or beside the folder of worktrees (a checkout under
// wt/NAME), unless --corpora or TOOLCALL_CORPORA names another.
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_CORPORA = process.env.TOOLCALL_CORPORA
  ?? [path.resolve(repo, '../shared/corpora'), path.resolve(repo, '../../shared/corpora')].find((d) => existsSync(d))
  ?? path.resolve(repo, '../shared/corpora');

/** The corpus lines, file by file in name order (blank lines dropped). */
export function corpusLines(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  return files.flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => l.replace(/\r$/, '')));
}

// Ways people phrase the same request; replica 0 keeps the original wording.
const OPENERS = ['', 'Please help: ', 'Hi! ', 'Quick question. ', 'Could you do this for me? ', 'I need this now: ', 'Hello, ', 'Thanks in advance. '];
const ID = /"(id|tool_call_id)": "((?:[^"\\]|\\.)*)"/g;
const USER = /"role": "user", "content": "/;

/** One replica of a corpus line: fresh call ids (consistent within the line) and maybe new wording. */
export function replicate(line, replica, random) {
  const ids = new Map();
  let text = line.replace(ID, (_, key, old) => {
    if (!ids.has(old)) ids.set(old, `call_${replica.toString(36)}x${Math.floor(random() * 2 ** 40).toString(36)}`);
    return `"${key}": "${ids.get(old)}"`;
  });
  if (replica > 0) {
    const opener = OPENERS[Math.floor(random() * OPENERS.length)];
    if (opener) text = text.replace(USER, (m) => m + opener);
  }
  return text;
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { mb: { type: 'string', default: '100' }, seed: { type: 'string', default: '1' }, corpora: { type: 'string', default: DEFAULT_CORPORA } } });
  const out = positionals[0];
  if (!out) throw new Error('usage: node bench/realData.mjs OUT.jsonl [--mb 100] [--seed 1] [--corpora DIR]');
  if (!existsSync(values.corpora)) {
    process.stderr.write(`${values.corpora} does not exist: the real-data bench dataset cannot be built.\n`);
    process.exit(3);
  }
  const lines = corpusLines(values.corpora);
  if (lines.length === 0) throw new Error(`${values.corpora} holds no *.jsonl lines`);
  const random = prng(Number(values.seed));
  const target = Number(values.mb) * 1e6;
  const stream = createWriteStream(out);
  let bytes = 0;
  let written = 0;
  for (let replica = 0; bytes < target; replica++) {
    for (const line of lines) {
      const text = replicate(line, replica, random) + '\n';
      const copies = random() < 0.03 ? 2 : 1;
      for (let c = 0; c < copies; c++) {
        if (!stream.write(text)) await new Promise((resolve) => stream.once('drain', resolve));
        bytes += Buffer.byteLength(text);
        written++;
      }
      if (bytes >= target) break;
    }
  }
  await new Promise((resolve, reject) => stream.end((error) => (error ? reject(error) : resolve())));
  process.stderr.write(`${out}: ${written} lines, ${(bytes / 1e6).toFixed(1)} MB from ${lines.length} corpus lines\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
