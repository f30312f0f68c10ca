import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenLimitFindings } from '../../../core/checks/tokenLimitChecks.ts';
import { mulberry32 } from '../../../core/random.ts';
import { DEFAULT_SETTINGS } from '../../../core/protocol.ts';
import { validationOptionsFor } from '../../../core/settings/validationSettings.ts';
import type { TokenCounter } from '../../../core/stats/tokens.ts';
import { DatasetValidator, validateText, type ValidationOptions } from '../../../core/validate.ts';
import { BIG_LINE_CHARS, checkedElsewhere, LONG_LINE_CHARS, type BigLineChecker } from '../../../server/bigLines.ts';
import { LineCache } from '../../../server/lineCache.ts';

// Which lines the long-line worker gets: the long ones this thread would tokenize, and the very
// long ones; a long line that cannot reach the token limit is checked here.

const DEFAULTS = validationOptionsFor(DEFAULT_SETTINGS, undefined);
const LIMIT = DEFAULTS.tokenLimit!;

/** An example whose user message is `chars` characters drawn from `alphabet`. */
function exampleOf(chars: number, alphabet: string, random: () => number): string {
  let content = '';
  while (content.length < chars) content += alphabet[Math.floor(random() * alphabet.length)]!;
  return JSON.stringify({ messages: [{ role: 'user', content }, { role: 'assistant', content: 'ok' }] });
}

/** Whether the core's TC209 check would run the tokenizer on `text` (it asks the counter). */
function tokenizes(text: string, options: ValidationOptions): boolean {
  if (options.tokenLimit === undefined) return false;
  let asked = false;
  const spy: TokenCounter = {
    encoding: 'o200k_base',
    count: () => ((asked = true), 1),
    countOfKind: () => ((asked = true), 1),
  } as unknown as TokenCounter;
  tokenLimitFindings(text, options.tokenLimit, spy);
  return asked;
}

describe('the lines the long-line worker checks', () => {
  it('a long line that cannot reach the token limit stays here; one that can, or a very long one, goes', () => {
    const random = mulberry32(7);
    // The real 50 MB bench file's 12 long lines are ~26,200 characters, nearly all ASCII.
    assert.equal(checkedElsewhere(exampleOf(26_200, 'abc ', random), DEFAULTS), false);
    // Three UTF-8 bytes a character: 25,000 of them can reach 65,536 tokens.
    assert.equal(checkedElsewhere(exampleOf(25_000, '\u65e5\u672c', random), DEFAULTS), true);
    assert.equal(checkedElsewhere(exampleOf(LONG_LINE_CHARS, 'abc ', random), {}), true);
    assert.equal(checkedElsewhere(exampleOf(LONG_LINE_CHARS - 100, 'abc ', random), {}), false);
    // Up to BIG_LINE_CHARS a line stays here whatever the limit (as before: a low limit tokenizes here).
    assert.equal(checkedElsewhere(exampleOf(BIG_LINE_CHARS - 100, '\u65e5', random), { tokenLimit: { ...LIMIT, limit: 100 } }), false);
    assert.equal(checkedElsewhere(exampleOf(BIG_LINE_CHARS + 100, 'a', random), { tokenLimit: { ...LIMIT, limit: 100 } }), true);
  });

  it('over BIG_LINE_CHARS and up to LONG_LINE_CHARS, a line goes exactly when the core would tokenize it', () => {
    const random = mulberry32(18);
    const alphabets = ['abcdefgh ', 'a\u00e9\u00fc ', '\u65e5\u672c\u8a9e a', '\ud83d\ude00 ab'];
    const limits: ValidationOptions[] = [DEFAULTS, {}, { tokenLimit: { ...LIMIT, limit: 30_000 } }, { tokenLimit: { ...LIMIT, limit: 200_000 } }, { tokenLimit: { ...LIMIT, limit: 0 } }];
    let went = 0;
    let stayed = 0;
    for (let k = 0; k < 120; k++) {
      const chars = BIG_LINE_CHARS + 1 + Math.floor(random() * (LONG_LINE_CHARS - BIG_LINE_CHARS - 200));
      const text = exampleOf(chars, alphabets[k % alphabets.length]!, random);
      if (text.length > LONG_LINE_CHARS) continue;
      for (const options of limits) {
        const elsewhere = checkedElsewhere(text, options);
        assert.equal(elsewhere, tokenizes(text, options), `${text.length} characters, limit ${options.tokenLimit?.limit}`);
        if (elsewhere) went++;
        else stayed++;
      }
    }
    assert.ok(went > 50 && stayed > 50, `went ${went}, stayed ${stayed}`);
  });

  it('the line cache sends only those lines, with the core diagnostics', async () => {
    const random = mulberry32(3);
    const texts = [
      exampleOf(100, 'ab', random),
      exampleOf(26_200, 'abc ', random),
      '{"messages": [',
      exampleOf(25_000, '\u65e5\u672c', random),
      exampleOf(26_200, 'abc ', random).replace('"role":"user"', '"role":"usr"'),
      '',
    ];
    const validator = new DatasetValidator(DEFAULTS);
    const sent: number[] = [];
    const bigLines: BigLineChecker = { takes: (text) => checkedElsewhere(text, DEFAULTS), check: async (text, index) => (sent.push(index), validator.checkLine(text, index)) };
    const result = await new LineCache().validate({ version: 1, lineCount: texts.length, lineText: (i) => texts[i]! }, validator, { bigLines });
    assert.deepEqual(sent, [3]);
    assert.deepEqual(result!.diagnostics, validateText(texts.join('\n'), DEFAULTS).diagnostics);
  });

  it('random documents: the lines taken go there (a failed check comes back here), the rest are checked here; the core diagnostics', async () => {
    const random = mulberry32(42);
    const shapes = [
      () => exampleOf(50 + Math.floor(random() * 400), 'ab ', random),
      () => exampleOf(21_000 + Math.floor(random() * 9_000), 'abc ', random),
      () => exampleOf(23_000, '\u65e5\u672c', random),
      () => '{"messages": [',
      () => exampleOf(80, 'x', random).replace('"role":"user"', '"role":"usr"'),
    ];
    for (let doc = 0; doc < 12; doc++) {
      const texts = Array.from({ length: 3 + Math.floor(random() * 12) }, () => shapes[Math.floor(random() * shapes.length)]!());
      // A taken first line keeps its role: a second run checks nothing again.
      if (doc === 1) texts.unshift(shapes[2]!());
      if (doc % 2 === 0) texts.push('');
      const validator = new DatasetValidator(DEFAULTS);
      const sent: number[] = [];
      const fails = doc % 3 === 0;
      const bigLines: BigLineChecker = {
        takes: (text) => checkedElsewhere(text, DEFAULTS),
        check: async (text, index) => (sent.push(index), fails ? undefined : validator.checkLine(text, index)),
      };
      const cache = new LineCache();
      const source = { version: 1, lineCount: texts.length, lineText: (i: number) => texts[i]! };
      const result = await cache.validate(source, validator, { bigLines });
      const taken = texts.flatMap((text, i) => (checkedElsewhere(text, DEFAULTS) ? [i] : []));
      if (doc === 1) assert.equal(taken[0], 0);
      assert.deepEqual(sent, taken, `document ${doc}`);
      assert.deepEqual(result!.diagnostics, validateText(texts.join('\n'), DEFAULTS).diagnostics, `document ${doc}`);
      assert.equal(result!.checked, texts.length, `document ${doc}`);
      const again = await cache.validate(source, validator, { bigLines });
      assert.equal(again!.checked, 0, `document ${doc}, second run`);
      assert.deepEqual(again!.diagnostics, result!.diagnostics);
    }
  });
});
