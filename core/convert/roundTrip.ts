// The round-trip check: openai -> FORMAT -> openai must give back the example up to what the
// format reported it could not carry. Call ids are renumbered, `arguments` compared as parsed
// JSON, a null content taken as no content and weight 1 as no weight, so a record whose only loss is its ids must come back equal; any other
// difference without a reported loss is a silent loss, which is a bug.
import type { DatasetFormat } from './format.ts';
import { LossLog, RecordError, isObject, type Example } from './example.ts';
import { openaiFormat } from './openai.ts';

export interface RoundTripOutcome {
  /** Equal after renumbering ids and parsing arguments. */
  equal: boolean;
  /** Losses reported on the way out and back, ids excluded. */
  losses: string[];
  /** Not equal and nothing but ids reported: a bug in a reader or writer. */
  silent: boolean;
  error?: string;
}

export function roundTrip(record: unknown, format: DatasetFormat, from: DatasetFormat = openaiFormat): RoundTripOutcome {
  const log = new LossLog();
  try {
    const original = from.read(record, log);
    const written = format.write(structuredClone(original), log);
    const back = format.read(JSON.parse(JSON.stringify(written)), log);
    const equal = JSON.stringify(canonical(original)) === JSON.stringify(canonical(back));
    const losses = log.losses.filter((l) => l.kind !== 'ids').map((l) => l.message);
    return { equal, losses, silent: !equal && losses.length === 0 };
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    return { equal: false, losses: [], silent: false, error: error.message };
  }
}

/** The example with call ids renumbered (replies follow) and arguments parsed, for comparison. */
export function canonical(example: Example): unknown {
  const ids = new Map<string, string>();
  const messages = example.messages.map((m) => {
    const copy: Record<string, unknown> = { ...m };
    // "content": null and no content mean the same to every trainer.
    if (copy['content'] === null) delete copy['content'];
    // Weight 1 is the default: writing it or not trains the same.
    if (copy['weight'] === 1) delete copy['weight'];
    if (m.tool_calls) {
      copy['tool_calls'] = m.tool_calls.map((c) => {
        const id = `call_${ids.size + 1}`;
        if (c.id !== undefined) ids.set(c.id, id);
        return { ...c, id, function: { ...c.function, arguments: parsed(c.function.arguments) } };
      });
    }
    if (typeof m.tool_call_id === 'string') copy['tool_call_id'] = ids.get(m.tool_call_id) ?? m.tool_call_id;
    return sortKeys(copy);
  });
  return sortKeys({ ...example, messages });
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
}
