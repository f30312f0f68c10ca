import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expandSnippet } from '../../../core/authoring/snippetText.ts';
import { summarizeExample } from '../../../core/authoring/outline.ts';
import { validateText } from '../../../core/validate.ts';

const file = path.resolve('snippets/jsonl.code-snippets');
const snippets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { prefix: string | string[]; body: string[]; description: string }>;

test('expandSnippet follows VS Code: placeholders at their defaults, only $ } \\ escaped', () => {
  assert.equal(expandSnippet('a\\}b\\$c\\\\d\\"e${1:x\\}y}${2|p\\,q,r|}$3$0'), 'a}b$c\\d\\"ex}yp,q');
});

test('each category snippet inserts ONE line that validates with no problem, in its category', () => {
  const categories: Record<string, string> = {};
  for (const [name, snippet] of Object.entries(snippets)) {
    assert.equal(snippet.body.length, 1, name);
    const line = expandSnippet(snippet.body[0]);
    assert.ok(!/[\r\n]/.test(line), name);
    const { diagnostics } = validateText(line);
    assert.deepEqual(diagnostics.filter((d) => d.code !== 'TC701').map((d) => `${d.code} ${d.message}`), [], name);
    categories[name] = summarizeExample(line, 0)!.category;
    assert.match(snippet.body[0], /\$\{1:/, name);
  }
  assert.deepEqual(categories, {
    'Toolcall: single call': 'single-call',
    'Toolcall: error recovery': 'error-recovery',
    'Toolcall: multi-step': 'multi-step',
    'Toolcall: no call': 'no-call',
  });
});

test('one completion entry per snippet: a single "toolcall-" prefix each (issue 17: tc-* and toolcall-* listed each twice)', () => {
  assert.deepEqual(
    Object.fromEntries(Object.entries(snippets).map(([name, s]) => [name, s.prefix])),
    {
      'Toolcall: single call': 'toolcall-single',
      'Toolcall: error recovery': 'toolcall-recovery',
      'Toolcall: multi-step': 'toolcall-multistep',
      'Toolcall: no call': 'toolcall-nocall',
    },
  );
});
