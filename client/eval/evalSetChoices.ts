// The eval-set picker's items (issue 17, item 7), pure: files that look like eval sets
// first, each with its error count when known; the item selected on open is never a file
// with errors (evaluating one wastes a run on cases the model cannot get right).

/** A candidate `.jsonl` file: its workspace-relative path, whether it is the active editor's, its errors (undefined: not checked). */
export interface EvalSetCandidate {
  label: string;
  active: boolean;
  errors: number | undefined;
}

export interface EvalSetItem extends EvalSetCandidate {
  description: string;
}

/** Names that say "held out": eval, test, valid, holdout. */
const EVAL_NAME = /(^|[^a-z])(eval|test|valid|validation|holdout|dev)([^a-z]|$)/i;

/** Order: the active file, then eval-looking names, then the rest, each alphabetical; files with errors after clean ones. */
export function evalSetItems(candidates: readonly EvalSetCandidate[]): EvalSetItem[] {
  const rank = (c: EvalSetCandidate) => (c.errors ? 10 : 0) + (c.active ? 0 : EVAL_NAME.test(c.label.split('/').pop()!) ? 1 : 2);
  return [...candidates]
    .sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label))
    .map((c) => ({ ...c, description: c.errors ? `$(error) ${c.errors} error${c.errors === 1 ? '' : 's'}` : c.errors === 0 ? 'no errors' : '' }));
}

/** The item to select on open: the first checked file without errors; none when no file is known to be clean. */
export function preselected(items: readonly EvalSetItem[]): EvalSetItem | undefined {
  return items.find((i) => i.errors === 0);
}

/** Which files to check before showing the picker: the first `max` in picker order (others are checked only if picked). */
export function toCheck(candidates: readonly EvalSetCandidate[], max = 12): EvalSetCandidate[] {
  return evalSetItems(candidates.map((c) => ({ ...c, errors: undefined }))).slice(0, max);
}
