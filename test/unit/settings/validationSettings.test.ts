// The validation settings in one place (core/settings): where the tools file is, and the core
// options the language server and the launch's preflight both check a file with.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { resolveToolsPath } from '../../../core/settings/toolsPath.ts';
import { fileValidationOptions, normalizeSettings, validationOptionsFor } from '../../../core/settings/validationSettings.ts';
import { DEFAULT_SETTINGS } from '../../../core/protocol.ts';

const dirs: string[] = [];
function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'toolcall-settings-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** gpt-4o-mini-2024-07-18's limit: the default model of `toolcall.stats.model`. */
const DEFAULT_LIMIT = { model: 'gpt-4o-mini-2024-07-18', limit: 65536 };

describe('resolveToolsPath', () => {
  test('absolute as is; relative to the deepest folder when it exists there, else the file directory, else the first folder', () => {
    const dir = workspace({ 'tools.json': '[]' });
    mkdirSync(join(dir, 'data'));
    const file = join(dir, 'data', 'train.jsonl');
    assert.equal(resolveToolsPath('tools.json', file, [dir]), join(dir, 'tools.json'));
    assert.equal(resolveToolsPath(' tools.json ', file, [dir]), join(dir, 'tools.json'));
    assert.equal(resolveToolsPath('missing.json', file, [dir]), join(dir, 'missing.json'));
    assert.equal(resolveToolsPath('/abs/../abs/t.json', file, [dir]), '/abs/t.json');
    assert.equal(resolveToolsPath('  ', file, [dir]), undefined);
    writeFileSync(join(dir, 'data', 'local.json'), '[]');
    assert.equal(resolveToolsPath('local.json', file, [dir]), join(dir, 'data', 'local.json'));
    // A nested folder wins over its parent; an untitled document (no path) uses the first folder.
    mkdirSync(join(dir, 'data', 'sub'));
    writeFileSync(join(dir, 'data', 'tools.json'), '[]');
    assert.equal(resolveToolsPath('tools.json', join(dir, 'data', 'sub', 'train.jsonl'), [dir, join(dir, 'data')]), join(dir, 'data', 'tools.json'));
    assert.equal(resolveToolsPath('tools.json', undefined, [dir]), join(dir, 'tools.json'));
  });
});

describe('validationOptionsFor', () => {
  test('severities, shared tools and the token limit of the configured model (default model when absent)', () => {
    assert.deepEqual(validationOptionsFor(DEFAULT_SETTINGS, undefined), { severity: {}, tokenLimit: DEFAULT_LIMIT });
    const settings = normalizeSettings({ severity: { TC308: 'off' }, tokenLimits: { 'my-model': 1000 }, stats: { model: 'my-model' } });
    assert.deepEqual(validationOptionsFor(settings, [{ type: 'function' }]), { severity: { TC308: 'off' }, sharedTools: [{ type: 'function' }], tokenLimit: { model: 'my-model', limit: 1000 } });
  });
});

describe('fileValidationOptions (the launch preflight)', () => {
  test('the same options as the server: severity, shared tools and the token limit; an unusable tools file is left out', () => {
    const dir = workspace({ 'tools.json': '{"tools":[{"type":"function","function":{"name":"f"}}]}', 'bad.json': '{' });
    const file = join(dir, 'train.jsonl');
    assert.deepEqual(fileValidationOptions(file, { severity: { TC308: 'off' }, toolsFile: 'tools.json' }, [dir]), {
      severity: { TC308: 'off' },
      sharedTools: [{ type: 'function', function: { name: 'f' } }],
      tokenLimit: DEFAULT_LIMIT,
    });
    assert.deepEqual(fileValidationOptions(file, { severity: 'x', toolsFile: 'bad.json' }, [dir]), { severity: {}, tokenLimit: DEFAULT_LIMIT });
    // A FIFO or a directory is refused unread (a read would block or fail), as in the server.
    assert.deepEqual(fileValidationOptions(file, { toolsFile: '.' }, [dir]), { severity: {}, tokenLimit: DEFAULT_LIMIT });
  });
});
