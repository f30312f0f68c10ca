import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../../core/checks/findings.ts';
import { capDiagnostics, CappedCollector } from '../../../core/checks/diagnosticCap.ts';
import { toLspDiagnostic } from '../../../server/lspDiagnostics.ts';

const diag = (line: number): Diagnostic => ({ line, start: 1, end: 2, severity: 'error', code: 'TC101', message: `bad ${line}` });
const five = [0, 1, 2, 3, 4].map(diag);

describe('diagnostic cap', () => {
  it('keeps everything under the cap', () => {
    assert.deepEqual(capDiagnostics(five, 5), five);
  });

  it('keeps the first N and adds a TC704 note on the first hidden line', () => {
    const capped = capDiagnostics(five, 2);
    assert.deepEqual(capped.slice(0, 2), five.slice(0, 2));
    assert.deepEqual(capped[2], {
      line: 2,
      start: 0,
      end: 0,
      severity: 'info',
      code: 'TC704',
      message: '3 more problems not shown (showing the first 2); fix these, raise toolcall.maxDiagnostics, or run "Toolcall: Validate File on Disk".',
      data: { hidden: 3, limit: 2 },
    });
  });

  it('honours a severity override of TC704, including off', () => {
    assert.equal(capDiagnostics(five, 4, { TC704: 'warning' })[4]!.severity, 'warning');
    assert.deepEqual(capDiagnostics(five, 4, { TC704: 'off' }), five.slice(0, 4));
  });

  it('the streaming collector gives the same answer with bounded memory', () => {
    const collector = new CappedCollector(2);
    five.forEach((d) => collector.add(d));
    assert.equal(collector.shown.length, 2);
    assert.deepEqual(collector.result(), capDiagnostics(five, 2));
  });

  it('publishes code, source and mapped severity, and keeps data in the server (quick-fixes find it again)', () => {
    assert.deepEqual(toLspDiagnostic({ line: 3, start: 4, end: 9, severity: 'warning', code: 'TC702', message: 'dup', data: { firstLine: 0 } }), {
      range: { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } },
      severity: 2,
      code: 'TC702',
      source: 'toolcall',
      message: 'dup',
    });
  });
});
