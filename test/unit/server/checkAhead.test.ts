// A big didOpen's lines checked while its body arrives (server/checkAhead.ts) must leave the
// document's first validation exactly what it is without them: the same diagnostics, counts and
// examples, each line checked once.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { normalizeSettings } from '../../../core/settings/validationSettings.ts';
import { DatasetValidator, validateText } from '../../../core/validate.ts';
import { BigLineWorker } from '../../../server/bigLines.ts';
import { CheckAhead } from '../../../server/checkAhead.ts';
import { BodyDecoder, takeOpenedLines } from '../../../server/didOpenMessage.ts';
import { coreLinesOf, DocumentState } from '../../../server/documents.ts';
import { LineDocument } from '../../../server/lineDocument.ts';
import type { CacheValidation } from '../../../server/lineCacheTypes.ts';
import { SettingsStore } from '../../../server/settings.ts';
import { ToolsFileStore } from '../../../server/toolsFiles.ts';
import { resolveOptions } from '../../../server/validationOptions.ts';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';
import { prng, sampleLines } from './fixtures.ts';

const URI = 'file:///ws/train.jsonl';
const ENTRY = path.resolve('test/unit/server/checkWorkerEntry.mjs');

/** Fixture lines, the generator's and the cache's samples at random with repeats (duplicates, drifted tools), and two long lines. */
function mixedText(lines: number, seed: number, longLine: string): string {
  const pool = [...fixtureLines(), ...generatedLines(300, seed), ...sampleLines()];
  const r = prng(seed);
  const picked = Array.from({ length: lines }, (_, i) => (i === 700 || i === 1900 ? longLine : pool[r(pool.length)]!));
  // A dataset by its first line (datasetDetection.ts), as the check ahead decides.
  return [sampleLines()[0]!, ...picked].join('\n') + '\n';
}

function didOpenBody(uri: string, text: string): Buffer {
  return Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'jsonl', version: 1, text } } }));
}

interface Context {
  settings: SettingsStore;
  toolsFiles: ToolsFileStore;
  folders: () => string[];
  watchToolsFile: () => void;
  log: { info: () => void; error: (message: string) => void };
  checkBigLines?: BigLineWorker;
}

/**
 * The server's context parts the check ahead reads, real ones; `pulled`: what the client answers
 * for the document's settings, once `answer` is called (as it comes behind the didOpen's body).
 */
function context(pulled: unknown, bigLines?: BigLineWorker): { ctx: Context; errors: string[]; answer: () => void } {
  const errors: string[] = [];
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const ctx: Context = {
    settings: new SettingsStore(() => answered.then(() => pulled)),
    toolsFiles: new ToolsFileStore(),
    folders: () => [],
    watchToolsFile: () => undefined,
    log: { info: () => undefined, error: (message) => errors.push(message) },
    checkBigLines: bigLines,
  };
  return { ctx, errors, answer };
}

/**
 * Sends `body` to a decoder in 64 KB steps, one turn of the event loop after each (the check
 * ahead runs in those turns, as between the pipe's pieces); then makes the document as the
 * document manager does and validates it as diagnostics.ts does, under the pulled settings.
 */
async function openArriving(body: Buffer, ahead: CheckAhead, ctx: Context, answer: () => void) {
  const filling = Buffer.alloc(body.length);
  const decoder = new BodyDecoder(filling, 1_000_000, undefined, ahead);
  let turns = 0;
  for (let filled = 0; filled < body.length; ) {
    const next = Math.min(body.length, filled + 65_536);
    body.copy(filling, filled, filled, next);
    filled = next;
    if (filled < body.length) decoder.progress(filled);
    await turn();
    turns++;
  }
  const message = decoder.finish() as unknown as { params: { textDocument: { uri: string; text: string } } };
  answer();
  const lines = takeOpenedLines(message.params.textDocument.text);
  assert.ok(lines, 'the text was read as lines');
  const document = LineDocument.create(message.params.textDocument.uri, 'jsonl', 1, lines);
  const state = new DocumentState(document, ahead.take(message.params.textDocument.uri, lines));
  const checkedAhead = state.cache.checks;
  const resolved = resolveOptions(ctx, document.uri, await ctx.settings.get(document.uri));
  // diagnostics.ts validatorOf: other settings than those checked under, every line again.
  if (!state.validator || state.validatorKey !== resolved.key) {
    state.validator = new DatasetValidator(resolved.options);
    state.validatorKey = resolved.key;
    state.cache.invalidateAll();
  }
  const result = await state.cache.validate(coreLinesOf(document), state.validator, { bigLines: ctx.checkBigLines?.checker(state.validator.options) });
  return { result: published(result), checkedAhead, checks: state.cache.checks, lineCount: document.coreLineCount, turns };
}

/** The same document opened at once, nothing checked ahead. */
async function openWhole(text: string, settings: unknown) {
  const document = LineDocument.create(URI, 'jsonl', 1, text);
  const state = new DocumentState(document);
  const resolved = resolveOptions(context(settings).ctx, URI, normalizeSettings(settings));
  return published(await state.cache.validate(coreLinesOf(document), new DatasetValidator(resolved.options)));
}

function published(result: CacheValidation | undefined) {
  assert.ok(result, 'not cancelled');
  return { head: result.first(1001), all: result.diagnostics, counts: result.counts, examples: result.examples, lines: result.lines };
}

describe('checking a big didOpen while it arrives', () => {
  it('checks lines between the pieces, and the validation after it publishes what a check of the whole does (each line once)', async () => {
    const long = JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(25_000) }, { role: 'assistant', content: 'ok' }] });
    const text = mixedText(2600, 11, long);
    const body = didOpenBody(URI, text);
    const { ctx, errors, answer } = context({});
    // No time limit per turn: every line in is checked before the next piece.
    const ahead = new CheckAhead(Infinity);
    ahead.attach(ctx);
    const opened = await openArriving(body, ahead, ctx, answer);
    assert.ok(opened.turns > 20, `${opened.turns} pieces`);
    assert.ok(opened.checkedAhead > opened.lineCount * 0.9 && opened.checkedAhead < opened.lineCount - 2, `${opened.checkedAhead} of ${opened.lineCount} lines checked ahead`);
    assert.equal(opened.checks, opened.lineCount, 'every line checked once (the final empty one too)');
    const whole = await openWhole(text, {});
    assert.deepEqual(opened.result, whole);
    assert.deepEqual(opened.result.all, validateText(text).diagnostics);
    assert.ok(whole.all.some((d) => d.code === 'TC702') && whole.all.some((d) => d.code === 'TC703'), 'duplicates and drift in the list');
    assert.deepEqual(errors, []);
  });

  it('leaves long lines to the long-line worker at the validation', async () => {
    const long = JSON.stringify({ messages: [{ role: 'user', content: 'y'.repeat(25_000) }, { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'nope', arguments: '{}' } }] }] });
    const text = mixedText(2600, 12, long);
    const worker = new BigLineWorker(ENTRY, (error) => assert.fail(String(error)));
    try {
      const { ctx, answer } = context({}, worker);
      // The server's own time limit per turn: at least one line each.
      const ahead = new CheckAhead();
      ahead.attach(ctx);
      const opened = await openArriving(didOpenBody(URI, text), ahead, ctx, answer);
      assert.ok(opened.checkedAhead >= opened.turns - 2, `${opened.checkedAhead} lines checked ahead in ${opened.turns} turns`);
      assert.equal(worker.sent, 2, 'both long lines, once each');
      assert.equal(opened.checks, opened.lineCount);
      assert.deepEqual(opened.result, await openWhole(text, {}));
    } finally {
      worker.dispose();
    }
  });

  it('checks every line again when the settings pulled differ from the guess (a severity override)', async () => {
    const long = JSON.stringify({ messages: [{ role: 'user', content: 'z'.repeat(25_000) }, { role: 'assistant', content: 'ok' }] });
    const text = mixedText(2600, 13, long);
    const settings = { severity: { TC702: 'info', TC511: 'hint' } };
    const { ctx, answer } = context(settings);
    const ahead = new CheckAhead(Infinity);
    ahead.attach(ctx);
    const opened = await openArriving(didOpenBody(URI, text), ahead, ctx, answer);
    assert.ok(opened.checkedAhead > opened.lineCount * 0.9, `${opened.checkedAhead} lines checked ahead under the guessed (default) settings`);
    assert.equal(opened.checks, opened.checkedAhead + opened.lineCount, 'then all of them under the pulled ones');
    const whole = await openWhole(text, settings);
    assert.deepEqual(opened.result, whole);
    assert.ok(whole.all.some((d) => d.code === 'TC702' && d.severity === 'info'), 'the override applies');
  });

  it('checks nothing ahead for a lone CR (the core joins its lines), another uri, or a server not initialized', async () => {
    const lines = sampleLines();
    const plain = Array.from({ length: 3000 }, (_, i) => lines[i % lines.length]).join('\n') + '\n';
    const loneCr = plain.replace('\n', '\r');
    const { ctx } = context({});
    for (const [name, text, uri, attached] of [
      ['lone CR', loneCr, URI, true],
      ['another uri', plain, 'file:///ws/other.jsonl', true],
      ['not initialized', plain, URI, false],
    ] as const) {
      const ahead = new CheckAhead();
      if (attached) ahead.attach(ctx);
      const body = didOpenBody(URI, text);
      const decoder = new BodyDecoder(body, 1_000_000, undefined, ahead);
      for (let filled = 65_536; filled < body.length; filled += 65_536) {
        decoder.progress(filled);
        await turn();
      }
      const message = decoder.finish() as unknown as { params: { textDocument: { text: string } } };
      const split = takeOpenedLines(message.params.textDocument.text)!;
      assert.equal(ahead.take(uri, split), undefined, name);
    }
  });
});
