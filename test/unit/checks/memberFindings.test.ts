// The fast path of the line checks (a tools JSON looked up by its raw text, its findings placed
// once and shifted onto each line repeating it) must say exactly what the general path says:
// same diagnostics, same ranges, same order, on every fixture line, on generated lines, and on
// variants that move the tools member around (spacing, order, a byte-order mark, deep nesting
// elsewhere, lines too long to place).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ToolSetCache, type MemberAnalysis } from '../../../core/checks/toolSet.ts';
import { DatasetValidator, validateText } from '../../../core/validate.ts';
import { fixtureLines, generatedLines, spaced } from '../../helpers/datasetLines.ts';

/** Takes the general path: no member is parsed, analysed or placed by its text. */
class GeneralPathToolSets extends ToolSetCache {
  override analyzeMember(): MemberAnalysis | undefined {
    return undefined;
  }
  override known(): MemberAnalysis | undefined {
    return undefined;
  }
}

/** The fast paths, counting the texts analysed and the lines whose member was not parsed again. */
class CountingToolSets extends ToolSetCache {
  analysed = 0;
  reused = 0;
  override analyzeMember(array: unknown, root: 'tools' | 'functions', source: string): MemberAnalysis | undefined {
    const analysis = super.analyzeMember(array, root, source);
    if (analysis) this.analysed++;
    return analysis;
  }
  override known(name: string, source: string): MemberAnalysis | undefined {
    const analysis = super.known(name, source);
    if (analysis) this.reused++;
    return analysis;
  }
}

/** The line and variants of it that move its members: each a line of the file checked. */
function variants(line: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return [line];
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [line];
  const { tools, functions, ...rest } = value as Record<string, unknown>;
  const first = { ...(tools === undefined ? {} : { tools }), ...(functions === undefined ? {} : { functions }), ...rest };
  const deep = '['.repeat(300) + ']'.repeat(300);
  return [
    line,
    '\uFEFF' + line,
    spaced(value),
    ' ' + JSON.stringify(first) + '  ',
    JSON.stringify({ note: 'x'.repeat(line.length % 97), ...(value as object) }),
    line.replace(/^\{/, `{"deep":${deep},`),
    line.replace(/^\{/, `{"long":"${'y'.repeat(1024 * 1024)}",`),
  ];
}

function compare(lines: string[]): { analysed: number; reused: number } {
  const text = lines.join('\n') + '\n';
  const counting = new CountingToolSets();
  const fast = validateText(text, {}, new DatasetValidator({}, counting));
  const general = validateText(text, {}, new DatasetValidator({}, new GeneralPathToolSets()));
  assert.deepEqual(fast.summary, general.summary);
  for (let i = 0; i < Math.max(fast.diagnostics.length, general.diagnostics.length); i++) {
    assert.deepEqual(fast.diagnostics[i], general.diagnostics[i], `diagnostic ${i} (line ${general.diagnostics[i]?.line})`);
  }
  return { analysed: counting.analysed, reused: counting.reused };
}

test('fixture lines and their variants: the same diagnostics on both paths', () => {
  const lines = fixtureLines().flatMap(variants);
  assert.equal(lines.length, 2007);
  assert.deepEqual(compare(lines), { analysed: 123, reused: 1326 });
});

test('generated lines, repeating tool sets at other offsets: the same diagnostics on both paths', () => {
  const lines = generatedLines(400, 7);
  const all = [...lines, ...lines.slice(0, 60).flatMap(variants)];
  assert.equal(all.length, 820);
  assert.deepEqual(compare(all), { analysed: 385, reused: 434 });
});
