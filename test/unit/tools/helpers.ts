import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const FIXTURES = path.resolve('test/fixtures/tools');
export const WORKSPACE_TOOLS = path.resolve('test/fixtures/workspace/tools');

/** A fixture's lines (the final newline does not make an extra line). */
export function fixtureLines(name: string): string[] {
  const text = readFileSync(path.join(FIXTURES, name), 'utf8');
  return text.replace(/\n$/, '').split('\n');
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
}
