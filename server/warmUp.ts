// A server's first check runs the core's checking code cold: its modules load and each function
// is compiled on first use, inside the first lines of the first document. The first 3,796 lines
// of the real 50 MB bench file, checked in process (bundled, cachegrind, node --single-threaded):
// 4.15 G instructions cold, 4.00 G after this warm-up, which itself costs 0.16 G (~40 ms). Done
// once, when the client says it is initialized: the server is idle then, and stays idle while a
// client encodes a big document's didOpen (~0.4 s for 50 MB), so the first check starts warm.
import { DEFAULT_SETTINGS } from '../core/protocol.ts';
import { validationOptionsFor } from '../core/settings/validationSettings.ts';
import { DatasetValidator } from '../core/validate.ts';

const call = (args: string) => ({
  messages: [
    { role: 'system', content: 'You answer questions about the weather.' },
    { role: 'user', content: 'Weather in Paris for two days?' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: args } }] },
    { role: 'tool', tool_call_id: 'call_1', content: '{"temp":20}' },
    { role: 'assistant', content: 'It is 20 degrees.' },
  ],
  tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather.', parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } }, required: ['city'], additionalProperties: false } } }],
});

/** A call checked against its tool's schema, an argument of the wrong type, a missing one: the rule families a dataset line meets. */
export const WARM_UP_LINES: readonly string[] = [call('{"city":"Paris","days":2}'), call('{"city":"Paris","days":"two"}'), call('{"days":2}')].map((line) => JSON.stringify(line));

/** Checks WARM_UP_LINES with a validator of its own under the default settings, thrown away after; answers the codes found (tests read them). */
export function warmUpChecks(): string[] {
  const validator = new DatasetValidator(validationOptionsFor(DEFAULT_SETTINGS, undefined));
  return WARM_UP_LINES.flatMap((line, index) => validator.checkLine(line, index).diagnostics.map((d) => d.code));
}
