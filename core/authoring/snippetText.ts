// TextMate/VS Code snippet syntax: escaping literal text, and expanding a snippet to the text
// it inserts when every placeholder keeps its default (what the tests validate).

/** Literal text inside a snippet: `\`, `$` and `}` escaped. */
export const snippetLiteral = (text: string) => text.replace(/[\\$}]/g, (c) => '\\' + c);

/** `${n:default}`. */
export const placeholder = (n: number, text: string) => `\${${n}:${snippetLiteral(text)}}`;

/** `${n|a,b|}`: a choice; the first option is the default. */
export const choice = (n: number, options: string[]) => `\${${n}|${options.map((o) => o.replace(/[\\,|]/g, (c) => '\\' + c)).join(',')}|}`;

/** The text a snippet inserts with each placeholder at its default (first choice; `$n` empty). */
export function expandSnippet(snippet: string): string {
  let i = 0;
  /** Reads text until one of `stops` (unescaped, outside nested placeholders). */
  const read = (stops: string): string => {
    let text = '';
    while (i < snippet.length && !stops.includes(snippet[i])) {
      const c = snippet[i];
      // As in VS Code: a backslash escapes only `$`, `}` and `\` (and `,` `|` in a choice).
      if (c === '\\' && i + 1 < snippet.length && ('$}\\' + (stops.includes('|') ? ',|' : '')).includes(snippet[i + 1])) {
        text += snippet[i + 1];
        i += 2;
      } else if (c === '$' && snippet[i + 1] === '{') {
        text += readPlaceholder();
      } else if (c === '$' && /[0-9]/.test(snippet[i + 1] ?? '')) {
        i++;
        while (/[0-9]/.test(snippet[i] ?? '')) i++;
      } else {
        text += c;
        i++;
      }
    }
    return text;
  };
  const readPlaceholder = (): string => {
    i += 2; // ${
    while (/[0-9]/.test(snippet[i] ?? '')) i++;
    const kind = snippet[i++];
    if (kind === '}') return '';
    if (kind === '|') {
      const first = read(',|');
      while (i < snippet.length && snippet[i] !== '|') i += snippet[i] === '\\' ? 2 : 1;
      i += 2; // |}
      return first;
    }
    const text = read('}');
    i++; // }
    return text;
  };
  return read('');
}
