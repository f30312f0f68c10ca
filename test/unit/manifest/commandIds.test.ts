// Activation registers one handler per command of package.json's `contributes.commands`
// (client/extension.ts) and the session runs the registry's (client/commands.ts): both lists must
// name the same ids, or a command of the manifest would fail on first call ("no handler").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COMMANDS } from '../../../client/commands.ts';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { commands: { command: string }[] } };

test('the command registry and the manifest name the same command ids', () => {
  const declared = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(Object.keys(COMMANDS).sort(), declared);
  assert.equal(declared.length, 25);
});
