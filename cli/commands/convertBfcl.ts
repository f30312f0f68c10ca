// `toolcall convert --from bfcl`: BFCL's question file and its possible answers as an eval set.
import { access, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { importBfcl } from '../../core/eval/bfclImport.ts';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO } from '../io.ts';
import { deliver } from './convertOutput.ts';

/** The --from name of BFCL's own files. */
export const BFCL = 'bfcl';

export async function convertBfcl(
  input: string,
  values: { to?: string; out?: string; force: boolean; answers?: string; 'round-trip'?: string },
  io: CliIO,
): Promise<number> {
  if (values.to !== undefined && values.to !== 'openai') throw new UsageError('--from bfcl writes an eval set in the openai format only.');
  if (values['round-trip'] !== undefined) throw new UsageError('--from bfcl takes no --round-trip.');
  const questionsPath = path.resolve(io.cwd, input);
  const answersPath = values.answers !== undefined ? path.resolve(io.cwd, values.answers) : await defaultAnswers(questionsPath);
  if (answersPath === undefined) {
    throw new UsageError(`No possible-answer file found for ${input}; give it with --answers FILE.`);
  }
  const [questions, answers] = await Promise.all([read(questionsPath, input), read(answersPath, values.answers ?? answersPath)]);
  const result = importBfcl(questions, answers);
  const answersName = values.answers ?? path.relative(io.cwd, answersPath);
  const report = result.errors.map((e) => `${e.file === 'questions' ? input : answersName}:${e.line}: ${e.message}`);
  let written = 0;
  for (const record of result.records) {
    if (record.line !== undefined) written++;
    for (const note of record.notes) report.push(`${input}: ${record.id}: ${note}`);
  }
  const skipped = result.records.length - written;
  report.push(`${written} of ${result.records.length} questions written, ${skipped} left out.`);
  const output = result.records.flatMap((r) => (r.line === undefined ? [] : [r.line + '\n'])).join('');
  await deliver(output, report, values, io);
  return skipped > 0 || result.errors.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

// BFCL keeps data/BFCL_v3_simple.json beside data/possible_answer/BFCL_v3_simple.json.
async function defaultAnswers(questions: string): Promise<string | undefined> {
  const dir = path.dirname(questions);
  const name = path.basename(questions);
  const stem = name.replace(/\.json$/, '');
  for (const candidate of [path.join(dir, 'possible_answer', name), path.join(dir, `${stem}.possible_answer.json`)]) {
    if (await access(candidate).then(() => true, () => false)) return candidate;
  }
  return undefined;
}

async function read(file: string, shown: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read ${shown} (${error.code ?? error.message}).`);
  });
}
