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

/** Decodes the body of a JSON string literal (without its quotes). Invalid escapes are kept verbatim. */
export function decodeJsonStringBody(raw: string): DecodedString {
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
