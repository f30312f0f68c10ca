// The raw text of a root member (a line's `tools`), found from the keys the line scan records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLine } from '../../../core/dataset/parseLine.ts';
import { rootMemberSpan } from '../../../core/dataset/rootMember.ts';

/** The member's raw text as rootMemberSpan finds it in `line`, or undefined. */
function member(line: string, name: string): string | undefined {
  const parsed = parseLine(line);
  assert.equal(parsed.kind, 'value');
  if (parsed.kind !== 'value' || !parsed.rootKeys) return undefined;
  const span = rootMemberSpan(line, parsed.bom ? 1 : 0, parsed.rootKeys, name);
  return span && line.slice(span.start, span.end);
}

test('the value of a root member, wherever it stands and however it is spaced', () => {
  const tools = '[{"type":"function","function":{"name":"f","description":"a ] } \\" [ {, \\\\"}}]';
  assert.equal(member(`{"messages":[],"tools":${tools}}`, 'tools'), tools);
  assert.equal(member(`{"tools":${tools},"messages":[]}`, 'tools'), tools);
  assert.equal(member(`{"messages": [], "tools": ${tools}}`, 'tools'), tools);
  assert.equal(member(` { "tools" :\t${tools} , "messages" : [ ] } `, 'tools'), tools);
  assert.equal(member(`\uFEFF{"messages":[],"tools":${tools}}`, 'tools'), tools);
  assert.equal(member('{"messages":[],"functions":[{"name":"f"}],"x":1}', 'functions'), '[{"name":"f"}]');
  assert.equal(member('{"tools":"boom"}', 'tools'), '"boom"');
  assert.equal(member('{"tools":12.5e3}', 'tools'), '12.5e3');
});

test('only a root member written plainly: not a nested one, an escaped key or a longer name', () => {
  assert.equal(member('{"messages":[{"x":1,"tools":[1]}]}', 'tools'), undefined);
  assert.equal(member('{"\\u0074ools":[1],"messages":[]}', 'tools'), undefined);
  assert.equal(member('{"toolsx":[1],"tool":[2]}', 'tools'), undefined);
  assert.equal(member('{"a":"\\"tools\\":[1]"}', 'tools'), undefined);
});

test('no root keys for duplicate keys, an empty object or a root that is not an object', () => {
  const keysOf = (line: string) => {
    const parsed = parseLine(line);
    return parsed.kind === 'value' ? parsed.rootKeys : parsed.kind;
  };
  assert.equal(keysOf('{"tools":[1],"messages":[],"tools":[2]}'), undefined);
  assert.equal(keysOf('{"messages":[{"a":1,"a":2}],"tools":[]}'), undefined);
  assert.equal(keysOf('{}'), undefined);
  assert.equal(keysOf('[{"tools":[1]}]'), undefined);
  assert.deepEqual(keysOf('{"a":1, "bc" :[{"d":2}]}'), [1, 4, 8, 13]);
});
