import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { StreamMessageReader, type MessageReader } from 'vscode-jsonrpc/node';
import { mulberry32 } from '../../../core/random.ts';
import { StdioMessageReader } from '../../../server/stdioReader.ts';
import { takeOpenedLines } from '../../../server/didOpenMessage.ts';
import { splitLspLines } from '../../../server/lineDocument.ts';

// The server's stdio reader must frame messages exactly as vscode-jsonrpc's own reader does:
// both read the same bytes, cut into chunks anywhere, and must deliver the same messages and errors.

function frame(json: string, headers: (length: number) => string = (n) => `Content-Length: ${n}\r\n\r\n`): Buffer {
  const body = Buffer.from(json, 'utf8');
  return Buffer.concat([Buffer.from(headers(body.length), 'ascii'), body]);
}

/** What `reader` delivers from its stream: messages and errors, in order. */
async function read(reader: MessageReader): Promise<unknown[]> {
  const out: unknown[] = [];
  reader.onError((error) => out.push({ error: error.message }));
  const closed = new Promise((resolve) => reader.onClose(resolve));
  reader.listen((message) => out.push(message));
  await closed;
  // vscode-jsonrpc decodes in promises: let them settle.
  await new Promise((resolve) => setImmediate(resolve));
  return out;
}

function cut(bytes: Buffer, random: () => number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = random() < 0.3 ? 1 + Math.floor(random() * 3) : 1 + Math.floor(random() * 200);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

const MESSAGES = [
  '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null}}',
  '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.jsonl","languageId":"jsonl","version":1,"text":"{\\"a\\": \\"é😀\\"}\\r\\nb\\rc\\n"}}}',
  '{"jsonrpc":"2.0","id":2,"result":[]}',
  '{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}',
  '{"jsonrpc":"2.0","id":"x","method":"toolcall/ping"}',
];

describe('the server reads stdio as vscode-jsonrpc does', () => {
  it('delivers the same messages for 300 streams cut into random chunks, with other header forms', async () => {
    const random = mulberry32(3);
    const forms = [(n: number) => `Content-Length: ${n}\r\n\r\n`, (n: number) => `content-length:${n}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n`, (n: number) => `Content-Type: application/vscode-jsonrpc\r\nCONTENT-LENGTH:  ${n} \r\n\r\n`];
    for (let k = 0; k < 300; k++) {
      const picked = Array.from({ length: 1 + Math.floor(random() * 6) }, () => MESSAGES[Math.floor(random() * MESSAGES.length)]!);
      const bytes = Buffer.concat(picked.map((m) => frame(m, forms[Math.floor(random() * forms.length)])));
      const chunks = cut(bytes, random);
      const theirs = await read(new StreamMessageReader(new PassThroughFrom(chunks)));
      const ours = await read(new StdioMessageReader(new PassThroughFrom(chunks)));
      assert.deepEqual(ours, picked.map((m) => JSON.parse(m)), `stream ${k}`);
      assert.deepEqual(ours, theirs, `stream ${k}`);
    }
  });

  it('reads a 1.3 MB didOpen cut into random chunks as lines equal to its text, and the messages around it', async () => {
    const random = mulberry32(11);
    let text = '';
    for (let k = 0; text.length < 1_300_000; k++) text += `{"messages":[{"role":"user","content":"line ${k} ${k % 9 === 0 ? 'é東😀' : 'plain'}\\n"}]}${k % 5 === 0 ? '\r\n' : k % 13 === 0 ? '\r' : '\n'}`;
    const open = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///big.jsonl', languageId: 'jsonl', version: 1, text } } });
    const bytes = Buffer.concat([frame(MESSAGES[0]!), frame(open), frame(MESSAGES[2]!)]);
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; ) {
      const size = random() < 0.1 ? 1 + Math.floor(random() * 5) : 1 + Math.floor(random() * 65536);
      chunks.push(bytes.subarray(at, at + size));
      at += size;
    }
    const ours = (await read(new StdioMessageReader(new PassThroughFrom(chunks)))) as any[];
    assert.equal(ours.length, 3);
    assert.deepEqual(ours[0], JSON.parse(MESSAGES[0]!));
    assert.deepEqual(ours[2], JSON.parse(MESSAGES[2]!));
    const split = takeOpenedLines(ours[1].params.textDocument.text);
    assert.ok(split, 'read as lines');
    assert.deepEqual(split, splitLspLines(text));
    assert.deepEqual({ ...ours[1], params: { textDocument: { ...ours[1].params.textDocument, text: '' } } }, { ...JSON.parse(open), params: { textDocument: { ...JSON.parse(open).params.textDocument, text: '' } } });
  });

  it('reports a header without Content-Length and a body that is not JSON, then reads on', async () => {
    const bytes = Buffer.concat([frame(MESSAGES[0]!), Buffer.from('X-Other: 1\r\n\r\n'), frame('{"jsonrpc":'), frame(MESSAGES[2]!)]);
    const ours = await read(new StdioMessageReader(new PassThroughFrom([bytes])));
    assert.equal(ours.length, 4);
    assert.deepEqual(ours[0], JSON.parse(MESSAGES[0]!));
    assert.match((ours[1] as { error: string }).error, /^Header must provide a Content-Length property/);
    assert.match((ours[2] as { error: string }).error, /JSON/);
    assert.deepEqual(ours[3], JSON.parse(MESSAGES[2]!));
  });
});

/** A stream that yields `chunks` (the readers listen before any data flows). */
class PassThroughFrom extends PassThrough {
  constructor(chunks: Buffer[]) {
    super();
    setImmediate(() => {
      for (const chunk of chunks) this.write(chunk);
      this.end();
    });
  }
}
