import { readFile, writeFile, access } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { splitByteLines } from '../../core/dataset/lineBytes.ts';
import { CATEGORIES } from '../../core/stats/category.ts';
import { splitDataset } from '../../core/stats/split.ts';
import { EXIT_OK, UsageError, type CliIO } from '../io.ts';

const NEWLINE = Buffer.from('\n');

export const usage = `Usage: toolcall split FILE [--ratio 0.8] [--seed N] [--force]

Splits a dataset into training and validation files next to it (FILE.train.jsonl, FILE.validation.jsonl).
Stratified by category, deterministic for a seed; exact copies of an example stay on one side.

  --ratio R   share of each category that goes to training, between 0 and 1 (default 0.8)
  --seed N    seed of the shuffle (default 42)
  --force     overwrite existing output files`;

export async function splitCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ratio: { type: 'string', default: '0.8' }, seed: { type: 'string', default: '42' }, force: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError('Give exactly one FILE.');
  const ratio = Number(values.ratio);
  if (!(ratio > 0 && ratio < 1)) throw new UsageError(`--ratio expects a number between 0 and 1, not "${values.ratio}".`);
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed expects an integer, not "${values.seed}".`);

  const source = path.resolve(io.cwd, positionals[0]);
  const data = await readFile(source).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read ${positionals[0]} (${error.code ?? error.message}).`);
  });
  // Lines are written back from their own bytes: invalid UTF-8 stays as it was (validate reports it).
  const byteLines = splitByteLines(data);
  const lines = byteLines.map((line, index) => ({ index, start: 0, text: line.text }));
  const result = splitDataset(lines, { ratio, seed });
  const stem = source.replace(/\.jsonl$/i, '');
  const outputs = { train: `${stem}.train.jsonl`, validation: `${stem}.validation.jsonl` };
  if (!values.force) {
    for (const file of Object.values(outputs)) {
      const exists = await access(file).then(() => true, () => false);
      if (exists) throw new UsageError(`${path.relative(io.cwd, file)} exists; pass --force to overwrite it.`);
    }
  }
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
  const body = (indexes: number[]) =>
    Buffer.concat(indexes.flatMap((i) => {
      const bytes = byteLines[i].bytes;
      return [bytes.subarray(0, 3).equals(BOM) ? bytes.subarray(3) : bytes, NEWLINE];
    }));
  await writeFile(outputs.train, body(result.train));
  await writeFile(outputs.validation, body(result.validation));

  const per = CATEGORIES.filter((c) => result.byCategory[c].train + result.byCategory[c].validation > 0)
    .map((c) => `${c} ${result.byCategory[c].train}/${result.byCategory[c].validation}`)
    .join(', ');
  io.stdout(`${path.relative(io.cwd, outputs.train)}: ${result.train.length} examples\n${path.relative(io.cwd, outputs.validation)}: ${result.validation.length} examples\n`);
  io.stdout(`by category (train/validation): ${per || 'none'}\n`);
  if (result.invalid.length) io.stderr(`${result.invalid.length} lines are not examples and were left out (lines ${result.invalid.slice(0, 10).map((i) => i + 1).join(', ')}); run "toolcall validate".\n`);
  return EXIT_OK;
}
