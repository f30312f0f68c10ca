// The ShareGPT-style `conversations` both LLaMA-Factory's format and Hermes use: a list of
// {from, value} turns, checked once here.
import { isObject, RecordError, reportKeys, type LossLog } from './example.ts';

export interface Turn {
  from: string;
  value: string;
}

/** The record and its turns; throws RecordError naming the first malformed turn. Reports keys other than `carried`. */
export function conversationTurns(record: unknown, carried: readonly string[], log: LossLog): { record: Record<string, unknown>; turns: Turn[] } {
  if (!isObject(record)) throw new RecordError('the record is not a JSON object.');
  const turns = record['conversations'];
  if (!Array.isArray(turns)) throw new RecordError('"conversations" is not an array.');
  reportKeys(record, carried, log);
  turns.forEach((turn, i) => {
    if (!isObject(turn) || typeof turn['from'] !== 'string' || typeof turn['value'] !== 'string') {
      throw new RecordError(`turn ${i + 1} is not an object with "from" and "value" strings.`);
    }
  });
  return { record, turns: turns as Turn[] };
}
