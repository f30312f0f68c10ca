// The tokenizer files the build writes (scripts/build.mjs, ranks-as-json) hold gpt-tokenizer's
// rank tables as one JSON string instead of a 200,000-element array literal: cheaper to compile,
// the same table. Built as a user gets them and compared with the package's own, rank for rank.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

const outdir = mkdtempSync(path.join(tmpdir(), 'toolcall-tokenizer-'));
execFileSync(process.execPath, ['scripts/build.mjs', 'cli', `--outdir=${outdir}`]);
after(() => rmSync(outdir, { recursive: true, force: true }));

interface Encoding {
  countTokens(text: string, options?: { disallowedSpecial: Set<string> }): number;
  default: { bytePairEncodingCoreProcessor: { bytePairRankDecoder: (string | number[])[] } };
}

for (const name of ['o200k_base', 'cl100k_base']) {
  test(`the built ${name} tokenizer reads its ranks from one JSON string and holds gpt-tokenizer's table exactly`, () => {
    const file = path.join(outdir, `tokenizer-${name}.js`);
    assert.match(readFileSync(file, 'utf8'), /JSON\.parse\([`"]\[/);
    const built: Encoding = require(file);
    const own: Encoding = require(`gpt-tokenizer/encoding/${name}`);
    const builtRanks = built.default.bytePairEncodingCoreProcessor.bytePairRankDecoder;
    const ownRanks = own.default.bytePairEncodingCoreProcessor.bytePairRankDecoder;
    assert.equal(builtRanks.length, name === 'o200k_base' ? 199_998 : 100_256);
    assert.deepEqual(builtRanks, ownRanks);
    const text = 'Get the weather in Zürich 東京 😀 {"city":"Paris"}\n\n  <|endoftext|>';
    const asText = { disallowedSpecial: new Set<string>() };
    assert.equal(built.countTokens(text, asText), own.countTokens(text, asText));
    assert.equal(built.countTokens(text, asText), name === 'o200k_base' ? 20 : 23);
  });
}
