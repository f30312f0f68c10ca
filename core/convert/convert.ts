// Converts a dataset between formats record by record: every record is read into an OpenAI
// example and written in the target format, with what either side could not carry reported
// for that record. A record that cannot be read or written is reported and left out.
import type { DatasetFormat } from './format.ts';
import { LossLog, RecordError, type Example, type Loss } from './example.ts';
import { splitRecords } from './records.ts';

/** The report of one record: its losses, or why it was left out. */
export interface RecordReport {
  /** 1-based line (JSONL) or record number (JSON array) in the source. */
  line: number;
  /** 1-based line in the output; absent when the record was left out. */
  outputLine?: number;
  losses: Loss[];
  error?: string;
}

export interface ConversionResult {
  /** JSON Lines, one record a line. */
  output: string;
  unit: 'line' | 'record';
  reports: RecordReport[];
  /** Records read, written, left out; losses by kind. */
  totals: { records: number; written: number; skipped: number; withLosses: number; losses: Record<string, number> };
}

/** Reads one record as an example, then writes it; throws RecordError with "reading"/"writing" said. */
export function convertRecord(value: unknown, from: DatasetFormat, to: DatasetFormat, log: LossLog): { example: Example; record: unknown } {
  let example: Example;
  try {
    example = from.read(value, log);
  } catch (error) {
    if (error instanceof RecordError) throw new RecordError(`cannot read as ${from.name}: ${error.message}`);
    throw error;
  }
  try {
    return { example, record: to === from ? value : to.write(example, log) };
  } catch (error) {
    if (error instanceof RecordError) throw new RecordError(`cannot write as ${to.name}: ${error.message}`);
    throw error;
  }
}

export function convertDataset(text: string, from: DatasetFormat, to: DatasetFormat): ConversionResult {
  const source = splitRecords(text);
  const reports: RecordReport[] = source.errors.map((e) => ({ line: e.line, losses: [], error: e.message }));
  const out: string[] = [];
  for (const { line, value } of source.records) {
    const log = new LossLog();
    try {
      const { record } = convertRecord(value, from, to, log);
      out.push(JSON.stringify(record));
      reports.push({ line, outputLine: out.length, losses: log.losses });
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      reports.push({ line, losses: log.losses, error: error.message });
    }
  }
  reports.sort((a, b) => a.line - b.line);
  const losses: Record<string, number> = {};
  for (const r of reports) for (const l of r.losses) losses[l.kind] = (losses[l.kind] ?? 0) + 1;
  return {
    output: out.map((l) => l + '\n').join(''),
    unit: source.unit,
    reports,
    totals: {
      records: reports.length,
      written: out.length,
      skipped: reports.filter((r) => r.error !== undefined).length,
      withLosses: reports.filter((r) => r.losses.length > 0).length,
      losses,
    },
  };
}

/** The report as text lines: "LINE: message" per loss and per record left out, then a summary line. */
export function formatReport(result: ConversionResult, source: string): string[] {
  const lines: string[] = [];
  for (const r of result.reports) {
    const at = `${source}:${result.unit === 'record' ? 'record ' : ''}${r.line}`;
    if (r.error !== undefined) lines.push(`${at}: left out: ${r.error}`);
    for (const l of r.losses) lines.push(`${at}: ${l.message}`);
  }
  const kinds = Object.entries(result.totals.losses).map(([k, n]) => `${k} ${n}`).join(', ');
  lines.push(`${result.totals.written} of ${result.totals.records} records written, ${result.totals.skipped} left out, ${result.totals.withLosses} with losses${kinds ? ` (${kinds})` : ''}.`);
  return lines;
}
