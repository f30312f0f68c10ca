// ajv compiles `pattern` and `patternProperties` into backtracking JS RegExps: `^(a+)+$` against
// 40 "a"s and a "!" runs for seconds. We give ajv RE2 instead (re2js, pure JS, linear time).
// RE2 cannot run look-arounds or back-references; such patterns are found before compiling.
import { RE2JS } from 're2js';
import type { CodeOptions } from 'ajv';

type RegExpEngine = NonNullable<CodeOptions['regExp']>;

// ajv asks for the same pattern once per compile; a small bounded cache avoids re-parsing it.
const MAX_CACHED_PATTERNS = 1000;
const compiled = new Map<string, RE2JS>();

function compileRe2(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    // translateRegExp turns JS-only syntax (\u00e9, (?<name>...), [^]) into RE2 syntax.
    re = RE2JS.compile(RE2JS.translateRegExp(pattern));
    if (compiled.size >= MAX_CACHED_PATTERNS) compiled.delete(compiled.keys().next().value as string);
    compiled.set(pattern, re);
  }
  return re;
}

/** The regExp engine for ajv's `code.regExp` option. Patterns must have passed unsupportedPatternMessage. */
export const re2RegExp: RegExpEngine = Object.assign(
  (pattern: string, _unicodeFlag: string) => {
    const re = compileRe2(pattern);
    // ajv keys its pattern cache by toString(), so it must identify the pattern.
    return { test: (input: string) => re.test(input), toString: () => `re2:${pattern}` };
  },
  { code: 're2RegExp' },
);

/** Which unsupported construct a pattern uses, found by scanning outside character classes. */
function unsupportedConstruct(pattern: string): 'look-around' | 'back-reference' | null {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1];
      // \k<name> must be caught here: translateRegExp would silently turn it into a literal "k<name>".
      if (!inClass && ((next >= '1' && next <= '9') || (next === 'k' && pattern[i + 2] === '<'))) {
        return 'back-reference';
      }
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(' && pattern[i + 1] === '?') {
      const a = pattern[i + 2];
      const b = pattern[i + 3];
      if (a === '=' || a === '!' || (a === '<' && (b === '=' || b === '!'))) return 'look-around';
    }
  }
  return null;
}

function quoted(pattern: string): string {
  return '"' + (pattern.length > 80 ? pattern.slice(0, 77) + '...' : pattern) + '"';
}

/** A one-sentence reason why the linear-time engine cannot run `pattern`, or null when it can. */
export function unsupportedPatternMessage(pattern: string): string | null {
  const construct = unsupportedConstruct(pattern);
  if (construct) {
    return `Pattern ${quoted(pattern)} uses a ${construct}, which is not supported; use a pattern without look-arounds or back-references.`;
  }
  try {
    compileRe2(pattern);
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `Pattern ${quoted(pattern)} cannot run on the linear-time regex engine (${reason}); use syntax common to JavaScript and RE2.`;
  }
}
