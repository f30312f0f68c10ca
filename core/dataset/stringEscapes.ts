import { BACKSLASH } from '../text/jsonCharCodes.ts';

/**
 * A JSON string literal decoded, with a map from each decoded UTF-16 index to its index in
 * the raw literal, so that a position inside the decoded text (say, an argument key inside an
 * `arguments` string) can be underlined at the right place in the line.
 */
export interface DecodedString {
  value: string;
  /** rawOffset[i] = offset in the raw literal body of decoded unit i; length value.length + 1. */
  rawOffset: Int32Array;
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const U = 0x75;

/**
 * Decodes the body of a JSON string literal (without its quotes). Invalid escapes are kept verbatim.
 * A valid body (a call's `arguments` in a line that parsed) is decoded by JSON.parse and its
 * offsets made in one loop, instead of building the decoded text one unit at a time.
 */
export function decodeJsonStringBody(raw: string): DecodedString {
  let value: unknown;
  try {
    value = JSON.parse('"' + raw + '"');
  } catch {
    return decodeUnitByUnit(raw);
  }
  if (typeof value !== 'string') return decodeUnitByUnit(raw);
  const rawOffset = new Int32Array(value.length + 1);
  // Valid, so each backslash starts an escape of one unit: \uXXXX (6 characters) or \n, \" ... (2).
  let unit = 0;
  for (let i = 0; i < raw.length; unit++) {
    if (unit >= value.length) return decodeUnitByUnit(raw); // cannot happen for a valid body; never a wrong map
    rawOffset[unit] = i;
    i += raw.charCodeAt(i) !== BACKSLASH ? 1 : raw.charCodeAt(i + 1) === U ? 6 : 2;
  }
  if (unit !== value.length) return decodeUnitByUnit(raw);
  rawOffset[unit] = raw.length;
  return { value, rawOffset };
}

/** Any body, valid or not, one unit at a time (exported for the tests that compare the two ways). */
export function decodeUnitByUnit(raw: string): DecodedString {
  const units: string[] = [];
  const offsets: number[] = [];
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i];
    if (ch !== '\\' || i + 1 >= raw.length) {
      units.push(ch);
      offsets.push(i);
      i += 1;
      continue;
    }
    const next = raw[i + 1];
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
      units.push(String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16)));
      offsets.push(i);
      i += 6;
    } else if (next in SIMPLE_ESCAPES) {
      units.push(SIMPLE_ESCAPES[next]);
      offsets.push(i);
      i += 2;
    } else {
      units.push(ch);
      offsets.push(i);
      i += 1;
    }
  }
  const rawOffset = new Int32Array(units.length + 1);
  offsets.forEach((o, k) => (rawOffset[k] = o));
  rawOffset[units.length] = raw.length;
  return { value: units.join(''), rawOffset };
}
