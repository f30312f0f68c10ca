import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { assignToolNames, sanitizeToolName } from '../../../core/tools/import/toolNames.ts';
import { TOOL_NAME_PATTERN } from '../../../core/tools/toolNames.ts';

test('sanitizeToolName: runs of other characters become one underscore', () => {
  assert.equal(sanitizeToolName('weather.get'), 'weather_get');
  assert.equal(sanitizeToolName('files/read all'), 'files_read_all');
  assert.equal(sanitizeToolName('über tool'), '_ber_tool');
  assert.equal(sanitizeToolName('ok-name_1'), 'ok-name_1');
});

test('sanitizeToolName: nothing usable and too long both keep a hash of the original', () => {
  assert.equal(sanitizeToolName('日本'), 'tool_' + createHash('sha256').update('日本').digest('hex').slice(0, 8));
  const long = 'x'.repeat(80);
  const hash = createHash('sha256').update(long).digest('hex').slice(0, 8);
  assert.equal(sanitizeToolName(long), 'x'.repeat(55) + '_' + hash);
  assert.equal(sanitizeToolName(long).length, 64);
  assert.match(sanitizeToolName(long), TOOL_NAME_PATTERN);
});

test('assignToolNames: valid names are kept; a sanitised name that collides gets a suffix, the valid one keeps its name', () => {
  const { names, changes } = assignToolNames(['get weather', 'get_weather', 'get.weather', 'a']);
  assert.deepEqual(names, ['get_weather_2', 'get_weather', 'get_weather_3', 'a']);
  assert.deepEqual(changes, [
    { from: 'get weather', to: 'get_weather_2' },
    { from: 'get.weather', to: 'get_weather_3' },
  ]);
});

test('assignToolNames: duplicate valid names are made unique', () => {
  assert.deepEqual(assignToolNames(['dup', 'dup']), { names: ['dup', 'dup_2'], changes: [{ from: 'dup', to: 'dup_2' }] });
});
