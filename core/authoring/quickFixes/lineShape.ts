// The line itself: a byte-order mark, a weight that is neither 0 nor 1.
import { replaceValue } from '../jsonEdit.ts';
import type { FixProvider } from './types.ts';

const removeBom: FixProvider = (_finding, line) =>
  line.bom ? [{ title: 'Remove the byte-order mark', newText: line.body, auto: true, preferred: true }] : [];

const setWeight: FixProvider = (finding, line) =>
  [1, 0].flatMap((weight) => {
    const next = replaceValue(line.body, finding.target.path, String(weight));
    return next === undefined ? [] : [{ title: `Set "weight" to ${weight}`, newText: line.withBody(next), preferred: weight === 1 }];
  });

/** Text after the object: removed when what is left is the object alone. */
const removeTrailing: FixProvider = (finding, line) => {
  const kept = line.text.slice(0, finding.start).trimEnd();
  const removed = line.text.slice(kept.length);
  try {
    JSON.parse(kept.startsWith('\uFEFF') ? kept.slice(1) : kept);
  } catch {
    return [];
  }
  // A stray comma or bracket (left over from a JSON array) is certainly junk; other text may be data.
  const junk = /^[\s,;\]]*$/.test(removed);
  return [{ title: `Remove the text after the JSON object`, newText: kept, auto: junk, preferred: true }];
};

/** A blank line goes, line break and all. */
const deleteBlankLine: FixProvider = () => [{ title: 'Delete the blank line', newText: '', deleteLine: true, auto: true, preferred: true }];

export const lineShapeFixes = { TC103: removeBom, TC104: deleteBlankLine, TC105: removeTrailing, TC308: setWeight };
