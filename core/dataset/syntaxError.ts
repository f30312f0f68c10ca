import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/** A JSON syntax error: where it is and a sentence saying what was expected. */
export interface SyntaxProblem {
  offset: number;
  length: number;
  message: string;
  /** The JSON value is complete but more text follows it on the line. */
  trailingText: boolean;
}

const EXPECTATIONS: Record<string, string> = {
  InvalidSymbol: 'unexpected character; JSON allows only double-quoted strings, numbers, true, false, null, objects and arrays here',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':' after the property name",
  CommaExpected: "expected ',' or a closing bracket",
  CloseBraceExpected: "expected '}': the object is not closed (is the line truncated?)",
  CloseBracketExpected: "expected ']': the array is not closed (is the line truncated?)",
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'the string is not closed (is the line truncated?)',
  UnexpectedEndOfNumber: 'the number is incomplete',
  InvalidUnicode: 'invalid \\u escape: expected four hexadecimal digits',
  InvalidEscapeCharacter: 'invalid escape sequence in a string',
  InvalidCharacter: 'control characters inside strings must be escaped (\\n, \\t, ...)',
};

/**
 * Finds the first syntax error of a text that `JSON.parse` rejected. Only called on the slow
 * path; the caller has checked nesting depth first (jsonc-parser recurses).
 */
export function locateSyntaxError(text: string): SyntaxProblem {
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // fall through to the generic answer below
  }
  const first = errors[0];
  const rootEnd = root ? root.offset + root.length : -1;
  if (first && root && first.offset >= rootEnd && rootEnd > 0 && parses(text.slice(0, rootEnd))) {
    // The value is complete; whatever the scanner makes of the rest, it is extra text.
    const extra = text.slice(rootEnd);
    const offset = rootEnd + (extra.length - extra.trimStart().length);
    return { offset, length: Math.max(1, text.trimEnd().length - offset), message: EXPECTATIONS.EndOfFileExpected, trailingText: true };
  }
  if (!first) return { offset: 0, length: text.length, message: genericMessage(text), trailingText: false };
  let name = printParseErrorCode(first.error);
  // jsonc-parser ends a string at a raw line break; JSON's real complaint is the unescaped character.
  const after = first.offset + first.length;
  if (name === 'UnexpectedEndOfString' && after < text.length && text.charCodeAt(after) < 0x20) {
    return { offset: after, length: 1, message: EXPECTATIONS.InvalidCharacter, trailingText: false };
  }
  const atEnd = first.offset >= text.trimEnd().length;
  return {
    offset: atEnd ? Math.max(0, text.trimEnd().length - 1) : first.offset,
    length: Math.max(1, atEnd ? 1 : first.length),
    message: withTruncationHint(EXPECTATIONS[name] ?? 'invalid JSON', atEnd),
    trailingText: name === 'EndOfFileExpected',
  };
}

function genericMessage(text: string): string {
  try {
    JSON.parse(text);
    return 'invalid JSON';
  } catch (error) {
    return `invalid JSON (${(error as Error).message})`;
  }
}

/** Whether JSON.parse accepts `text`. */
export function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function withTruncationHint(message: string, atEnd: boolean): string {
  return atEnd && !message.includes('truncated') ? `${message} at the end of the line (is the line truncated?)` : message;
}

/**
 * The error as V8's JSON.parse reported it ("... in JSON at position N"): no second parse, for
 * lines too long to parse twice. Without a position, the whole line is the range.
 */
export function syntaxErrorFromEngine(engineMessage: string, text: string): SyntaxProblem {
  const position = /at position (\d+)/.exec(engineMessage);
  const what = engineMessage.replace(/ in JSON at position \d+.*$/s, '').replace(/^\w/, (c) => c.toLowerCase());
  const trailingText = /non-whitespace character after JSON/.test(engineMessage);
  if (!position) return { offset: 0, length: text.length, message: what, trailingText };
  const offset = Math.min(Number(position[1]), Math.max(0, text.length - 1));
  return { offset, length: 1, message: withTruncationHint(what, offset >= text.trimEnd().length - 1), trailingText };
}
