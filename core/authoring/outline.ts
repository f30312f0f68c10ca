// The outline of a dataset: each example as a symbol named by its category and the start of
// the user's request; and a per-line hint with the category and the number of calls.
import { classify, type Category } from '../stats/category.ts';
import { contentText, readExample } from '../stats/example.ts';
import { plural } from '../text/plural.ts';

export const CATEGORY_LABELS: Record<Category, string> = {
  'single-call': 'single call',
  'error-recovery': 'error recovery',
  'multi-step': 'multi-step',
  'no-call': 'no call',
};

/** What the outline and the hints say about one line. */
export interface ExampleSummary {
  line: number;
  category: Category;
  calls: number;
  /** The first user message, on one line, shortened. */
  request: string;
  /** `multi-step: Book a table for…` */
  name: string;
  /** `multi-step · 3 calls` */
  hint: string;
}

const MAX_REQUEST = 60;

/** The summary of a line, or undefined when it is not an example (blank, broken, no messages). */
export function summarizeExample(text: string, index: number): ExampleSummary | undefined {
  const example = readExample({ index, text });
  if (typeof example === 'string') return undefined;
  const { category, calls } = classify(example);
  const user = example.messages.find((m) => m.role === 'user');
  const flat = user ? contentText(user.content).replace(/\s+/g, ' ').trim() : '';
  const request = flat.length > MAX_REQUEST ? flat.slice(0, MAX_REQUEST - 1) + '…' : flat;
  const label = CATEGORY_LABELS[category];
  return {
    line: index,
    category,
    calls: calls.length,
    request,
    name: request ? `${label}: ${request}` : label,
    hint: `${label} · ${plural(calls.length, 'call')}`,
  };
}
