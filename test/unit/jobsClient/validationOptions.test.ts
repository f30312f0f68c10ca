import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { toolsPathFor, validationOptionsFor } from '../../../client/jobs/validationOptions.ts';
import { workspace } from '../jobs/fixtures.ts';

describe('validation options for a launch', () => {
  test('tools file: absolute as is; relative to the folder when it exists there, else the file directory', () => {
    const dir = workspace({ 'tools.json': '[{"type":"function","function":{"name":"f"}}]' });
    mkdirSync(join(dir, 'data'));
    const file = join(dir, 'data', 'train.jsonl');
    assert.equal(toolsPathFor('tools.json', file, [dir]), join(dir, 'tools.json'));
    assert.equal(toolsPathFor('missing.json', file, [dir]), join(dir, 'missing.json'));
    assert.equal(toolsPathFor('/abs/t.json', file, [dir]), '/abs/t.json');
    assert.equal(toolsPathFor('  ', file, [dir]), undefined);
    writeFileSync(join(dir, 'data', 'local.json'), '[]');
    assert.equal(toolsPathFor('local.json', file, [dir]), join(dir, 'data', 'local.json'));
  });

  test('severity and shared tools as the server uses them; an unreadable tools file is left out', () => {
    const dir = workspace({ 'tools.json': '{"tools":[{"type":"function","function":{"name":"f"}}]}', 'bad.json': '{' });
    const file = join(dir, 'train.jsonl');
    assert.deepEqual(validationOptionsFor(file, { severity: { TC308: 'off' }, toolsFile: 'tools.json' }, [dir]), { severity: { TC308: 'off' }, sharedTools: [{ type: 'function', function: { name: 'f' } }] });
    assert.deepEqual(validationOptionsFor(file, { severity: 'x', toolsFile: 'bad.json' }, [dir]), {});
  });
});
