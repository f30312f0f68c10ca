// Loads the CPython reference values made by test/fixtures/eval/make_reference.py.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ArgsRecord {
  name: string;
  a: string;
  b: string;
  canonical_a: string;
  canonical_b: string;
  equal: boolean;
  ratio: number;
  ratio_no_autojunk: number;
}

export interface Reference {
  args: ArgsRecord[];
  raw: { a: string; b: string; ratio: number; ratio_no_autojunk: number }[];
  floats: { text: string; repr: string; dumps: string }[];
}

export const reference: Reference = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/eval/reference.json'), 'utf8'),
);
