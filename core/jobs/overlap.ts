// Lines that appear in both the training and the validation file: a validation loss
// measured on training examples says nothing. Lines are compared by a hash of their
// trimmed text, so memory grows with the training file's line count, not its bytes.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { streamLines } from '../dataset/streamLines.ts';

/** A validation line that is also a training line (0-based indexes). */
export interface OverlapLine {
  validationLine: number;
  trainingLine: number;
}

export async function findOverlap(trainingFile: string, validationFile: string): Promise<OverlapLine[]> {
  const training = new Map<string, number>();
  for await (const line of streamLines(createReadStream(trainingFile, { highWaterMark: 1 << 20 }))) {
    const key = lineKey(line.text);
    if (key !== undefined && !training.has(key)) training.set(key, line.index);
  }
  const overlap: OverlapLine[] = [];
  for await (const line of streamLines(createReadStream(validationFile, { highWaterMark: 1 << 20 }))) {
    const key = lineKey(line.text);
    const trainingLine = key === undefined ? undefined : training.get(key);
    if (trainingLine !== undefined) overlap.push({ validationLine: line.index, trainingLine });
  }
  return overlap;
}

function lineKey(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : createHash('sha256').update(trimmed).digest('base64');
}
