// `arguments` must be a JSON string: an object, a double-encoded string and a Python repr
// each have exactly one right rewrite.
import { replaceValue } from '../jsonEdit.ts';
import { dataOf, type FixProvider } from './types.ts';

const asString: FixProvider = (finding, line) => {
  const node = line.node(finding.target.path);
  if (node?.type !== 'object') return [];
  // The author's own text of the object (key order, number spelling) becomes the string.
  const raw = line.body.slice(node.offset, node.offset + node.length);
  const next = replaceValue(line.body, finding.target.path, JSON.stringify(raw));
  return next === undefined ? [] : [{ title: 'Write "arguments" as a JSON string', newText: line.withBody(next), auto: true, preferred: true }];
};

const decodeOnce: FixProvider = (finding, line) => {
  const decoded = dataOf<string>(finding, 'decoded');
  if (typeof decoded !== 'string') return [];
  const next = replaceValue(line.body, finding.target.path, JSON.stringify(decoded));
  return next === undefined ? [] : [{ title: 'Decode "arguments" once', newText: line.withBody(next), auto: true, preferred: true }];
};

const fromPython: FixProvider = (finding, line) => {
  const json = dataOf<string>(finding, 'json');
  if (typeof json !== 'string') return [];
  const next = replaceValue(line.body, finding.target.path, JSON.stringify(json));
  return next === undefined ? [] : [{ title: 'Convert "arguments" from Python to JSON', newText: line.withBody(next), auto: true, preferred: true }];
};

export const argumentsEncodingFixes = { TC506: asString, TC507: decodeOnce, TC508: fromPython };
