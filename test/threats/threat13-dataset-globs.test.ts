// Threat 13: a cloned repository can freeze the language server through `toolcall.datasets`.
// picomatch compiles globs to backtracking RegExps: `@(a*)*(a*)*(a*)*(a*)*(a*)z.jsonl` against a
// file name of 28 "a"s took 481 s. Globs are now matched by RE2 (linear time), `!(...)` is
// refused with a message, and the setting is restricted (user settings only in Restricted Mode).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { compileGlob } from '../../core/dataset/glob.ts';
import { datasetGlobProblems, isDataset, matchesDatasetGlobs } from '../../server/datasetDetection.ts';
import { FIRST_LINE } from './inputs.ts';
import { assertAnswers, diagnosticsOf, startServer } from './stdio.ts';

const EVIL = '@(a*)*(a*)*(a*)*(a*)*(a*)z.jsonl';
const lines = (...texts: string[]) => ({ lineCount: texts.length, lineText: (i: number) => texts[i]! });

test('threat 13: dataset globs (the backtracking glob against 28 and 2,000 letters: no match, in linear time)', { timeout: 60_000 }, () => {
  for (const letters of [28, 2000]) {
    const name = 'a'.repeat(letters) + '.jsonl';
    const started = performance.now();
    assert.equal(matchesDatasetGlobs(`/ws/${name}`, [EVIL], ['/ws']), false);
    assert.equal(matchesDatasetGlobs(`/ws/${'a'.repeat(letters)}z.jsonl`, [EVIL], ['/ws']), true);
    // No bound on ms: the test's 60 s timeout fails a backtracking matcher (picomatch needed 481 s
    // for 28 letters); the figure is printed.
    console.log(`${letters} letters: ${(performance.now() - started).toFixed(1)} ms`);
  }
});

test('threat 13: dataset globs (same answers as picomatch on ordinary globs)', () => {
  const picomatch = createRequire(__filename)('picomatch') as (glob: string, options: { dot: boolean }) => (input: string) => boolean;
  const globs = ['*.jsonl', 'data/**/*.jsonl', '**/run.jsonl', 'data/*.jsonl', 'train?.jsonl', 'train[0-9].jsonl', '{train,eval}/*.jsonl', 'data/**', '@(a|b).jsonl', '*(ab).jsonl', '+(ab).jsonl', '?(x)y.jsonl', '.hidden/*.jsonl', 'a\\*b.jsonl', '**/*.tools.json', '**'];
  const paths = ['train.jsonl', 'train1.jsonl', 'trainx.jsonl', 'data/train.jsonl', 'data/a/b/train.jsonl', 'logs/run.jsonl', 'run.jsonl', 'train/x.jsonl', 'eval/x.jsonl', 'other/x.jsonl', 'data', 'a.jsonl', 'b.jsonl', 'ab.jsonl', 'abab.jsonl', '.jsonl', 'y.jsonl', 'xy.jsonl', 'xxy.jsonl', '.hidden/x.jsonl', 'a*b.jsonl', 'axb.jsonl', 'x/agent.tools.json', 'é.jsonl'];
  const differences: string[] = [];
  for (const glob of globs) {
    const ours = compileGlob(glob);
    assert.ok('matches' in ours, glob);
    const reference = picomatch(glob, { dot: true });
    for (const p of paths) if (ours.matches(p) !== reference(p)) differences.push(`${glob} ${p}: ours ${ours.matches(p)}, picomatch ${reference(p)}`);
  }
  assert.deepEqual(differences, []);
  // picomatch 4 reads "[!0-9]" oddly (train1 matches, trainx does not); we keep the shell's negated class.
  const negated = compileGlob('train[!0-9].jsonl') as { matches: (p: string) => boolean };
  assert.deepEqual(['train1.jsonl', 'trainx.jsonl', 'train/.jsonl'].map(negated.matches), [false, true, false]);
});

test('threat 13: dataset globs (a glob needing a look-ahead is refused with one sentence and matches nothing)', () => {
  assert.deepEqual(datasetGlobProblems(['*.jsonl', '!(x).jsonl', 'a(b']), [
    'Setting "toolcall.datasets": The glob "!(x).jsonl" cannot be used: "!(...)" needs a look-ahead, which the linear-time matcher does not have. It matches no file.',
    'Setting "toolcall.datasets": The glob "a(b" cannot be used: a "(" is never closed. It matches no file.',
  ]);
  assert.equal(isDataset('file:///ws/y.jsonl', lines('{"messages": []}'), ['!(x).jsonl'], ['/ws']), false);
  // A leading "!" negates the whole glob (no look-ahead needed).
  assert.equal(matchesDatasetGlobs('/ws/y.jsonl', ['!x.jsonl'], ['/ws']), true);
  assert.equal(matchesDatasetGlobs('/ws/x.jsonl', ['!x.jsonl'], ['/ws']), false);
});

test('threat 13: dataset globs (toolcall.datasets is a restricted setting: user settings only in Restricted Mode)', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
  assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('toolcall.datasets'));
});

test('threat 13: dataset globs (the server with that glob in its settings publishes and answers)', { timeout: 120_000 }, async () => {
  const client = await startServer();
  try {
    client.settings.set('*', { severity: { TC701: 'off' }, datasets: [EVIL, '*.jsonl', '!(x).jsonl'] });
    await client.configurationChanged();
    const uri = `file:///ws/${'a'.repeat(28)}.jsonl`;
    await client.open(uri, `${FIRST_LINE}\n{"messages": 1}\n`, 1);
    const published = await diagnosticsOf(client, uri, 1, 60_000);
    assert.deepEqual(published.diagnostics.map((d) => [d.range.start.line, d.code]), [[1, 'TC202']]);
    await assertAnswers(client);
  } finally {
    await client.stop();
  }
});
