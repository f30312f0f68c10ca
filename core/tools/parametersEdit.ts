// Writing a parameters schema into the declarations of a tool: in dataset lines, or in a tools file.
import { modify, type Edit } from 'jsonc-parser';
import { insertProperty, styleOf, toJsonText } from '../authoring/jsonEdit.ts';
import { isObject } from '../checks/findings.ts';
import { readLine } from './datasetLine.ts';
import { replaceValues } from './lineJson.ts';
import { declarationsOf } from './toolsFileCheck.ts';

/** Lines with the tool's `parameters` replaced by `schema` (added when missing); unchanged lines are the same strings. */
export function setParametersInLines(lines: readonly string[], toolName: string, schema: unknown): { lines: string[]; changed: number[] } {
  const out = [...lines];
  const changed: number[] = [];
  lines.forEach((text, line) => {
    let next: string | undefined = text;
    for (const d of readLine(text).declarations) {
      if (d.name !== toolName || next === undefined) continue;
      if ('parameters' in d.fn) next = replaceValues(next, [{ path: ['tools', d.index, 'function', 'parameters'], value: schema }]);
      else {
        const bom = next.startsWith('\uFEFF') ? '\uFEFF' : '';
        const body = next.slice(bom.length);
        const inserted = insertProperty(body, ['tools', d.index, 'function'], 'parameters', toJsonText(schema, styleOf(body)), { after: 'description' });
        next = inserted === undefined ? undefined : bom + inserted;
      }
    }
    if (next !== undefined && next !== text) {
      out[line] = next;
      changed.push(line);
    }
  });
  return { lines: out, changed };
}

/**
 * Edits (offsets in `text`) setting the tool's `parameters` in a tools file, formatted like the
 * file (indent guessed from its second line); undefined when the file does not declare the tool.
 */
export function setParametersInToolsFile(text: string, toolName: string, schema: unknown): Edit[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  const { array, prefix } = declarationsOf(value);
  if (!Array.isArray(array)) return undefined;
  const index = array.findIndex((t) => isObject(t) && isObject(t.function) && t.function.name === toolName);
  if (index === -1) return undefined;
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return modify(text, [...prefix, index, 'function', 'parameters'], schema, {
    formattingOptions: { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol },
  });
}
