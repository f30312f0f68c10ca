// Splits a dataset file into records: JSON Lines (one record a line), or one JSON array of
// records (as LLaMA-Factory and Hugging Face dumps often are), where "line" is the record's number.
import { splitLines } from '../dataset/lines.ts';

export interface SourceRecord {
  /** 1-based line in JSONL, 1-based index in a JSON array. */
  line: number;
  value: unknown;
}

export interface SourceRecords {
  /** 'line' for JSONL, 'record' for a JSON array: how the report names a position. */
  unit: 'line' | 'record';
  records: SourceRecord[];
  /** Lines that are not JSON; blank lines are skipped. */
  errors: { line: number; message: string }[];
}

export function splitRecords(text: string): SourceRecords {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('[')) {
    try {
      const array: unknown = JSON.parse(body);
      if (Array.isArray(array)) return { unit: 'record', records: array.map((value, i) => ({ line: i + 1, value })), errors: [] };
    } catch {
      // not one JSON array: read it as JSON Lines below (a line may hold an array)
    }
  }
  const records: SourceRecord[] = [];
  const errors: SourceRecords['errors'] = [];
  for (const line of splitLines(body)) {
    if (line.text.trim() === '') continue;
    try {
      records.push({ line: line.index + 1, value: JSON.parse(line.text) });
    } catch (error) {
      errors.push({ line: line.index + 1, message: `not JSON (${(error as Error).message}).` });
    }
  }
  return { unit: 'line', records, errors };
}
