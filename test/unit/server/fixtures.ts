import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { DatasetValidator, type ValidationOptions } from '../../../core/validate.ts';
import { applyChanges, coreLinesOf, DocumentState } from '../../../server/documents.ts';
import { LineDocument } from '../../../server/lineDocument.ts';
import type { LineChecker, ValidateOptions } from '../../../server/lineCacheTypes.ts';
import { callExample, WEATHER_TOOL, SEARCH_TOOL } from '../../helpers/diagnose.ts';
import { mulberry32 } from '../../../core/random.ts';

const line = (value: unknown) => JSON.stringify(value);

/** Twelve lines: valid examples, a syntax error, a missing argument, a duplicate, a drifted tool. */
export function sampleLines(): string[] {
  const drifted = { ...WEATHER_TOOL, function: { ...WEATHER_TOOL.function, description: 'Weather now.' } };
  const cities = ['Rome', 'Oslo', 'Lima', 'Kyiv', 'Pune', 'Bern', 'Doha'];
  return [
    line(callExample('{"city":"Paris"}')),
    '{"messages": [',
    line(callExample('{}')),
    line(callExample('{"city":"Paris"}')),
    line({ ...callExample('{"city":"Nice"}'), tools: [drifted, SEARCH_TOOL] }),
    ...cities.map((city) => line(callExample(JSON.stringify({ city })))),
    line(callExample('{"city":"Rome","unit":"kelvin"}')),
  ];
}

/** A document with its server state, edited as the document manager does, checked by a counting validator. */
export function editor(text: string, options: ValidationOptions = {}) {
  const document = LineDocument.create('file:///ws/data.jsonl', 'jsonl', 1, text);
  const state = new DocumentState(document);
  const validator = new DatasetValidator(options);
  const checked: number[] = [];
  const counting: LineChecker = {
    checkLine: (t, i) => {
      checked.push(i);
      return validator.checkLine(t, i);
    },
    position: (t, i, f) => validator.position(t, i, f),
    options: validator.options,
  };
  return {
    state,
    checked,
    validator: counting,
    get document() {
      return document;
    },
    edit(...changes: TextDocumentContentChangeEvent[]) {
      applyChanges(state, document, changes, document.version + 1);
    },
    /** Validates; `checked` then lists the lines this run checked. */
    async validate(opts: ValidateOptions = {}) {
      checked.length = 0;
      return state.cache.validate(coreLinesOf(document), counting, opts);
    },
  };
}

/** A range change from (sl, sc) to (el, ec). */
export function change(sl: number, sc: number, el: number, ec: number, text: string): TextDocumentContentChangeEvent {
  return { range: { start: { line: sl, character: sc }, end: { line: el, character: ec } }, text };
}

/** A small deterministic PRNG (mulberry32), so failures replay. */
export function prng(seed: number): (n: number) => number {
  const random = mulberry32(seed);
  return (n) => Math.floor(random() * n);
}

