/**
 * Converts a Python literal as printed by `repr()` / `str()` of a dict (`{'a': True, 'b': None}`)
 * to JSON text, or returns null when the text is not such a literal. Used to recognise the
 * common mistake of writing `arguments` with Python's syntax, and to fix it.
 */
export function pythonReprToJson(text: string): string | null {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = readQuoted(text, i, c);
      if (end === -1) return null;
      out.push(JSON.stringify(unescapePython(text.slice(i + 1, end))));
      i = end + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < n && /[A-Za-z0-9_]/.test(text[j])) j++;
      const word = text.slice(i, j);
      const mapped = WORDS[word];
      if (mapped === undefined) return null;
      out.push(mapped);
      i = j;
    } else if (c === '(' || c === ')') {
      out.push(c === '(' ? '[' : ']'); // tuples become arrays, as json.dumps writes them
      i++;
    } else {
      out.push(c);
      i++;
    }
  }
  const json = out.join('');
  try {
    JSON.parse(json);
    return json;
  } catch {
    return null;
  }
}

const WORDS: Record<string, string> = { True: 'true', False: 'false', None: 'null', true: 'true', false: 'false', null: 'null' };

function readQuoted(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

function unescapePython(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[e] ?? e;
  });
}
