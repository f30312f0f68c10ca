// Issue 17, item 8: what the Settings editor shows for each `toolcall.*` setting. Every
// setting says what it does, constrains its value (enum, items, properties, bounds), and
// its markdown renders (plain descriptions show backticks literally; links are https;
// `#setting#` references name real settings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

interface Setting {
  type?: string | string[];
  description?: string;
  markdownDescription?: string;
  scope?: string;
  enum?: unknown[];
  enumDescriptions?: string[];
  items?: unknown;
  additionalProperties?: unknown;
  properties?: unknown;
  minimum?: number;
  format?: string;
  pattern?: string;
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, Setting> } }; capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } } };
const settings = manifest.contributes.configuration.properties;

test('every setting: a type, a scope and a description of at least one sentence', () => {
  for (const [key, s] of Object.entries(settings)) {
    assert.ok(s.type, `${key} has a type`);
    assert.ok(s.scope, `${key} has a scope`);
    const text = s.markdownDescription ?? s.description ?? '';
    assert.match(text, /^[A-Z*`].{20,}[.)]$/s, `${key}: "${text}"`);
  }
});

test('plain descriptions have no markdown (it would show as typed); markdown links are https; #setting# references exist', () => {
  for (const [key, s] of Object.entries(settings)) {
    if (s.description !== undefined) assert.doesNotMatch(s.description, /[`*[]/, `${key} uses markdown in a plain description`);
    for (const [, url] of (s.markdownDescription ?? '').matchAll(/\]\(([^)]+)\)/g)) assert.match(url!, /^https:\/\//, `${key}: link ${url}`);
    for (const [, ref] of (s.markdownDescription ?? '').matchAll(/`#([\w.]+)#`/g)) assert.ok(ref! in settings || ref!.startsWith('editor.'), `${key} refers to ${ref}`);
  }
});

test('values are constrained: numbers bounded, objects and arrays with a schema, fixed choices as enums with descriptions', () => {
  for (const [key, s] of Object.entries(settings)) {
    if (s.type === 'integer' || s.type === 'number') assert.equal(typeof s.minimum, 'number', `${key} has a minimum`);
    if (s.type === 'object') assert.ok(s.additionalProperties || s.properties, `${key} has a schema for its entries`);
    if (s.type === 'array') assert.ok(s.items, `${key} has a schema for its items`);
    if (s.enum) assert.equal(s.enumDescriptions?.length, s.enum.length, `${key} describes each choice`);
  }
  assert.deepEqual(settings['toolcall.problemSummary']?.enum, ['longLines', 'always', 'off']);
  assert.equal(settings['toolcall.azure.apiVersion']?.pattern, '^\\d{4}-\\d{2}-\\d{2}(-preview)?$');
  assert.deepEqual(
    ['toolcall.maxDiagnostics', 'toolcall.debounceMs', 'toolcall.eval.concurrency'].map((k) => settings[k]?.type),
    ['integer', 'integer', 'integer'],
  );
});

test('endpoint settings are user-only (application scope) and restricted in untrusted workspaces', () => {
  const endpoints = Object.keys(settings).filter((k) => /^toolcall\.(openai|azure|eval\.(models|prices))\b/.test(k));
  assert.deepEqual(endpoints, ['toolcall.eval.models', 'toolcall.eval.prices', 'toolcall.openai.baseUrl', 'toolcall.openai.organization', 'toolcall.openai.project', 'toolcall.azure.endpoint', 'toolcall.azure.apiVersion']);
  for (const key of endpoints) {
    assert.equal(settings[key]!.scope, 'application', key);
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(key), `${key} is restricted`);
  }
});
