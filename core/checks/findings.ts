import type { Target } from '../dataset/locate.ts';
import type { RuleCode, Severity } from './rules.ts';

/** What a rule found on a line, before its position is computed. */
export interface Finding {
  code: RuleCode;
  message: string;
  target: Target;
  /** Machine-readable facts for quick-fixes (the meant role, the closest name, ...). */
  data?: Record<string, unknown>;
  /** Other places that explain the finding (the key that wins, the call a reply meant). */
  related?: RelatedTarget[];
}

/** A place related to a finding: on the same line (a target), or on another line (a span there). */
export interface RelatedTarget {
  /** 0-based line; the finding's own line when absent. */
  line?: number;
  target: Target;
  message: string;
}

/** A problem on one line, positioned in UTF-16 columns (0-based), end exclusive. */
export interface Diagnostic {
  line: number;
  start: number;
  end: number;
  severity: Severity;
  code: RuleCode;
  message: string;
  data?: Record<string, unknown>;
  /** Places that explain the problem (LSP related information). */
  related?: RelatedInformation[];
}

/** A related place: a line and its UTF-16 columns, and what it is. */
export interface RelatedInformation {
  line: number;
  start: number;
  end: number;
  message: string;
}

/** Collects findings; rules never throw to report a problem. */
export class Findings {
  readonly items: Finding[] = [];
  add(code: RuleCode, message: string, target: Target, data?: Record<string, unknown>, related?: RelatedTarget[]): void {
    const finding: Finding = data ? { code, message, target, data } : { code, message, target };
    if (related) finding.related = related;
    this.items.push(finding);
  }
}

/** `name` in quotes for messages (plain text: no markdown backticks). */
export const tick = (s: unknown) => '"' + String(s) + '"';

/** A short JSON rendering of a value for messages. */
export function show(value: unknown, max = 40): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return typeof value;
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
