import assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import { describe, it } from 'node:test';
import { mulberry32 } from '../../../core/random.ts';
import { BodyDecoder, decodeMessage, openedLinesWaiting, takeOpenedLines } from '../../../server/didOpenMessage.ts';
import { LineDocument, splitLspLines } from '../../../server/lineDocument.ts';
import { jsonStringLines } from '../../../server/jsonTextLines.ts';
import { sampleLines } from './fixtures.ts';

// A big didOpen's text goes from the body's bytes to lines: they must equal what vscode-jsonrpc's
// JSON.parse of the whole body, then the split into LSP lines, gave.

/** Pieces of text that exercise escapes, line breaks and encodings. */
const PIECES = ['{"messages":[{"role":"user","content":"hi"}]}', '}\n', '}\r\n', '}\r', '}', '}\\n', 'plain', '"', '\\', '\\n', '\n', '\r\n', '\r', '\r\r\n', '\u2028', 'é', 'ü\u00ff', '日本', '😀', '\ud800', '\udc00x', '\u0000', '\u001f', '\t', '/', ' ', '\u007f'];

function randomText(random: () => number): string {
  let text = '';
  const count = Math.floor(random() * 40);
  for (let k = 0; k < count; k++) text += PIECES[Math.floor(random() * PIECES.length)];
  return text;
}

/** JSON of a string with some escapes written the other legal ways (\u00XX for \n and \r, \/, upper-case hex). */
function variantJson(text: string, random: () => number): string {
  return JSON.stringify(text).replace(/\\n|\\r|\//g, (m) => {
    if (random() < 0.5) return m;
    if (m === '/') return '\\/';
    const hex = m === '\\n' ? '000a' : '000d';
    return `\\u${random() < 0.5 ? hex : hex.toUpperCase()}`;
  });
}

function didOpenBody(textJson: string, order: 'method-first' | 'method-last'): Buffer {
  const params = `{"textDocument":{"uri":"file:///a.jsonl","languageId":"jsonl","version":3,"text":${textJson}}}`;
  const json = order === 'method-first' ? `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":${params}}` : `{"jsonrpc":"2.0", "params" : ${params} , "method":"textDocument/didOpen"}`;
  return Buffer.from(json, 'utf8');
}

/** The decoded message with its text as lines, as the document manager takes it. */
function decoded(body: Buffer): { message: any; split: ReturnType<typeof splitLspLines> | undefined } {
  const message = decodeMessage(Buffer.from(body), 0) as any;
  const split = takeOpenedLines(message.params.textDocument.text);
  return { message, split };
}

describe('a big didOpen read as lines', () => {
  it('gives the lines of JSON.parse of the whole body on 2,000 random texts (escapes, CR/LF mixes, surrogates, both key orders); ASCII bodies are parsed whole', () => {
    const random = mulberry32(18);
    let asLines = 0;
    for (let k = 0; k < 2000; k++) {
      const text = randomText(random);
      const body = didOpenBody(variantJson(text, random), k % 2 === 0 ? 'method-first' : 'method-last');
      const reference = JSON.parse(body.toString('utf8'));
      const { message, split } = decoded(body);
      if (isAscii(body)) {
        assert.equal(split, undefined);
        assert.deepEqual(message, reference, `case ${k}: ${JSON.stringify(text)}`);
        continue;
      }
      assert.ok(split, `case ${k} read as lines`);
      asLines++;
      assert.deepEqual(split, splitLspLines(reference.params.textDocument.text), `case ${k}: ${JSON.stringify(text)}`);
      assert.deepEqual({ ...message, params: { textDocument: { ...message.params.textDocument, text: '' } } }, { ...reference, params: { textDocument: { ...reference.params.textDocument, text: '' } } });
    }
    assert.equal(asLines, 1730);
    assert.equal(openedLinesWaiting(), 0);
  });

  it('splits any JSON string as JSON.parse then splitLspLines do (6,000 random texts, ASCII or not)', () => {
    const random = mulberry32(99);
    for (let k = 0; k < 6000; k++) {
      const text = randomText(random);
      const json = variantJson(text, random);
      const body = Buffer.from(`{"text":${json},"after":1}`, 'utf8');
      const found = jsonStringLines(body, 8);
      assert.ok(found, `case ${k}`);
      assert.equal(found.close, 8 + Buffer.byteLength(json) - 1);
      assert.deepEqual(found.split, splitLspLines(JSON.parse(json)), `case ${k}: ${json}`);
    }
  });

  it('decodes as the body arrives, reading no byte not yet in: the same message and lines (600 random texts and fill steps)', () => {
    const random = mulberry32(5);
    for (let k = 0; k < 600; k++) {
      const whole = didOpenBody(variantJson(randomText(random) + randomText(random), random), k % 3 === 0 ? 'method-last' : 'method-first');
      // Bytes not in yet read as cuts and escapes: a decoder that looked at them would go wrong.
      const body = Buffer.from('}\\n\\r\\n"'.repeat(Math.ceil(whole.length / 8)).slice(0, whole.length), 'latin1');
      const decoder = new BodyDecoder(body, 0);
      for (let filled = 0; filled < whole.length; ) {
        const step = 1 + Math.floor(random() * (random() < 0.5 ? 8 : 200));
        whole.copy(body, filled, filled, Math.min(whole.length, filled + step));
        filled = Math.min(whole.length, filled + step);
        if (filled < whole.length) decoder.progress(filled);
      }
      const message = decoder.finish() as any;
      const reference = JSON.parse(whole.toString('utf8'));
      const split = takeOpenedLines(message.params.textDocument.text);
      assert.deepEqual(split ?? splitLspLines(message.params.textDocument.text), splitLspLines(reference.params.textDocument.text), `case ${k}`);
      if (k % 3 !== 0) assert.ok(split, `case ${k} read as lines`);
      assert.deepEqual({ ...message, params: { textDocument: { ...message.params.textDocument, text: '' } } }, { ...reference, params: { textDocument: { ...reference.params.textDocument, text: '' } } });
    }
    assert.equal(openedLinesWaiting(), 0);
  });

  it('tells once that a big didOpen arrives, asks whether to hold on every later step, and gives the same lines', () => {
    const text = sampleLines().join('\n').repeat(20);
    const whole = didOpenBody(JSON.stringify(text), 'method-first');
    const body = Buffer.alloc(whole.length);
    const told: number[] = [];
    let asked = 0;
    let stepsAfterTold = 0;
    const decoder = new BodyDecoder(body, 0, (bytes) => {
      told.push(bytes);
      // Held for the first half of the body (as while a worker starts), then let go.
      return () => (asked++, body.indexOf(0) !== -1 && body.indexOf(0) < whole.length / 2);
    });
    for (let filled = 0; filled < whole.length; ) {
      const next = Math.min(whole.length, filled + 1000);
      whole.copy(body, filled, filled, next);
      filled = next;
      if (filled === whole.length) break;
      if (told.length > 0) stepsAfterTold++;
      decoder.progress(filled);
    }
    assert.deepEqual(told, [whole.length]);
    assert.ok(stepsAfterTold > 10, `${stepsAfterTold} steps`);
    assert.equal(asked, stepsAfterTold + 1, 'asked when told, and on every step after it');
    const message = decoder.finish() as any;
    assert.deepEqual(takeOpenedLines(message.params.textDocument.text), splitLspLines(text));
  });

  it('reads bytes that are not UTF-8 as the whole-body decoding does (U+FFFD where they stand)', () => {
    const random = mulberry32(7);
    const bad = [[0xff], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0x80, 0x80]];
    for (let k = 0; k < 300; k++) {
      const parts: Buffer[] = [Buffer.from('{"method":"textDocument/didOpen","jsonrpc":"2.0","params":{"textDocument":{"uri":"u","languageId":"jsonl","version":1,"text":"')];
      for (let p = 0; p < 12; p++) parts.push(random() < 0.4 ? Buffer.from(bad[Math.floor(random() * bad.length)]!) : Buffer.from(JSON.stringify(randomText(random)).slice(1, -1), 'utf8'));
      parts.push(Buffer.from('"}}}'));
      const body = Buffer.concat(parts);
      const reference = JSON.parse(body.toString('utf8'));
      const { split } = decoded(body);
      assert.deepEqual(split, splitLspLines(reference.params.textDocument.text), `case ${k}`);
    }
  });

  it('leaves every other message to JSON.parse: other methods, a repeated text key, bad JSON (the same error)', () => {
    const change = Buffer.from('{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"u","version":2,"text":"a\\nb"}}}');
    assert.deepEqual(decodeMessage(change, 0), JSON.parse(change.toString()));
    const repeated = Buffer.from('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"u","languageId":"jsonl","version":1,"text":"a\\nb","text":"c"}}}');
    assert.deepEqual(decodeMessage(repeated, 0), JSON.parse(repeated.toString()));
    const later = Buffer.from('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"u","version":1,"text":"a\\\\nb","languageId":"x\\ny"}}}');
    assert.deepEqual(decodeMessage(later, 0), JSON.parse(later.toString()));
    const nested = Buffer.from('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"other":{"textDocument":{"text":"x"}},"textDocument":{"uri":"u","languageId":"jsonl","version":1,"text":"y\\r\\nzé"}}}');
    const { split } = decoded(nested);
    assert.deepEqual(split, { lines: ['y', 'zé'], eols: [2, 0], loneCRs: 0 });
    for (const broken of ['{"method":"textDocument/didOpen","params":{"textDocument":{"text":"a\\qb"}}}', '{"method":"textDocument/didOpen","params":{"textDocument":{"text":"a\nb"}}}', '{"method":"textDocument/didOpen","params":{"textDocument":{"text":"ab}}}']) {
      let expected = '';
      try {
        JSON.parse(broken);
      } catch (error) {
        expected = (error as Error).message;
      }
      assert.throws(() => decodeMessage(Buffer.from(broken), 0), { message: expected });
    }
    assert.equal(openedLinesWaiting(), 0);
  });

  it('opens a 1.5 MB document with its lines shared by none: the same lines and line ends as from its text', () => {
    const lines = sampleLines();
    const parts: string[] = [];
    for (let k = 0, length = 0; length < 1_500_000; k++) {
      parts.push(lines[k % lines.length]! + (k % 97 === 0 ? ' "é日"' : ''));
      length += parts.at(-1)!.length + 2;
    }
    const text = parts.join('\r\n') + '\n';
    const { message, split } = decoded(didOpenBody(JSON.stringify(text), 'method-first'));
    assert.ok(split);
    const fromLines = LineDocument.create('u', 'jsonl', message.params.textDocument.version, split);
    const fromText = LineDocument.create('u', 'jsonl', 3, text);
    assert.equal(fromLines.lineCount, parts.length + 1);
    assert.equal(fromLines.getText(), text);
    for (let i = 0; i < fromText.lineCount; i++) assert.equal(fromLines.lineText(i), fromText.lineText(i));
  });
});
