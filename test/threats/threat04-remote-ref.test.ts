import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as net from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validateText } from '../../core/validate.ts';
import type { StdioClient } from '../lsp/stdioClient.ts';
import { callLine, FIRST_LINE, REMOTE_REF } from './inputs.ts';
import { assertAnswers, coreRows, diagnosticsOf, QUIET, rows, startServer } from './stdio.ts';

const externalRef = (ref: string) =>
  `Parameters of "f": "$ref" ${JSON.stringify(ref)} points outside this schema, and schemas are never fetched; copy the definition into "$defs" and refer to it as "#/$defs/<name>".`;

/** A loopback HTTP listener that counts connections (any request to it would be a fetch). */
async function listener(): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server = http.createServer((_req, res) => res.end('{"type":"object"}'));
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/s.json`, connections: () => connections, close: () => new Promise((r) => server.close(() => r())) };
}

describe('threat 4: remote or file $ref, unknown keywords and formats', () => {
  it('core: {"$ref":"https://example.invalid/s.json"} -> an external-ref diagnostic, no connection attempted', () => {
    const attempts: string[] = [];
    const connect = net.Socket.prototype.connect;
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      attempts.push(JSON.stringify(args[0]));
      return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof connect;
    try {
      const line = callLine({ $ref: REMOTE_REF }, {});
      const ref = line.indexOf(JSON.stringify(REMOTE_REF));
      const params = line.indexOf('{"$ref"');
      assert.deepEqual(
        validateText(line, QUIET).diagnostics.map((d) => [d.line, d.start, d.end, d.code, d.message]),
        [
          [0, params, params + 1, 'TC406', 'Parameters of "f" must be a schema of "type": "object"; found "no type".'],
          [0, ref, ref + JSON.stringify(REMOTE_REF).length, 'TC409', externalRef(REMOTE_REF)],
        ],
      );
    } finally {
      net.Socket.prototype.connect = connect;
    }
    assert.deepEqual(attempts, []);
  });

  it('core: file: and relative refs are refused the same way (fatal: the schema checks nothing)', () => {
    const line = callLine({ type: 'object', properties: { a: { $ref: 'file:///etc/passwd' }, b: { $ref: '../other.json#/x' } } }, {});
    assert.deepEqual(
      validateText(line, QUIET).diagnostics.map((d) => [d.start, d.end, d.code, d.severity, d.message]),
      ['file:///etc/passwd', '../other.json#/x'].map((ref) => {
        const at = line.indexOf(JSON.stringify(ref));
        return [at, at + JSON.stringify(ref).length, 'TC409', 'warning', externalRef(ref)];
      }),
    );
  });

  it('core: an unknown keyword and an unknown format are warnings on the schema, and the rest still checks', () => {
    const schema = { type: 'object', properties: { c: { type: 'string', format: 'no-such-format' }, d: { type: 'string', 'x-vendor': true } } };
    const line = callLine(schema, { c: 'x', d: 5 });
    const format = line.indexOf('"no-such-format"');
    const keyword = line.indexOf('"x-vendor":') + '"x-vendor":'.length; // the keyword's value is underlined
    assert.deepEqual(
      validateText(line, QUIET).diagnostics.map((d) => [d.start, d.end, d.code, d.severity, d.message]),
      [
        [line.indexOf('5}'), line.indexOf('5}') + 1, 'TC512', 'error', 'Argument "d" must be string, not an integer (5).'],
        [format, format + '"no-such-format"'.length, 'TC409', 'warning', 'Parameters of "f": Format "no-such-format" is not known, so it is not checked; use a standard format (date-time, date, email, uri, uuid, ...) or explain it in "description".'],
        [keyword, keyword + 'true'.length, 'TC409', 'warning', 'Parameters of "f": Unknown keyword "x-vendor" is ignored by validation; remove it, or put notes for the model in "description".'],
      ],
    );
  });

  describe('server over stdio (network spied on)', () => {
    let client: StdioClient;
    let target: Awaited<ReturnType<typeof listener>>;
    before(async () => {
      target = await listener();
      client = await startServer(['--require', path.resolve('test/threats/netSpy.cjs')]);
    });
    after(async () => {
      await client.stop();
      await target.close();
    });

    it('the remote, a loopback and a file $ref: diagnostics as the core, no socket, no DNS lookup, nothing received', async () => {
      const uri = 'file:///threats/refs.jsonl';
      const text = [
        FIRST_LINE,
        callLine({ $ref: REMOTE_REF }, {}, 'remote'),
        callLine({ type: 'object', properties: { a: { $ref: target.url } } }, { a: 1 }, 'loopback'),
        callLine({ type: 'object', $ref: 'file:///etc/passwd' }, {}, 'file'),
      ].join('\n');
      await client.open(uri, text, 1);
      const published = await diagnosticsOf(client, uri, 1);
      assert.deepEqual(rows(published), coreRows(text));
      assert.deepEqual(rows(published).filter((r) => String(r[4]).includes('points outside this schema')).map((r) => r[0]), [1, 2, 3]);
      await assertAnswers(client);
      assert.equal(target.connections(), 0, 'the loopback listener received a connection');
      assert.deepEqual(client.stderr.split('\n').filter((l) => l.startsWith('NETSPY')), []);
    });
  });
});
