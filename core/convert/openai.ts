// OpenAI's chat fine-tuning format, also what TRL's SFTTrainer and Unsloth read: the
// identity on both sides, with only the shape checked.
import type { DatasetFormat } from './format.ts';
import { isObject, RecordError, type Example } from './example.ts';

export const openaiFormat: DatasetFormat = {
  name: 'openai',
  description: 'OpenAI chat fine-tuning JSONL: {"messages", "tools"} (also TRL SFTTrainer, Unsloth)',
  read(record) {
    if (!isObject(record)) throw new RecordError('the record is not a JSON object.');
    if (!Array.isArray(record['messages'])) throw new RecordError('"messages" is not an array.');
    record['messages'].forEach((m, i) => {
      if (!isObject(m) || typeof m['role'] !== 'string') throw new RecordError(`message ${i + 1} is not an object with a "role".`);
    });
    return record as Example;
  },
  write(example) {
    return example;
  },
};
