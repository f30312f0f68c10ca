// An empty assistant turn: removed when it is not the answer (the final answer must be written).
import { removeArrayItem } from '../jsonEdit.ts';
import { dataOf, type FixProvider } from './types.ts';

const removeEmptyTurn: FixProvider = (finding, line) => {
  if (dataOf<boolean>(finding, 'removable') !== true) return [];
  const index = finding.target.path[1];
  if (typeof index !== 'number') return [];
  const next = removeArrayItem(line.body, ['messages'], index);
  return next === undefined ? [] : [{ title: `Remove the empty assistant message ${index}`, newText: line.withBody(next), preferred: true }];
};

export const emptyTurnFixes = { TC310: removeEmptyTurn };
