import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadModelFiles } from '../../../core/render/modelFiles.ts';
import { checkTemplate } from '../../../core/render/templateChecks.ts';
import { markSpans, previewLine } from '../../../core/render/preview.ts';
import { ChatTemplate } from '../../../core/render/chatTemplate.ts';
import { renderExample } from '../../../core/render/renderExample.ts';
import { runToolcall } from '../../helpers/cli.ts';

const MODEL = path.join(__dirname, '../../fixtures/render');
const TRAIN = path.join(__dirname, '../../../examples/agent-train.jsonl');
const trainLines = readFileSync(TRAIN, 'utf8').trim().split('\n');

test('the trained spans are the assistant turns, weight 0 marked untrained, counted with the model tokenizer', async () => {
  const model = await loadModelFiles(MODEL);
  const preview = previewLine(trainLines[0], 1, model);
  assert.deepEqual(preview.spans.map((s) => [s.message, s.trained, preview.text.slice(s.start, s.end)]), [
    [2, false, '\n<tool_call>\n{"name": "calculate", "arguments": {"expression": "15% * 2400"}}\n</tool_call><|im_end|>\n'],
    [4, true, '\n<tool_call>\n{"name": "calculate", "arguments": {"expression": "0.15 * 2400"}}\n</tool_call><|im_end|>\n'],
    [6, true, 'Ask for a $360.00 deposit.<|im_end|>\n'],
  ]);
  // Each span starts right after the assistant header the generation prompt ends with.
  for (const s of preview.spans) assert.equal(preview.text.slice(s.start - 22, s.start), '<|im_start|>assistant\n');
  assert.deepEqual(preview.tokens, { total: 2913, trained: 118, perSpan: [89, 90, 28] });
  assert.deepEqual(preview.findings, []);
  assert.ok(markSpans(preview).endsWith('<|im_start|>assistant\n[train]Ask for a $360.00 deposit.<|im_end|>\n[/train]'));
});

test('token counts by hand: special tokens, merges and the byte alphabet', async () => {
  const model = await loadModelFiles(MODEL);
  // <|im_start|> user Ċ hi Ġthere <|im_end|>: "user", "hi" and "Ġthere" are merges of the fixture.
  assert.equal(model.tokenizer!.count('<|im_start|>user\nhi there<|im_end|>'), 6);
  // No merge covers "xyz": one token per byte; "é" is two bytes.
  assert.equal(model.tokenizer!.count('xyz é'), 6);
});

test('rendering and token counts equal Python jinja2 and a reference byte-level BPE on every line of the example set', async (t) => {
  const python = spawnSync('python3', [path.join(__dirname, 'reference.py'), TRAIN, MODEL], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (python.error || python.status !== 0) {
    t.skip(`python3 with jinja2 and regex is not available (${python.error?.message ?? python.stderr.trim().split('\n').at(-1)})`);
    return;
  }
  const reference = python.stdout.trim().split('\n').map((l) => JSON.parse(l) as { text: string; tokens: number });
  const model = await loadModelFiles(MODEL);
  assert.equal(reference.length, 63);
  reference.forEach((ref, i) => {
    const preview = previewLine(trainLines[i], i + 1, model);
    assert.equal(preview.text, ref.text, `line ${i + 1}`);
    assert.equal(preview.tokens!.total, ref.tokens, `line ${i + 1}`);
  });
  // toolcall stats --template: the same counts, and the lines over the model_max_length (4096) of the config.
  const stats = await run(['stats', TRAIN, '--template', MODEL, '--format', 'json'], __dirname);
  const tokens = (JSON.parse(stats.stdout) as { tokens: { total: number; max: number; limit: number; overLimit: { line: number; tokens: number }[] } }).tokens;
  assert.equal(tokens.total, reference.reduce((sum, r) => sum + r.tokens, 0));
  assert.equal(tokens.max, Math.max(...reference.map((r) => r.tokens)));
  assert.equal(tokens.limit, 4096);
  assert.deepEqual(tokens.overLimit.map((o) => [o.line, o.tokens]), reference.flatMap((r, i) => (r.tokens > 4096 ? [[i + 1, r.tokens]] : [])));
  assert.equal(tokens.overLimit.length, 3);
  // toolcall validate --template: TC209 on the same lines with the same counts.
  const validate = await run(['validate', TRAIN, '--template', MODEL, '--format', 'json'], __dirname);
  const tc209 = validate.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; code: string; message: string });
  assert.deepEqual(tc209.map((d) => [d.line, d.code, d.message]), reference.flatMap((r, i) => {
    if (r.tokens <= 4096) return [];
    const n = (x: number) => x.toLocaleString('en-US');
    return [[i + 1, 'TC209', `Example has ${n(r.tokens)} tokens, ${n(r.tokens - 4096)} over the 4,096 limit of ${MODEL}; it will be truncated.`]];
  }));
});

test('toolcall validate --template: the template\'s own problems on line 1 of each file', async () => {
  const result = await run(['validate', TRAIN, '--template', path.join(MODEL, 'drops-tools.jinja')], __dirname);
  const lines = result.stdout.trim().split('\n');
  assert.equal(lines.at(-2), `${TRAIN}:1:1: warning TC901 This template never shows the tools to the model, so it learns calls without their declarations.`);
  // Without the tools in the text, no example is over 4,096 tokens: TC901 is the only warning.
  assert.equal(lines.at(-1), '1 file, 63 examples: 0 errors, 1 warning, 0 infos');
  assert.equal(result.code, 0);
});

test('toolcall validate --template: usage errors say what is missing', async () => {
  const both = await run(['validate', TRAIN, '--template', MODEL, '--model', 'gpt-4o-mini-2024-07-18'], __dirname);
  assert.equal(both.code, 2);
  assert.equal(both.stderr.split('\n')[0], 'toolcall validate: Give --model or --template, not both.');
  const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-template-'));
  writeFileSync(path.join(dir, 't.jinja'), '{{ messages[0].content }}');
  const noTokenizer = await run(['validate', TRAIN, '--template', path.join(dir, 't.jinja')], __dirname);
  assert.equal(noTokenizer.stderr.split('\n')[0], `toolcall validate: --template: ${path.join(dir, 't.jinja')} has no tokenizer.json beside it, so tokens cannot be counted.`);
});

test('templates that hide tools, tool results or parallel calls are diagnosed', async () => {
  const findings = async (file: string) => checkTemplate((await loadModelFiles(path.join(MODEL, file))).template).map((f) => `${f.code} ${f.message}`);
  assert.deepEqual(await findings('chatml-tools.jinja'), []);
  assert.deepEqual(await findings('drops-tools.jinja'), ['TC901 This template never shows the tools to the model, so it learns calls without their declarations.']);
  assert.deepEqual(await findings('ignores-tool-messages.jinja'), ['TC902 This template never shows tool results (role "tool") to the model.']);
  assert.deepEqual(await findings('first-call-only.jinja'), ['TC903 This template renders only the first of parallel tool calls; the others are dropped from the training text.']);
  const broken = new ChatTemplate({ chatTemplate: '{{ messages[0].content | nosuchfilter }}', specialTokens: {} });
  assert.equal(checkTemplate(broken)[0].code, 'TC904');
});

test('HF named templates: tool_use is chosen when the example has tools', () => {
  const template = new ChatTemplate({ chatTemplate: [{ name: 'default', template: 'D{{ messages|length }}' }, { name: 'tool_use', template: 'T{{ tools|length }}' }], specialTokens: {} });
  assert.equal(renderExample({ messages: [{ role: 'user', content: 'x' }] }, template).text, 'D1');
  assert.equal(renderExample({ messages: [{ role: 'user', content: 'x' }], tools: [{}, {}] }, template).text, 'T2');
});

test('a template that rewrites earlier turns is said to hide the spans', () => {
  // Renders only the last message: earlier turns change when more follow.
  const template = new ChatTemplate({ chatTemplate: '{{ messages[-1].content }}', specialTokens: {} });
  const rendered = renderExample({ messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }] }, template);
  assert.equal(rendered.spanProblem, 'the template renders the turns before message 2 differently once it follows, so its trained text cannot be located.');
});

const run = runToolcall;

test('toolcall render: marked text, token counts, findings once; bad lines reported with their number', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-render-'));
  writeFileSync(path.join(dir, 'd.jsonl'), '{"messages":[{"role":"user","content":"hi there"},{"role":"assistant","content":"hi"}]}\nnot json\n');
  const result = await run(['render', 'd.jsonl', '--template', path.join(MODEL, 'drops-tools.jinja')], dir);
  assert.equal(result.stdout, [
    'd.jsonl:1: 71 characters, 1 trained assistant turn, 13 tokens of which 3 trained',
    '<|im_start|>user\nhi there<|im_end|>\n<|im_start|>assistant\n[train]hi<|im_end|>\n[/train]',
    `${path.join(MODEL, 'drops-tools.jinja')}: TC901 This template never shows the tools to the model, so it learns calls without their declarations.`,
    '',
  ].join('\n'));
  assert.equal(result.stderr, 'd.jsonl:2: line 2 is not JSON (Unexpected token \'o\', "not json" is not valid JSON).\n');
  assert.equal(result.code, 1);
  const json = await run(['render', 'd.jsonl', '--template', MODEL, '--line', '1', '--format', 'json'], dir);
  assert.deepEqual(JSON.parse(json.stdout), {
    line: 1,
    text: '<|im_start|>user\nhi there<|im_end|>\n<|im_start|>assistant\nhi<|im_end|>\n',
    spans: [{ start: 58, end: 71, message: 1, trained: true }],
    tokens: { total: 13, trained: 3, perSpan: [3] },
    findings: [],
  });
  const missing = await run(['render', 'd.jsonl', '--template', path.join(dir, 'nowhere')], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^toolcall render: --template: .*nowhere does not exist\./);
});
