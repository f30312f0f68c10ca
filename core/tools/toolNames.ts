// Where tool names are written: declarations and calls in dataset lines, declarations in a
// tools file. Used by rename, definition and references.
import { isObject } from '../checks/findings.ts';
import type { JsonPath } from '../dataset/jsonPath.ts';
import { callsOf, readLine } from './datasetLine.ts';
import { declarationsOf } from './toolsFileCheck.ts';
import { stringSpans } from './lineJson.ts';
import { PositionMap, type TextPosition } from './textPositions.ts';

/** A tool name as written: the whole JSON string token, quotes included. */
export interface NameSpan {
  name: string;
  kind: 'declaration' | 'call';
  start: number;
  end: number;
}

/** Name spans on one dataset line (offsets are columns of the line); only `name` when given. */
export function lineNameSpans(text: string, name?: string): NameSpan[] {
  // Cheap rejection: a line that does not contain the name cannot mention it.
  if (name !== undefined && !text.includes(JSON.stringify(name).slice(1, -1)) && !/\\u/.test(text)) return [];
  const { value } = readLine(text);
  if (!value) return [];
  const wanted: { path: JsonPath; name: string; kind: NameSpan['kind'] }[] = [];
  if (Array.isArray(value.tools)) {
    value.tools.forEach((tool, i) => {
      if (isObject(tool) && isObject(tool.function) && typeof tool.function.name === 'string') wanted.push({ path: ['tools', i, 'function', 'name'], name: tool.function.name, kind: 'declaration' });
    });
  }
  if (Array.isArray(value.functions)) {
    value.functions.forEach((fn, i) => {
      if (isObject(fn) && typeof fn.name === 'string') wanted.push({ path: ['functions', i, 'name'], name: fn.name, kind: 'declaration' });
    });
  }
  for (const call of callsOf(value)) wanted.push({ path: call.namePath, name: call.name, kind: 'call' });
  const selected = name === undefined ? wanted : wanted.filter((w) => w.name === name);
  if (selected.length === 0) return [];
  const spans = stringSpans(text, selected.map((w) => w.path));
  return spans.map((s, i) => ({ name: selected[i].name, kind: selected[i].kind, start: s.start, end: s.end }));
}

/** A name span in a multi-line text. */
export interface NameRange {
  name: string;
  kind: NameSpan['kind'];
  start: TextPosition;
  end: TextPosition;
}

/** Declaration name ranges in a tools file; only `name` when given. */
export function toolsFileNameRanges(text: string, name?: string): NameRange[] {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return [];
  }
  const { array, prefix } = declarationsOf(value);
  if (!Array.isArray(array)) return [];
  const wanted: { path: JsonPath; name: string }[] = [];
  array.forEach((tool, i) => {
    if (isObject(tool) && isObject(tool.function) && typeof tool.function.name === 'string' && (name === undefined || tool.function.name === name)) {
      wanted.push({ path: [...prefix, i, 'function', 'name'], name: tool.function.name });
    }
  });
  const positions = new PositionMap(text);
  return stringSpans(text, wanted.map((w) => w.path)).map((s, i) => ({ name: wanted[i].name, kind: 'declaration', start: positions.positionAt(s.start), end: positions.positionAt(s.end) }));
}

/** Name ranges of every line of a dataset (as line/character). */
export function datasetNameRanges(lines: readonly string[], name?: string): NameRange[] {
  const ranges: NameRange[] = [];
  lines.forEach((text, line) => {
    for (const s of lineNameSpans(text, name)) ranges.push({ name: s.name, kind: s.kind, start: { line, character: s.start }, end: { line, character: s.end } });
  });
  return ranges;
}

/** The range containing `position` (the quotes count as part of the name). */
export function rangeAt(ranges: readonly NameRange[], position: TextPosition): NameRange | undefined {
  return ranges.find((r) => r.start.line === position.line && r.start.character <= position.character && position.character <= r.end.character);
}

export { TOOL_NAME_PATTERN } from '../checks/toolSet.ts';
