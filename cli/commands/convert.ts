import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { convertDataset, formatReport } from '../../core/convert/convert.ts';
import { FORMAT_NAMES, formatNamed } from '../../core/convert/formats.ts';
import type { DatasetFormat } from '../../core/convert/format.ts';
import { splitRecords } from '../../core/convert/records.ts';
import { roundTrip } from '../../core/convert/roundTrip.ts';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO } from '../io.ts';
import { BFCL, convertBfcl } from './convertBfcl.ts';
import { deliver } from './convertOutput.ts';

export const usage = `Usage: toolcall convert --from FORMAT --to FORMAT IN [-o OUT] [--force] | --round-trip FORMAT [--from FORMAT] IN
       toolcall convert --from bfcl QUESTIONS.json [--answers POSSIBLE_ANSWER.json] [-o OUT] [--force]

Converts a dataset between the formats people train with, reporting per line what the target cannot carry.
Formats: ${FORMAT_NAMES.join(', ')}. IN is JSON Lines or one JSON array of records; the output is JSON Lines.

  --from FORMAT        the format of IN (default openai)
  --to FORMAT          the format to write
  -o, --out OUT        write the records to OUT (default: standard output, the report to standard error)
  --force              overwrite OUT
  --round-trip FORMAT  check IN -> FORMAT -> back instead: prints every record that does not come back equal,
                       with its reported losses; exit 1 when a record changed with nothing reported
  --from bfcl          a Berkeley Function Calling Leaderboard question file and its possible answers, as an eval
                       set with acceptable alternatives (see README, "Structural match")
  --answers FILE       with --from bfcl: the possible-answer file (default: possible_answer/NAME beside the
                       questions, as in BFCL's data folder, or NAME_STEM.possible_answer.json)`;

const OPTIONS = {
  from: { type: 'string', default: 'openai' },
  to: { type: 'string' },
  out: { type: 'string', short: 'o' },
  force: { type: 'boolean', default: false },
  'round-trip': { type: 'string' },
  answers: { type: 'string' },
} as const;

function format(name: string, option: string): DatasetFormat {
  const found = formatNamed(name);
  if (typeof found === 'string') throw new UsageError(`${option}: ${found}`);
  return found;
}

export async function convertCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('Give exactly one input file.');
  if (values.from === BFCL) return convertBfcl(positionals[0], values, io);
  if (values.answers !== undefined) throw new UsageError('--answers goes with --from bfcl.');
  const from = format(values.from, '--from');
  const input = positionals[0];
  const text = await readFile(path.resolve(io.cwd, input), 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read ${input} (${error.code ?? error.message}).`);
  });
  if (values['round-trip'] !== undefined) {
    if (values.to !== undefined || values.out !== undefined) throw new UsageError('--round-trip takes no --to or --out.');
    return roundTripReport(text, input, from, format(values['round-trip'], '--round-trip'), io);
  }
  if (values.to === undefined) throw new UsageError('Give the target format with --to FORMAT.');
  const to = format(values.to, '--to');
  const result = convertDataset(text, from, to);
  await deliver(result.output, formatReport(result, input), values, io);
  return result.totals.skipped > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

function roundTripReport(text: string, input: string, from: DatasetFormat, via: DatasetFormat, io: CliIO): number {
  const source = splitRecords(text);
  const counts = { equal: 0, lossy: 0, silent: 0, failed: source.errors.length };
  for (const e of source.errors) io.stdout(`${input}:${e.line}: ${e.message}\n`);
  for (const { line, value } of source.records) {
    const outcome = roundTrip(value, via, from);
    const at = `${input}:${source.unit === 'record' ? 'record ' : ''}${line}`;
    if (outcome.error !== undefined) {
      counts.failed++;
      io.stdout(`${at}: ${outcome.error}\n`);
    } else if (outcome.equal) counts.equal++;
    else if (outcome.silent) {
      counts.silent++;
      io.stdout(`${at}: changed with no loss reported\n`);
    } else {
      counts.lossy++;
      for (const l of outcome.losses) io.stdout(`${at}: ${l}\n`);
    }
  }
  io.stdout(`read as ${from.name}, written as ${via.name}, read back: ${source.records.length + source.errors.length} records, ${counts.equal} equal, ${counts.lossy} changed with losses reported, ${counts.silent} changed silently, ${counts.failed} failed.\n`);
  return counts.silent > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
