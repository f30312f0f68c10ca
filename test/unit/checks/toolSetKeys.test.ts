// A declaration's key (TC703 compares them across lines) is canonicalKey of the tool as written.
// Cached tool sets (JSON-shaped arrays) compute it the faster way, by canonicalKeyOfParsed: the
// keys must be the same on every fixture line, generated lines and values that are odd for JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ToolSetCache } from '../../../core/checks/toolSet.ts';
import { canonicalKey } from '../../../core/schema/index.ts';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';

const oddTools = [
  '[{"type":"function","function":{"name":"a","parameters":{"type":"object","properties":{"z":{"type":"number","minimum":-0,"maximum":1e21,"multipleOf":0.1},"a":{"enum":[1.5e-7,-1e-7,true,null,"\\u00e9\\ud83d\\ude00"]}}}}}]',
  '[{"function":{"parameters":{"properties":{},"type":"object"},"name":"b","description":"key order differs"},"type":"function"}]',
  '[{"type":"function","function":{"name":"c","parameters":{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"string"}}}}}]',
  '[{"type":"function","function":{"name":"d","parameters":{"type":"object","properties":{"big":{"const":12345678901234567890}}}}}]',
  '[{"type":"function","function":{"name":"e","parameters":{"type":"object","properties":{"inf":{"default":1e400}}}}}]',
  // The parameters' canonical text is written once for both keys: mapped types, lifted flags, no object.
  '[{"type":"function","function":{"name":"f","parameters":{"type":"dict","properties":{"a":{"type":"float","required":true}}}}},{"type":"function","function":{"name":"g","parameters":"{}"}},{"type":"function","function":{"name":"h"}},{"type":"function","function":{"name":"i","parameters":[{"type":"object"}]}}]',
];

test('declaration keys of cached tool sets equal canonicalKey of each tool as written', () => {
  const toolSets = new ToolSetCache();
  let compared = 0;
  for (const line of [...fixtureLines(), ...generatedLines(200, 3)].map((l) => l.replace(/^\uFEFF/, '')).concat(oddTools.map((t) => `{"tools":${t}}`))) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    const tools = (value as { tools?: unknown } | null)?.tools;
    if (!Array.isArray(tools)) continue;
    const set = toolSets.analyze(tools, 'tools');
    for (const declared of set.byName.values()) {
      assert.equal(declared.key, canonicalKey(tools[declared.index]), JSON.stringify(tools[declared.index]).slice(0, 200));
      compared++;
    }
  }
  assert.equal(compared, 888); // declarations compared (pinned, so the comparison cannot silently shrink)
});
