import { closingQuote } from './depth.ts';

/**
 * The texts of a JSON array's elements, without the whitespace around them, for `text` the
 * JSON text of an array (as JSON.parse read it: valid). Commas are found outside strings at the
 * array's own level; strings are skipped by their closing quote. Undefined when `text` is not
 * an array, or an empty one.
 */
export function arrayElementTexts(text: string): string[] | undefined {
  const open = text.indexOf('[');
  if (open === -1 || text.slice(0, open).trim() !== '') return undefined;
  const elements: string[] = [];
  let depth = 0;
  let from = open + 1;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) i = closingQuote(text, i);
    else if (c === 91 /* [ */ || c === 123 /* { */) depth++;
    else if (c === 93 /* ] */ || c === 125 /* } */) {
      if (--depth === 0) {
        const last = text.slice(from, i).trim();
        if (last === '') return undefined;
        elements.push(last);
        return elements;
      }
    } else if (c === 44 /* , */ && depth === 1) {
      elements.push(text.slice(from, i).trim());
      from = i + 1;
    }
  }
  return undefined;
}
