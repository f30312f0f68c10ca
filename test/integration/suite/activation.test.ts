// The real activation cost, as VS Code itself records it: the "Extension Activation Stats" table of
// Developer: Startup Performance (the `perf:Startup Performance` document the workbench provides),
// our extension's row: load code (require of dist/client.js), call activate, finish activate
// (the returned promise settles: the language server has started), and whether the language
// client's file came from the code cache of an earlier start (TOOLCALL_EXPECT_CODE_CACHE=1, set
// by bench/realActivation.mjs for a second start in the same profile, makes that an assertion,
// with the server's compile cache written by the first start).
// The figures go to TOOLCALL_RESULTS_DIR/activation.json for `npm run bench`; timings are
// printed, never asserted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ToolcallApi } from '../../../client/extension.ts';
import { WAIT_MS } from './workbench.ts';

const EXTENSION_ID = 'toolcall-studio.toolcall-studio';
const STARTUP_PERFORMANCE = vscode.Uri.from({ scheme: 'perf', path: 'Startup Performance' });
const COLUMNS = ['Extension', 'Eager', 'Load Code', 'Call Activate', 'Finish Activate', 'Event', 'By'];

/** One extension's row of the table, the three times in milliseconds. */
export interface ActivationRow {
  extension: string;
  eager: boolean;
  loadCodeMs: number;
  callActivateMs: number;
  finishActivateMs: number;
  event: string;
}

/** The rows of the "Extension Activation Stats" markdown table, or undefined while it is not written yet. */
function activationRows(text: string): ActivationRow[] | undefined {
  const lines = text.split('\n');
  const heading = lines.findIndex((l) => l.trim() === '## Extension Activation Stats');
  if (heading < 0) return undefined;
  const cells = (line: string) => line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
  const header = lines.slice(heading + 1).find((l) => l.trim().startsWith('|'));
  assert.ok(header, 'the activation table has a header');
  assert.deepEqual(cells(header), COLUMNS);
  const rows: ActivationRow[] = [];
  for (const line of lines.slice(lines.indexOf(header) + 2)) {
    if (!line.trim().startsWith('|')) break;
    const [extension, eager, load, call, finish, event] = cells(line);
    rows.push({ extension, eager: eager === 'true', loadCodeMs: Number(load), callActivateMs: Number(call), finishActivateMs: Number(finish), event });
  }
  return rows;
}

/** Our row, polling the document: the workbench fills it once the extension host reports its activations. */
async function ourActivationRow(): Promise<{ row: ActivationRow; text: string }> {
  const deadline = Date.now() + WAIT_MS;
  let text = '';
  // The workbench registers the `perf` scheme's provider with its Startup Performance contribution,
  // created when the editor is first shown (as the command Developer: Startup Performance does).
  await vscode.commands.executeCommand('perfview.show');
  for (;;) {
    text = (await vscode.workspace.openTextDocument(STARTUP_PERFORMANCE)).getText();
    const row = activationRows(text)?.find((r) => r.extension === EXTENSION_ID);
    if (row) return { row, text };
    if (Date.now() > deadline) assert.fail(`no row for ${EXTENSION_ID} in Startup Performance within ${WAIT_MS} ms:\n${text.slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

suite('activation: VS Code records our activation times', () => {
  test('real activation in code-server: the Startup Performance row of toolcall-studio', async () => {
    const ext = vscode.extensions.getExtension<ToolcallApi>(EXTENSION_ID);
    assert.ok(ext);
    const api = await ext.activate();
    const { row } = await ourActivationRow();
    for (const ms of [row.loadCodeMs, row.callActivateMs, row.finishActivateMs]) assert.ok(Number.isInteger(ms) && ms >= 0, JSON.stringify(row));
    const figures = { ...row, loadedFromCodeCache: api.loadedFromCodeCache };
    console.log(`[activation] ${JSON.stringify(figures)}`);
    if (process.env['TOOLCALL_EXPECT_CODE_CACHE'] === '1') {
      assert.equal(api.loadedFromCodeCache, true, 'a later start in the same profile loads the language client with the code cache');
      // The first start's server left Node's compile cache for this one (client/session.ts).
      const serverCache = path.join(api.jobs.globalStorageUri.fsPath, 'code-cache', 'server');
      const files = fs.readdirSync(serverCache, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(serverCache, f)).isFile());
      assert.ok(files.length > 0, `no compile cache of the server in ${serverCache}`);
    }
    const dir = process.env.TOOLCALL_RESULTS_DIR;
    if (dir) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'activation.json'), JSON.stringify({ ...figures, vscode: vscode.version }) + '\n');
    }
  });
});
