// Where `toolcall convert` puts what it made: the records and the per-line report.
import { access, mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { UsageError, type CliIO } from '../io.ts';

/** Writes the records to --out (refusing to overwrite without --force) and the report to stdout, or both to the console. */
export async function deliver(output: string, report: string[], values: { out?: string; force: boolean }, io: CliIO): Promise<void> {
  const text = report.map((l) => l + '\n').join('');
  if (values.out === undefined) {
    io.stdout(output);
    io.stderr(text);
    return;
  }
  const out = path.resolve(io.cwd, values.out);
  if (!values.force && (await access(out).then(() => true, () => false))) throw new UsageError(`${values.out} exists; pass --force to overwrite it.`);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, output);
  io.stdout(text);
}
