// The tokenizer files the build writes (scripts/build.mjs, ranks-packed) hold gpt-tokenizer's split
// pattern and its rank table packed (bpeRanks.ts) instead of its module, which built a Map of
// 200,000 strings on load. Built as a user gets them and compared with the package's own table and counts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { splitLines } from '../../../core/dataset/lines.ts';
import { packRanks } from '../../../core/stats/bpeRanks.ts';
import { computeStats } from '../../../core/stats/report.ts';
import { piecewiseCount, type BuiltEncoding } from '../../../core/stats/tokens.ts';

const outdir = mkdtempSync(path.join(tmpdir(), 'toolcall-tokenizer-'));
execFileSync(process.execPath, ['scripts/build.mjs', 'cli', `--outdir=${outdir}`]);
after(() => rmSync(outdir, { recursive: true, force: true }));

interface Encoding {
  countTokens(text: string, options?: { disallowedSpecial: Set<string> }): number;
  default: { bytePairEncodingCoreProcessor: { bytePairRankDecoder: (string | number[])[]; tokenSplitRegex: RegExp } };
}

function* fixtureTexts(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) yield* fixtureTexts(file);
    else if (/\.(jsonl|json|md|txt|jinja)$/.test(name)) yield* readFileSync(file, 'utf8').split('\n');
  }
}

const bytesOf = (base64: string) => Uint8Array.from(Buffer.from(base64, 'base64'));

for (const name of ['o200k_base', 'cl100k_base']) {
  test(`the built ${name} tokenizer file holds gpt-tokenizer's pattern and table packed, and counts as gpt-tokenizer does`, () => {
    const built: BuiltEncoding = require(path.join(outdir, `tokenizer-${name}.js`));
    const own: Encoding = require(`gpt-tokenizer/encoding/${name}`);
    const core = own.default.bytePairEncodingCoreProcessor;
    const packed = built.packedRanks;
    assert.equal(packed.pattern, core.tokenSplitRegex.source);
    assert.equal(packed.flags, 'gu');
    const expected = packRanks(core.bytePairRankDecoder)!;
    assert.equal(expected.lengths.length, name === 'o200k_base' ? 199_998 : 100_256);
    assert.deepEqual(bytesOf(packed.lengths), expected.lengths);
    assert.deepEqual(bytesOf(packed.bytes), expected.bytes);
    assert.deepEqual(packed.hidden, expected.hidden);

    const count = piecewiseCount(built)!;
    const asText = { disallowedSpecial: new Set<string>() };
    const text = 'Get the weather in Zürich 東京 😀 {"city":"Paris"}\n\n  <|endoftext|>';
    assert.equal(count(text), name === 'o200k_base' ? 20 : 23);
    let compared = 0;
    for (const line of fixtureTexts(path.join(__dirname, '../../fixtures'))) {
      assert.equal(count(line), own.countTokens(line, asText), JSON.stringify(line.slice(0, 80)));
      compared++;
    }
    assert.ok(compared > 1000, `${compared} fixture lines compared`);
  });
}

test('toolcall stats of the built CLI (the packed o200k and cl100k files) reports what the report in process reports with gpt-tokenizer', () => {
  for (const [fixture, model] of [
    ['stats/mixed.jsonl', 'gpt-4o-mini-2024-07-18'],
    ['stats/real-excerpt.jsonl.txt', 'gpt-4o-mini-2024-07-18'],
    ['stats/drone-excerpt.jsonl', 'gpt-3.5-turbo-0125'],
  ]) {
    const file = path.join(__dirname, '../../fixtures', fixture);
    const built = JSON.parse(execFileSync(process.execPath, [path.join(outdir, 'cli.js'), 'stats', file, '--model', model, '--format', 'json'], { encoding: 'utf8' }));
    const inProcess = JSON.parse(JSON.stringify(computeStats(splitLines(readFileSync(file, 'utf8')), { model })));
    assert.deepEqual(built, inProcess, fixture);
    assert.ok(built.tokens.total > 1000, `${fixture}: ${built.tokens.total} tokens`);
  }
});
