import type { Utf8Problem } from '../dataset/utf8.ts';
import type { Finding } from './findings.ts';

/** TC108: bytes that are not UTF-8, at the replacement characters they decode to. */
export function invalidUtf8Findings(problems: readonly Utf8Problem[]): Finding[] {
  return problems.map((p) => ({
    code: 'TC108',
    message: `Bytes ${p.hex} at byte ${p.byte} of this line are not UTF-8 (shown as "${'\uFFFD'.repeat(p.length)}"); the fine-tuning service rejects files that are not UTF-8, so write the intended characters and save the file as UTF-8.`,
    target: { path: [], span: { start: p.column, end: p.column + p.length } },
    data: { byte: p.byte, hex: p.hex },
  }));
}
