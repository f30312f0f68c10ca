import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capDiagnostics } from '../../../core/checks/diagnosticCap.ts';
import type { Diagnostic } from '../../../core/checks/findings.ts';
import { capFirst, headFor } from '../../../server/lspDiagnostics.ts';
import { prng } from './fixtures.ts';

describe('capFirst', () => {
  it('equals capDiagnostics of the whole list, from the head of it and the total', () => {
    const r = prng(7);
    let compared = 0;
    for (const total of [0, 1, 2, 3, 9, 10, 11, 12, 50]) {
      const all: Diagnostic[] = Array.from({ length: total }, (_, i) => ({ line: i + r(3), start: 0, end: 1, severity: 'warning', code: 'TC702', message: `m${i}` }));
      for (const max of [0, 0.5, 1, 2, 9.7, 10, 11, 49, 50, 51, 1000]) {
        for (const overrides of [undefined, { TC704: 'off' as const }]) {
          const head = all.slice(0, headFor(max));
          assert.deepEqual(capFirst(head, total, max, overrides), capDiagnostics(all, max, overrides), `total ${total}, max ${max}`);
          compared++;
        }
      }
    }
    assert.equal(compared, 198);
  });

  it('reads one diagnostic past the cap (the line of the TC704 note)', () => {
    assert.equal(headFor(1000), 1001);
    assert.equal(headFor(0), 2);
    const head: Diagnostic[] = [0, 4, 9].map((line) => ({ line, start: 0, end: 0, severity: 'error', code: 'TC101', message: 'x' }));
    const shown = capFirst(head, 7, 2);
    assert.deepEqual(shown.map((d) => `${d.line}:${d.code}`), ['0:TC101', '4:TC101', '9:TC704']);
    assert.equal(shown[2]!.message, '5 more problems not shown (showing the first 2); fix these, raise toolcall.maxDiagnostics, or run "Toolcall: Validate File on Disk".');
  });
});
