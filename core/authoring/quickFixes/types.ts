import type { JsonPath } from '../../dataset/jsonPath.ts';
import type { LineAnalysis, LocatedFinding } from '../lineAnalysis.ts';

/** One way to fix a finding: the whole line after the fix (turned into a minimal edit later). */
export interface Fix {
  title: string;
  newText: string;
  /** The fix is the single right answer: `source.fixAll` applies it. */
  auto?: boolean;
  /** The fix to apply by default (VS Code's "preferred" quick-fix). */
  preferred?: boolean;
  /** The fix removes the whole line (newText is ignored). */
  deleteLine?: boolean;
}

/** What a fix may need from outside the line. */
export interface FixEnv {
  /** A fresh tool call id candidate (`call_` + 24 alphanumerics); injectable for tests. */
  randomId?: () => string;
}

/** The fixes for one finding on one line ([] when there is nothing sound to offer). */
export type FixProvider = (finding: LocatedFinding, line: LineAnalysis, env: FixEnv) => Fix[];

/** `data[key]` of a finding. */
export const dataOf = <T>(finding: LocatedFinding, key: string): T | undefined => finding.data?.[key] as T | undefined;

export const tick = (s: unknown) => '"' + String(s) + '"';

/** A path for titles: `unit`, `store.reducers`. */
export const dotted = (path: JsonPath) => path.join('.');
