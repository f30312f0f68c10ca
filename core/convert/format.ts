import type { Example, LossLog } from './example.ts';

/**
 * A dataset format: a reader from one record (a parsed JSON value) to an example and a writer
 * back. Both report to the log what they cannot carry; a reader throws RecordError for a record
 * it cannot read at all.
 */
export interface DatasetFormat {
  name: string;
  /** One line for help texts and pickers. */
  description: string;
  read(record: unknown, log: LossLog): Example;
  write(example: Example, log: LossLog): unknown;
}
