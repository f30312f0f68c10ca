import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { StdioClient } from '../lsp/stdioClient.ts';
import { loadSeeds } from '../fuzz/harness.ts';
import { Mutator } from '../fuzz/mutations.ts';
import { Rng } from '../fuzz/prng.ts';
import { allThreatLines, FIRST_LINE } from './inputs.ts';
import { assertAnswers, diagnosticsOf, FREEZE_MS, QUIET, startServer } from './stdio.ts';

/** Inputs the fuzz harness found slow or broken, as lines (see test/threats/README.md). */
function fuzzFindings(): { name: string; line: string }[] {
  const big = '\\u0041'.repeat(600_000);
  return [
    { name: 'a finding inside a 3.6 MB "arguments" string', line: `{"messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{\\"x\\":\\"${big}\\"}"}}]}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"x":{"type":"string","pattern":"^(a+)+$"}}}}}]}` },
    { name: 'a truncated 4 MB line of escapes', line: `{"messages":[{"role":"user","content":"${'\\n'.repeat(2_000_000)}` },
    { name: 'lone surrogates, BOM and NUL', line: '\uFEFF{"messages":[{"role":"user","content":"\uD800\uDC00\uDFFF\u0000"}]}' },
  ];
}

describe('threat 12: crash loops (every input above + random mutations through one stdio client)', () => {
  let client: StdioClient;
  before(async () => (client = await startServer()));
  after(async () => await client.stop());

  it('the server stays up: exit code null, no uncaught error, and it answers after each step', async () => {
    const inputs = [...allThreatLines(), ...fuzzFindings()];
    // 1. Each input opened as its own document (after a valid first line, so it is a dataset).
    let n = 0;
    for (const { name, line } of inputs) {
      const uri = `file:///threats/replay-${n++}.jsonl`;
      await client.open(uri, `${FIRST_LINE}\n${line}\n`, 1);
      await diagnosticsOf(client, uri, 1, 30_000).catch((error: Error) => assert.fail(`${name}: ${error.message}`));
      await assertAnswers(client);
      await client.close(uri);
    }

    // 2. All of them typed into one document as incremental edits, one line at a time, in random places.
    const rng = new Rng(12);
    const uri = 'file:///threats/replay-all.jsonl';
    let doc = TextDocument.create(uri, 'jsonl', 1, FIRST_LINE + '\n');
    await client.open(uri, doc.getText(), 1);
    for (const { line } of inputs) {
      const at = rng.int(1, doc.lineCount - 1);
      const change = { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, text: line + '\n' };
      doc = TextDocument.update(doc, [change], doc.version + 1);
      await client.change(uri, doc.version, [change]);
    }
    await diagnosticsOf(client, uri, doc.version, 60_000);
    await assertAnswers(client);

    // 3. Random mutations of real lines (the fuzz harness's mutator, fixed seed): 300 line replacements.
    const mutator = new Mutator(rng, loadSeeds());
    for (let i = 0; i < 300; i++) {
      const line = rng.int(0, doc.lineCount - 1);
      const end = line + 1 < doc.lineCount ? { line: line + 1, character: 0 } : doc.positionAt(doc.getText().length);
      const change = { range: { start: { line, character: 0 }, end }, text: mutator.line() + '\n' };
      doc = TextDocument.update(doc, [change], doc.version + 1);
      await client.change(uri, doc.version, [change]);
      if (i % 50 === 49) await assertAnswers(client);
    }
    await client.validated(uri, doc.version, 60_000);
    await assertAnswers(client);
    assert.equal(client.child.exitCode, null);
    assert.equal(client.exit, null);
    assert.equal(client.stderrStack, undefined, client.stderr);
  });
});

describe('threat 12 (settings): a workspace "toolcall.toolsFile" that is not a regular file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toolcall-threat12-'));
  const fifo = path.join(dir, 'tools.fifo');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  // `toolcall.toolsFile` is resource-scoped: a cloned repository's .vscode/settings.json can set it.
  for (const [name, target] of [['/dev/zero', '/dev/zero'], ['a named pipe (FIFO) nobody writes to', fifo]] as const) {
    it(`toolsFile = ${name} -> the server still validates and answers`, async () => {
      if (target === fifo) execFileSync('mkfifo', [fifo]);
      const client = await startServer();
      try {
        client.settings.set('*', { ...QUIET, toolsFile: target });
        const uri = pathToFileURL(path.join(dir, 'train.jsonl')).href;
        await client.open(uri, FIRST_LINE + '\n', 1);
        const validated = await client.validated(uri, 1, 30_000);
        const answer = await client.ping(FREEZE_MS);
        assert.ok(validated && answer.answered, `validated: ${validated}, answered: ${answer.answered} (ToolsFileStore.get reads the path with readFileSync whatever it is)`);
      } finally {
        await client.stop(); // SIGKILLs the frozen server after 3 s
      }
    });
  }
});
