// One sentence per thing worth fixing before paying for training, most important first.
import type { Category } from './category.ts';
import type { DatasetStats } from './datasetStats.ts';
import { plural } from '../text/plural.ts';

const MISSING_CATEGORY: Record<Category, string> = {
  'single-call': 'No single-call examples: add examples where one tool call serves the request.',
  'error-recovery':
    'No error-recovery examples: add a few where a call fails (the tool replies with an error) and the assistant retries, with the failed turn at "weight": 0.',
  'multi-step': 'No multi-step examples: add examples that chain calls over several turns or make parallel calls.',
  'no-call': 'No no-call examples: add examples the assistant answers without a tool, so the model learns when not to call one.',
};

/** Lines as "3, 7, 12" with at most `max` shown. */
export function lineList(lines: readonly number[], max = 5): string {
  const shown = lines.slice(0, max).join(', ');
  return lines.length > max ? `${shown} and ${lines.length - max} more` : shown;
}


export function buildHints(stats: DatasetStats): string[] {
  const hints: string[] = [];
  const n = stats.examples;
  if (stats.invalidLines.length > 0) {
    hints.push(`${plural(stats.invalidLines.length, 'line')} (${lineList(stats.invalidLines)}) ${stats.invalidLines.length === 1 ? 'is' : 'are'} not an example (not JSON, or no "messages" array) and ${stats.invalidLines.length === 1 ? 'was' : 'were'} left out; run "toolcall validate".`);
  }
  if (n < 10) hints.push(`${plural(n, 'example')}: a fine-tuning file needs at least 10, and gains usually show at 50 to 100.`);
  else if (n < 50) hints.push(`${plural(n, 'example')}: gains usually show at 50 to 100.`);
  if (stats.overlap && (stats.overlap.exact.length > 0 || stats.overlap.near.length > 0)) {
    const { exact, near } = stats.overlap;
    hints.push(`Validation examples repeating a training example: ${exact.length} exactly, ${near.length} nearly (validation lines ${lineList([...exact.map((e) => e.validation), ...near.map((e) => e.validation)].sort((a, b) => a - b))}): the validation loss will look better than it is.`);
  }
  if (stats.tokens.overLimit.length > 0) {
    const over = stats.tokens.overLimit;
    hints.push(`${plural(over.length, 'example')} exceed${over.length === 1 ? 's' : ''} the ${stats.tokens.limit} token limit of ${stats.model} and will be truncated (lines ${lineList(over.map((o) => o.line))}).`);
  }
  if (stats.weightWarnings.length > 0) {
    hints.push(`${plural(stats.weightWarnings.length, 'error-recovery example')} ${stats.weightWarnings.length === 1 ? 'leaves' : 'leave'} the failed call at weight 1 (lines ${lineList(stats.weightWarnings)}): set "weight": 0 on that assistant turn so the model does not learn the wrong call.`);
  }
  if (n > 0) for (const category of Object.keys(MISSING_CATEGORY) as Category[]) if (stats.categories[category] === 0) hints.push(MISSING_CATEGORY[category]);
  const copies = stats.duplicates.reduce((sum, g) => sum + g.lines.length - 1, 0);
  if (copies > 0) hints.push(`${plural(copies, 'line')} repeat${copies === 1 ? 's' : ''} an earlier line exactly (${plural(stats.duplicates.length, 'group')}, first at line ${stats.duplicates[0].lines[0]}).`);
  if (stats.nearDuplicates.length > 0) {
    const lines = stats.nearDuplicates.reduce((sum, g) => sum + g.lines.length, 0);
    hints.push(`${plural(stats.nearDuplicates.length, 'group')} of near-duplicate examples (${lines} lines, first at line ${stats.nearDuplicates[0].lines[0]}): vary the wording and values, or drop copies.`);
  }
  for (const [name, variants] of Object.entries(stats.declarationDrift)) {
    hints.push(`Tool "${name}" is declared ${variants.length} different ways (first at lines ${lineList(variants.map((v) => v.lines[0]))}): the model sees inconsistent schemas.`);
  }
  if (stats.unusedTools.length > 0) hints.push(`Declared but never called: ${stats.unusedTools.join(', ')}. Add examples that call ${stats.unusedTools.length === 1 ? 'it' : 'them'}, or drop the declaration.`);
  for (const { name, category } of stats.singleCategoryTools) {
    if (stats.categories[category] < n) hints.push(`"${name}" is only called in ${category} examples.`);
  }
  if (stats.tokens.limit === null) hints.push(`No token limit is known for ${stats.model}: examples are not checked for truncation.`);
  if (stats.cost.pricePerMillion === null) hints.push(`No training price is known for ${stats.model}: give one to estimate the cost.`);
  return hints;
}
