// Train/validation split: stratified by category, deterministic for a seed, and never the
// same example on both sides (exact copies are one unit and go to the same side).
import { classify, CATEGORIES, type Category } from './category.ts';
import { exampleKey } from './duplicates.ts';
import { readExample, type StatsLine } from './example.ts';
import { mulberry32 } from '../random.ts';

export { mulberry32 };


/** Fisher-Yates shuffle in place with the given random source. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

export interface SplitOptions {
  /** Share of each category's examples that goes to training, in (0, 1). Default 0.8. */
  ratio?: number;
  /** Default 42. */
  seed?: number;
}

/** Which lines go where. All lists hold 0-based line indexes in file order. */
export interface SplitResult {
  train: number[];
  validation: number[];
  /** Non-blank lines that are not examples; written to neither file. */
  invalid: number[];
  /** Examples per category on each side. */
  byCategory: Record<Category, { train: number; validation: number }>;
}

/**
 * Splits examples into training and validation. Per category: the units (an example with
 * its exact copies, by the category of its first line) are shuffled with `mulberry32(seed)`,
 * and units go to training until it holds round(ratio * the category's examples); the rest
 * go to validation. A category of one unit goes to training.
 */
export function splitDataset(lines: Iterable<StatsLine>, options: SplitOptions = {}): SplitResult {
  const ratio = options.ratio ?? 0.8;
  if (!(ratio > 0 && ratio < 1)) throw new RangeError(`The ratio must be between 0 and 1 (exclusive), not ${ratio}.`);
  const random = mulberry32(options.seed ?? 42);
  const units = new Map<string, { category: Category; indexes: number[] }>();
  const invalid: number[] = [];
  for (const line of lines) {
    const example = readExample(line);
    if (example === 'blank') continue;
    if (example === 'invalid') {
      invalid.push(line.index);
      continue;
    }
    const key = exampleKey(example);
    const unit = units.get(key);
    if (unit) unit.indexes.push(line.index);
    else units.set(key, { category: classify(example).category, indexes: [line.index] });
  }
  const train: number[] = [];
  const validation: number[] = [];
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { train: 0, validation: 0 }])) as SplitResult['byCategory'];
  for (const category of CATEGORIES) {
    const inCategory = [...units.values()].filter((u) => u.category === category);
    const examples = inCategory.reduce((n, u) => n + u.indexes.length, 0);
    const wanted = inCategory.length === 1 ? examples : Math.round(ratio * examples);
    let taken = 0;
    for (const unit of shuffle(inCategory, random)) {
      const side = taken < wanted ? train : validation;
      if (side === train) taken += unit.indexes.length;
      side.push(...unit.indexes);
      byCategory[category][side === train ? 'train' : 'validation'] += unit.indexes.length;
    }
  }
  const byIndex = (a: number, b: number) => a - b;
  return { train: train.sort(byIndex), validation: validation.sort(byIndex), invalid, byCategory };
}
