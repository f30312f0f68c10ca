// Lines that are slow to check (a line whose tools compile new schemas with ajv costs 1-2 ms of
// CPU per schema, ten times that in wall time on a loaded machine) must not run back to back
// for long: the cache reads the clock after every line, not every 16th, and yields once
// `yieldAfterMs` have passed. Counted in lines per event-loop turn, not timed.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DatasetValidator } from '../../../core/validate.ts';
import { LineCache } from '../../../server/lineCache.ts';
import type { LineChecker } from '../../../server/lineCacheTypes.ts';
import { sampleLines } from './fixtures.ts';

it('a run of slow lines yields to the event loop after yieldAfterMs, whatever the line count', async () => {
  const validator = new DatasetValidator();
  const LINE_MS = 5;
  let turn = 0;
  const turnOfLine: number[] = [];
  const slow: LineChecker = {
    checkLine(text, index) {
      turnOfLine.push(turn);
      const until = performance.now() + LINE_MS; // stands for a line compiling a few schemas
      while (performance.now() < until);
      return validator.checkLine(text, index);
    },
    position: (text, index, findings) => validator.position(text, index, findings),
    options: validator.options,
  };
  const lines = Array.from({ length: 40 }, (_, i) => sampleLines()[i % 13]!);
  let ticking = true;
  const tick = () => {
    turn++;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  const result = await new LineCache(lines.length).validate({ version: 1, lineCount: lines.length, lineText: (i) => lines[i]! }, slow, { yieldAfterMs: 10 });
  ticking = false;
  assert.equal(result?.checked, 40);
  const perTurn = new Map<number, number>();
  for (const t of turnOfLine) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
  // Each line takes at least LINE_MS, so after 2 lines 10 ms have passed: at most 3 lines a turn (before: 16).
  const most = Math.max(...perTurn.values());
  console.log(`slow lines per event-loop turn: at most ${most} (${perTurn.size} turns for 40 lines)`);
  assert.ok(most <= 3, `${most} slow lines in one turn`);
});
