import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic as LspDiagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { publishCounts, PublishedDiagnostics } from '../../../server/publishedDiagnostics.ts';

const at = (line: number, start: number, message = 'm'): LspDiagnostic => ({ range: { start: { line, character: start }, end: { line, character: start + 1 } }, severity: 1, code: 'TC512', source: 'toolcall', message });

describe('PublishedDiagnostics', () => {
  it('sends every publish and holds a list until a different one, or an edit at or above its last line', async () => {
    const sent: PublishDiagnosticsParams[] = [];
    const published = new PublishedDiagnostics(async (params) => void sent.push(params));
    const list = [at(0, 4), at(3, 2), at(5, 0)];
    await published.send({ uri: 'file:///a.jsonl', version: 1, diagnostics: list });
    assert.deepEqual(sent, [{ uri: 'file:///a.jsonl', version: 1, diagnostics: list }]);
    const before = { ...publishCounts };

    // Equal lists, by identity or by value, when every edit began below line 5.
    assert.equal(published.holds('file:///a.jsonl', list, 6), true);
    assert.equal(published.holds('file:///a.jsonl', [at(0, 4), at(3, 2), at(5, 0)], Infinity), true);
    // An edit on the last line, or above it, may have moved what the editor shows.
    assert.equal(published.holds('file:///a.jsonl', list, 5), false);
    assert.equal(published.holds('file:///a.jsonl', list, 0), false);
    // Any difference: a message, a range, one more or one less, another URI.
    assert.equal(published.holds('file:///a.jsonl', [at(0, 4), at(3, 2), at(5, 0, 'n')], 9), false);
    assert.equal(published.holds('file:///a.jsonl', [at(0, 4), at(3, 3), at(5, 0)], 9), false);
    assert.equal(published.holds('file:///a.jsonl', [...list, at(7, 0)], 9), false);
    assert.equal(published.holds('file:///a.jsonl', list.slice(0, 2), 9), false);
    assert.equal(published.holds('file:///b.jsonl', list, 9), false);
    assert.deepEqual({ sent: publishCounts.sent - before.sent, held: publishCounts.held - before.held }, { sent: 0, held: 2 });

    // A later publish (another feature's, an empty list) replaces what is held.
    await published.send({ uri: 'file:///a.jsonl', diagnostics: [] });
    assert.equal(published.holds('file:///a.jsonl', list, 9), false);
    assert.equal(published.holds('file:///a.jsonl', [], 0), true);
    assert.equal(sent.length, 2);
  });
});
