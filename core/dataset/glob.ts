// Globs from the `toolcall.datasets` setting, matched in linear time. A workspace's settings can
// name any glob, and picomatch compiles globs into backtracking JS RegExps: measured 28 s to
// match `@(a*)*(a*)*(a*)*(a*)*(a*)z.jsonl` against a 22-letter file name. Here a glob becomes
// an RE2 expression (re2js), whose matching time is linear in the input whatever the glob.
// Syntax, as picomatch with `dot: true`: `*`, `**` (whole segment), `?`, `[...]` / `[!...]`,
// `{a,b}`, extglobs `@(a|b)`, `*(a)`, `+(a)`, `?(a)`, a leading `!` negating the whole glob.
// `!(a)` inside a glob needs a look-ahead, which RE2 does not have: it is refused.
import { RE2JS } from 're2js';

/** A compiled glob, or why it cannot be used. */
export type CompiledGlob = { matches: (path: string) => boolean } | { problem: string };

/** Longest glob accepted: a setting is a handful of short patterns. */
const MAX_GLOB_LENGTH = 1000;

const EXTGLOB_SUFFIX: Record<string, string> = { '@': '', '*': '*', '+': '+', '?': '?' };

/** A glob as an anchored RE2 pattern; throws a GlobProblem with one sentence when it cannot be. */
export function globToRe2(glob: string): string {
  const out: string[] = [];
  // Open groups: a brace list, or an extglob / plain group with its closing quantifier.
  const groups: ({ kind: 'brace' } | { kind: 'group'; suffix: string })[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    const next = glob[i + 1];
    const top = groups.at(-1);
    if (c === '\\') {
      if (next !== undefined) out.push(literal(next));
      i++;
    } else if (next === '(' && c === '!') {
      throw new GlobProblem(`"!(...)" needs a look-ahead, which the linear-time matcher does not have`);
    } else if (next === '(' && c in EXTGLOB_SUFFIX) {
      groups.push({ kind: 'group', suffix: EXTGLOB_SUFFIX[c]! });
      out.push('(?:');
      i++;
    } else if (c === '(') {
      groups.push({ kind: 'group', suffix: '' });
      out.push('(?:');
    } else if (c === ')' && top?.kind === 'group') {
      groups.pop();
      out.push(')' + top.suffix);
    } else if (c === '|' && top?.kind === 'group') {
      out.push('|');
    } else if (c === '{' && closingBrace(glob, i) > i) {
      groups.push({ kind: 'brace' });
      out.push('(?:');
    } else if (c === ',' && top?.kind === 'brace') {
      out.push('|');
    } else if (c === '}' && top?.kind === 'brace') {
      groups.pop();
      out.push(')');
    } else if (c === '*') {
      let end = i;
      while (glob[end + 1] === '*') end++;
      const wholeSegment = end > i && (i === 0 || glob[i - 1] === '/') && (end + 1 === glob.length || glob[end + 1] === '/');
      if (!wholeSegment) out.push('[^/]*');
      else if (end + 1 === glob.length && i > 0) out.splice(out.length - 1, 1, '(?:/.*)?'); // `a/**` matches `a` too
      else if (end + 1 === glob.length) out.push('.*');
      else {
        out.push('(?:[^/]*/)*'); // `**/`: any number of whole segments, none included
        end++;
      }
      i = end;
    } else if (c === '?') {
      out.push('[^/]');
    } else if (c === '[' && closingBracket(glob, i) > i) {
      const close = closingBracket(glob, i);
      out.push(characterClass(glob.slice(i + 1, close)));
      i = close;
    } else {
      out.push(literal(c));
    }
  }
  if (groups.length > 0) throw new GlobProblem(`a "${groups.at(-1)!.kind === 'brace' ? '{' : '('}" is never closed`);
  return out.join('');
}

/** Compiles `glob` for matching whole paths (`/`-separated). */
export function compileGlob(glob: string): CompiledGlob {
  if (glob.length > MAX_GLOB_LENGTH) return { problem: `The glob is ${glob.length} characters long; at most ${MAX_GLOB_LENGTH} are accepted.` };
  const negated = glob.startsWith('!') && !glob.startsWith('!(');
  try {
    const re = RE2JS.compile(globToRe2(negated ? glob.slice(1) : glob));
    return { matches: (path) => re.matches(path) !== negated };
  } catch (error) {
    const reason = error instanceof GlobProblem ? error.message : `it does not compile (${(error as Error).message})`;
    return { problem: `The glob "${glob.length > 80 ? glob.slice(0, 77) + '...' : glob}" cannot be used: ${reason}.` };
  }
}

class GlobProblem extends Error {}

/** Index of the `}` closing the brace at `open` (nested braces counted), or -1. */
function closingBrace(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Index of the `]` closing the class at `open` (a `]` first in the class is a member), or -1. */
function closingBracket(glob: string, open: number): number {
  let i = open + 1;
  if (glob[i] === '!' || glob[i] === '^') i++;
  if (glob[i] === ']') i++;
  for (; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === '/') return -1; // a class never spans a separator
    else if (glob[i] === ']') return i;
  }
  return -1;
}

/** `[...]` body -> an RE2 class; a negated class never matches the separator. */
function characterClass(body: string): string {
  const negated = body.startsWith('!') || body.startsWith('^');
  const members = negated ? body.slice(1) : body;
  let out = '';
  for (let i = 0; i < members.length; i++) {
    const c = members[i]!;
    if (c === '\\' && i + 1 < members.length) out += literal(members[++i]!);
    else if (c === '-' && i > 0 && i < members.length - 1) out += '-';
    else out += c === '/' ? c : literal(c);
  }
  return negated ? `[^/${out}]` : `[${out}]`;
}

/** One character, escaped for RE2 when it is ASCII punctuation (RE2 refuses escaped letters it does not know). */
function literal(c: string): string {
  return /[!-\/:-@[-`{-~]/.test(c) ? '\\' + c : c;
}
