// The open-model commands in the real VS Code: Convert Dataset writes the converted file beside
// the source and opens it with the per-line report; Preview Training Text opens the rendered
// text beside the dataset with the trained turns decorated and the token counts on top.
//
// Fixtures: test/fixtures/workspace/openModel/rates.jsonl (one example: a call of weight 0,
// a tool reply, a final answer) and the test model of the unit tests, test/fixtures/render
// (a ChatML template with tools and a tiny byte-level BPE tokenizer.json).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { workspaceFile } from './workbench';

suite('Open-model commands', () => {
  const source = workspaceFile('openModel/rates.jsonl');
  const output = workspaceFile('openModel/rates.sharegpt.jsonl');

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(output).then(undefined, () => undefined);
  });

  test('Convert Dataset: the ShareGPT file beside the source, opened, with what it could not carry', async () => {
    const outcome = (await vscode.commands.executeCommand('toolcall.convertDataset', { file: source, from: 'openai', to: 'sharegpt', overwrite: true })) as {
      status: string; output: string; totals: unknown; report: string[];
    };
    assert.equal(outcome.status, 'written');
    assert.equal(outcome.output, output.fsPath);
    assert.deepEqual(outcome.totals, { records: 1, written: 1, skipped: 0, withLosses: 1, losses: { ids: 1, weight: 1 } });
    assert.deepEqual(outcome.report, [
      'openModel/rates.jsonl:1: 1 tool call id is not carried; replies are matched to calls by order.',
      'openModel/rates.jsonl:1: message 2: "weight": 0 is not carried, so this assistant turn would be trained.',
      '1 of 1 records written, 0 left out, 1 with losses (ids 1, weight 1).',
    ]);
    const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(output));
    assert.deepEqual(JSON.parse(written), {
      conversations: [
        { from: 'human', value: 'EUR in USD?' },
        { from: 'function_call', value: '{"name":"get_rate","arguments":{"base":"EUR","quote":"USD"}}' },
        { from: 'observation', value: '1.08' },
        { from: 'gpt', value: '1 EUR is 1.08 USD.' },
      ],
      tools: '[{"name":"get_rate","description":"Exchange rate.","parameters":{"type":"object","properties":{"base":{"type":"string"},"quote":{"type":"string"}},"required":["base","quote"]}}]',
    });
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === output.fsPath), 'the converted file is open');
  });

  test('Preview Training Text: the rendered line beside the dataset, trained turns and token counts', async () => {
    const template = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, '..', 'render');
    const outcome = (await vscode.commands.executeCommand('toolcall.previewTrainingText', { file: source, line: 1, template })) as {
      status: string; uri: string; header: string[]; preview: { text: string; spans: { start: number; end: number; trained: boolean }[]; tokens: unknown };
    };
    assert.equal(outcome.status, 'shown');
    assert.deepEqual(outcome.preview.tokens, { total: 446, trained: 20, perSpan: [90, 20] });
    assert.deepEqual(outcome.preview.spans.map((s) => [s.start, s.end, s.trained]), [[359, 462, false], [549, 578, true]]);
    assert.deepEqual(outcome.header, [`# Line 1 rendered with ${template}: 446 tokens, 20 trained; 1 trained assistant turn highlighted.`, '']);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === outcome.uri);
    assert.ok(editor, 'the preview is open');
    const text = editor.document.getText();
    assert.equal(text, outcome.header.join('\n') + '\n' + outcome.preview.text);
    assert.ok(text.endsWith('<|im_start|>assistant\n1 EUR is 1.08 USD.<|im_end|>\n'));

    // The same line again with a template that hides the tools: the open preview shows the new text and the finding.
    const again = (await vscode.commands.executeCommand('toolcall.previewTrainingText', { file: source, line: 1, template: path.join(template, 'drops-tools.jinja') })) as typeof outcome;
    assert.equal(again.uri, outcome.uri);
    assert.deepEqual(again.header.slice(1), ['# TC901 This template never shows the tools to the model, so it learns calls without their declarations.', '']);
    const reopened = vscode.workspace.textDocuments.find((d) => d.uri.toString() === again.uri)!;
    assert.equal(reopened.getText(), again.header.join('\n') + '\n' + again.preview.text);
    assert.ok(!reopened.getText().includes('<tools>'));
  });
});
