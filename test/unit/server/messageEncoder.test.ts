import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../../../core/random.ts';
import type { Diagnostic } from '../../../core/checks/findings.ts';
import { PassThrough } from 'node:stream';
import { StreamMessageWriter, type Message } from 'vscode-jsonrpc/node';
import { encoderCounts, messageBytes } from '../../../server/messageEncoder.ts';
import { StdioMessageWriter } from '../../../server/stdioWriter.ts';
import { publishedForm, toLspDiagnostic } from '../../../server/lspDiagnostics.ts';

// Over stdio the server writes each published diagnostic's JSON once: the message must stay
// byte for byte what JSON.stringify (vscode-jsonrpc's own encoder) writes.

function randomDiagnostic(random: () => number, line: number): Diagnostic {
  const words = ['Tool', 'é', '"quoted"', 'back\\slash', 'line\nbreak', '😀', '\u2028', 'tab\t'];
  const message = Array.from({ length: 1 + Math.floor(random() * 4) }, () => words[Math.floor(random() * words.length)]).join(' ');
  const d: Diagnostic = { line, start: Math.floor(random() * 40), end: 40 + Math.floor(random() * 40), severity: random() < 0.5 ? 'error' : 'warning', code: (['TC101', 'TC513', 'TC702', 'TC703'] as const)[Math.floor(random() * 4)]!, message };
  if (random() < 0.4) d.data = { tool: 'get_weather', path: ['messages', 1, 'tool_calls', 0], n: random() };
  if (random() < 0.3) d.related = [{ line: line + 1, start: 0, end: 3, message: 'First declared here.' }];
  return d;
}

/** Everything `writer` writes for `messages`, in order. */
async function written(messages: Message[], writer: (out: PassThrough) => { write(message: Message): Promise<void> }): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const w = writer(out);
  for (const message of messages) await w.write(message);
  return Buffer.concat(chunks);
}

describe('the stdio message encoder and writer', () => {
  it('writes what JSON.stringify and vscode-jsonrpc write, for 300 publishes that share most diagnostics, and other messages', async () => {
    const random = mulberry32(4);
    const uri = 'file:///ws/data "x".jsonl';
    let diagnostics = Array.from({ length: 50 }, (_, i) => randomDiagnostic(random, i));
    const messages: Message[] = [];
    for (let k = 0; k < 300; k++) {
      // An edit: one diagnostic replaced, sometimes one added or dropped.
      const at = Math.floor(random() * diagnostics.length);
      diagnostics = [...diagnostics.slice(0, at), randomDiagnostic(random, at), ...diagnostics.slice(at + (random() < 0.2 ? 0 : 1))];
      const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: k, diagnostics: diagnostics.map((d) => publishedForm(d, uri)) } };
      assert.deepEqual(messageBytes(message), Buffer.from(JSON.stringify(message), 'utf8'), `publish ${k}`);
      messages.push(message);
    }
    for (const message of [{ jsonrpc: '2.0', id: 1, result: { capabilities: {} } }, { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, diagnostics: [] } }, { jsonrpc: '2.0', method: 'toolcall/status', params: { uri, diagnostics: 3 } }]) {
      assert.deepEqual(messageBytes(message as never), Buffer.from(JSON.stringify(message), 'utf8'));
      messages.push(message as Message);
    }
    // On the wire: the same bytes as vscode-jsonrpc's own writer, message after message.
    const ours = await written(messages, (out) => new StdioMessageWriter(out));
    assert.deepEqual(ours, await written(messages, (out) => new StreamMessageWriter(out)));
    const expected = messages.map((m) => JSON.stringify(m)).map((json) => `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`).join('');
    assert.deepEqual(ours, Buffer.from(expected, 'utf8'));
  });

  it('stringifies only the diagnostics it has not written before', () => {
    const random = mulberry32(8);
    const uri = 'file:///ws/a.jsonl';
    const diagnostics = Array.from({ length: 1001 }, (_, i) => randomDiagnostic(random, i));
    const publish = (list: Diagnostic[]) => messageBytes({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 1, diagnostics: list.map((d) => publishedForm(d, uri)) } } as never);
    const before = encoderCounts.stringified;
    publish(diagnostics);
    assert.equal(encoderCounts.stringified - before, 1001);
    diagnostics[500] = randomDiagnostic(random, 500);
    publish(diagnostics);
    assert.equal(encoderCounts.stringified - before, 1002);
    // The same diagnostic under another URI is another published form.
    assert.notEqual(publishedForm(diagnostics[0]!, 'file:///ws/b.jsonl'), publishedForm(diagnostics[0]!, uri));
    assert.deepEqual(publishedForm(diagnostics[1]!, uri), toLspDiagnostic(diagnostics[1]!, uri));
  });
});
