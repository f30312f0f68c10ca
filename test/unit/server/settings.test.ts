import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SETTINGS } from '../../../core/protocol.ts';
import { validateText } from '../../../core/validate.ts';
import { normalizeSettings } from '../../../core/settings/validationSettings.ts';
import { resolveToolsPath } from '../../../core/settings/toolsPath.ts';
import { SettingsStore } from '../../../server/settings.ts';
import { ToolsFileStore } from '../../../server/toolsFiles.ts';
import { resolveOptions } from '../../../server/validationOptions.ts';
import { WEATHER_TOOL } from '../../helpers/diagnose.ts';
import { editor, sampleLines } from './fixtures.ts';

describe('settings', () => {
  it('normalizes what the client sends; bad values fall back to defaults', () => {
    assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(normalizeSettings({ toolsFile: ' tools.json ', severity: { tc104: 'off', TC702: 'loud', TC701: 'hint' }, datasets: ['a/*.jsonl', 3, ''], maxDiagnostics: 10.7 }), {
      toolsFile: 'tools.json',
      severity: { TC104: 'off', TC701: 'hint' },
      datasets: ['a/*.jsonl'],
      maxDiagnostics: 10,
      debounceMs: 150,
    });
    assert.equal(normalizeSettings({ maxDiagnostics: 0 }).maxDiagnostics, 1000);
    assert.equal(normalizeSettings({ debounceMs: 0 }).debounceMs, 0);
    assert.equal(normalizeSettings({ debounceMs: 75.9 }).debounceMs, 75);
    assert.equal(normalizeSettings({ debounceMs: -1 }).debounceMs, 150);
    assert.equal(normalizeSettings({ debounceMs: '5' }).debounceMs, 150);
    assert.deepEqual(normalizeSettings({ severity: ['x'] }).severity, {});
  });

  it('pulls per resource and caches until configuration changes; defaults without the capability', async () => {
    const asked: string[] = [];
    const store = new SettingsStore(async (uri) => {
      asked.push(uri);
      return { maxDiagnostics: asked.length };
    });
    assert.equal((await store.get('file:///a')).maxDiagnostics, 1);
    assert.equal((await store.get('file:///a')).maxDiagnostics, 1);
    assert.equal((await store.get('file:///b')).maxDiagnostics, 2);
    store.changed(null);
    assert.equal((await store.get('file:///a')).maxDiagnostics, 3);

    const noPull = new SettingsStore();
    assert.deepEqual(await noPull.get('file:///a'), DEFAULT_SETTINGS);
    noPull.changed({ maxDiagnostics: 5 });
    assert.equal((await noPull.get('file:///a')).maxDiagnostics, 5);
  });

  it('a failing configuration request means defaults, not a dead validation', async () => {
    const store = new SettingsStore(() => Promise.reject(new Error('no')));
    assert.deepEqual(await store.get('file:///a'), DEFAULT_SETTINGS);
  });

  it('severity overrides reach the per-line results through the cache', async () => {
    const options = { severity: { TC511: 'warning', TC702: 'off' } } as const;
    const e = editor(sampleLines().join('\n'), options);
    const result = await e.validate();
    assert.ok(result);
    assert.deepEqual(result.diagnostics, validateText(e.document.getText(), options).diagnostics);
    assert.equal(result.diagnostics.find((d) => d.code === 'TC511')!.severity, 'warning');
    assert.ok(!result.diagnostics.some((d) => d.code === 'TC702'));
  });

  it('resolves and loads the tools file; a broken or missing one becomes a line-0 problem', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toolcall-settings-'));
    const doc = pathToFileURL(path.join(dir, 'sub', 'data.jsonl')).href;
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'tools.json'), JSON.stringify([WEATHER_TOOL]));
    const watched: string[] = [];
    const ctx = { toolsFiles: new ToolsFileStore(), folders: () => [dir], watchToolsFile: (p: string) => watched.push(p) };

    assert.equal(resolveToolsPath('tools.json', path.join(dir, 'sub', 'data.jsonl'), [dir]), path.join(dir, 'tools.json'));
    const ok = resolveOptions(ctx, doc, { ...DEFAULT_SETTINGS, toolsFile: 'tools.json' });
    assert.deepEqual(ok.options.sharedTools, [WEATHER_TOOL]);
    assert.equal(ok.toolsProblem, undefined);
    assert.deepEqual(watched, [path.join(dir, 'tools.json')]);
    // Same file, same key (cached validators survive); new content, new key.
    assert.equal(resolveOptions(ctx, doc, { ...DEFAULT_SETTINGS, toolsFile: 'tools.json' }).key, ok.key);
    fs.writeFileSync(path.join(dir, 'tools.json'), '[{"type": "function", ');
    const broken = resolveOptions(ctx, doc, { ...DEFAULT_SETTINGS, toolsFile: 'tools.json' });
    assert.notEqual(broken.key, ok.key);
    assert.equal(broken.options.sharedTools, undefined);
    const { line, start, end, severity, code, data } = broken.toolsProblem!;
    assert.deepEqual({ line, start, end, severity, code, data }, { line: 0, start: 0, end: 0, severity: 'error', code: 'TC705', data: { toolsFile: path.join(dir, 'tools.json') } });
    assert.match(String(broken.toolsProblem!.message), /^Tools file tools.json is not valid JSON/);

    const missing = resolveOptions(ctx, doc, { ...DEFAULT_SETTINGS, toolsFile: 'nope.json' });
    assert.equal(missing.toolsProblem?.message, `Tools file nope.json can't be read (no such file); lines without their own "tools" are checked without it.`);
    assert.equal(resolveOptions(ctx, doc, { ...DEFAULT_SETTINGS, toolsFile: 'nope.json', severity: { TC705: 'off' } }).toolsProblem, undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
