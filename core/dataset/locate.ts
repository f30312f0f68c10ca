import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { JsonPath } from './jsonPath.ts';
import { decodeJsonStringBody, type DecodedString } from './stringEscapes.ts';
import { MAX_DEPTH, measureDepth } from './depth.ts';
import { scanPath, type PathHit, type ValueSpan } from './pathScan.ts';
import { parses } from './syntaxError.ts';

/** Longest line whose findings are placed exactly; longer lines are underlined whole. */
export const MAX_LOCATED_LENGTH = 1024 * 1024;

/** Which part of a located value to underline. */
export type Part = 'value' | 'key' | 'first-char';

/** Where a finding points: a JSON path in the line, optionally continued inside the string found there. */
export interface Target {
  path: JsonPath;
  part?: Part;
  /** For a JSON-in-a-string value (a call's `arguments`): a path inside the decoded JSON, or a decoded span. */
  inner?: { path: JsonPath; part?: Part } | { offset: number; length: number };
  /** A span of the line known without parsing (a syntax error, a byte-order mark). */
  span?: ColumnRange;
}

/** A span of one line, in UTF-16 columns (what editors count), end exclusive. */
export interface ColumnRange {
  start: number;
  end: number;
}

/**
 * Turns targets into column ranges for one line, lazily, for lines that have something to report.
 * A path is found by walking the text toward it (pathScan.ts); only text that is not plain JSON
 * along the way is parsed whole, with positions.
 */
export class LineLocator {
  private tree: Node | undefined | null = null;
  /** Made on the first inner target: most lines with findings have none. */
  private innerTexts: Map<number, InnerText> | undefined;
  private readonly body: string;

  /** @param jsonStart offset where the JSON starts (1 after a byte-order mark). */
  constructor(
    private readonly text: string,
    private readonly jsonStart = 0,
  ) {
    this.body = jsonStart === 0 ? text : text.slice(jsonStart);
  }

  rangeOf(target: Target): ColumnRange {
    if (target.span) return target.span;
    if (target.path.length === 0 && !target.inner) {
      const line = this.wholeLine();
      return target.part === 'first-char' ? { start: line.start, end: Math.min(line.end, line.start + 1) } : line;
    }
    const hit = this.find(target.path);
    if (!hit) return this.wholeLine();
    if (target.inner && hit.exact && hit.span.first === 34 /* " */) {
      const inner = this.innerRange(hit.span, target.inner);
      if (inner) return inner;
    }
    return shift(spanRange(hit.span, hit.exact ? target.part : 'value'), this.jsonStart);
  }

  /** The value at `path` or its nearest ancestor; undefined when the line is too long or deep to place. */
  private find(path: JsonPath): PathHit | undefined {
    if (this.body.length > MAX_LOCATED_LENGTH) return undefined;
    const scanned = scanPath(this.body, path, MAX_DEPTH);
    if (scanned) return scanned;
    const tree = this.root();
    const found = tree && nearestNode(tree, path);
    return found && { span: spanOf(found.node), exact: found.__exact };
  }

  /** The line without surrounding whitespace (or the whole line when it is all whitespace). */
  wholeLine(): ColumnRange {
    const start = this.text.length - this.text.trimStart().length;
    const end = this.text.trimEnd().length;
    return end > start ? { start, end } : { start: 0, end: this.text.length };
  }

  private root(): Node | undefined {
    if (this.tree === null) {
      const body = this.body;
      // A tree of a multi-megabyte line takes seconds to build: such lines get whole-line ranges.
      this.tree = body.length <= MAX_LOCATED_LENGTH && measureDepth(body, MAX_DEPTH).offset === -1 ? safeParseTree(body) : undefined;
    }
    return this.tree;
  }

  private innerRange(stringNode: ValueSpan, inner: NonNullable<Target['inner']>): ColumnRange | undefined {
    const innerTexts = (this.innerTexts ??= new Map());
    let cached = innerTexts.get(stringNode.offset);
    if (!cached) {
      const rawStart = this.jsonStart + stringNode.offset + 1;
      cached = new InnerText(decodeJsonStringBody(this.text.slice(rawStart, rawStart + stringNode.length - 2)));
      innerTexts.set(stringNode.offset, cached);
    }
    let span: ColumnRange;
    if ('offset' in inner) {
      span = { start: inner.offset, end: inner.offset + inner.length };
    } else {
      const found = cached.find(inner.path);
      if (!found) return undefined;
      span = spanRange(found.span, found.exact ? inner.part : 'value');
      // Inside a string every quote is escaped (`\"unit\"`): underline just the key's name.
      if (found.exact && inner.part === 'key' && span.end - span.start > 2) span = { start: span.start + 1, end: span.end - 1 };
    }
    const { rawOffset, value } = cached.decoded;
    const clamp = (i: number) => Math.max(0, Math.min(i, value.length));
    const base = this.jsonStart + stringNode.offset + 1;
    const start = base + rawOffset[clamp(span.start)];
    const end = base + rawOffset[clamp(span.end)];
    return { start, end: Math.max(end, start + 1) };
  }
}

/**
 * The JSON text inside a string of the line (a call's `arguments`), decoded once. A path in it
 * is found by walking toward it (pathScan.ts) when the text is JSON, as a jsonc tree would place
 * it, without building the tree (with the decoding, ~50-70 us an arguments string on the real
 * bench file); other text is parsed tolerantly.
 */
class InnerText {
  /** null: not built yet; undefined: none (too deep, or the parser gave up). */
  private tree: Node | undefined | null = null;
  private readonly plain: boolean;

  constructor(readonly decoded: DecodedString) {
    this.plain = measureDepth(decoded.value, MAX_DEPTH).offset === -1 && parses(decoded.value);
  }

  /** The value at `path` or its nearest ancestor; undefined when the text is too deep to place. */
  find(path: JsonPath): PathHit | undefined {
    const scanned = this.plain ? scanPath(this.decoded.value, path, MAX_DEPTH) : undefined;
    if (scanned) return scanned;
    if (this.tree === null) {
      const text = this.decoded.value;
      this.tree = measureDepth(text, MAX_DEPTH).offset === -1 ? safeParseTree(text) : undefined;
    }
    const found = this.tree && nearestNode(this.tree, path);
    return found && { span: spanOf(found.node), exact: found.__exact };
  }
}

function safeParseTree(text: string): Node | undefined {
  try {
    return parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  } catch {
    return undefined; // stack overflow on pathological input: fall back to whole-line ranges
  }
}

/** The node at `path`, or its nearest existing ancestor (a missing key underlines its object). */
function nearestNode(tree: Node, path: JsonPath): { node: Node; __exact: boolean } | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? tree : findNodeAtLocation(tree, path.slice(0, n));
    if (node) return { node, __exact: n === path.length };
  }
  return undefined;
}

/** A jsonc node as the span the scan gives. */
function spanOf(node: Node): ValueSpan {
  const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  const span: ValueSpan = { offset: node.offset, length: node.length, first: node.type === 'string' ? 34 : node.type === 'object' ? 123 : node.type === 'array' ? 91 : 0 };
  if (key && key !== node) span.key = { offset: key.offset, length: key.length };
  return span;
}

/** The range a target with `part` gets from a hit of its path (the value of a nearest ancestor). */
export function rangeOfHit(hit: PathHit, part: Part | undefined): ColumnRange {
  return spanRange(hit.span, hit.exact ? part : 'value');
}

function spanRange(span: ValueSpan, part: Part = 'value'): ColumnRange {
  if (part === 'key' && span.key) return { start: span.key.offset, end: span.key.offset + span.key.length };
  if (part === 'first-char') return { start: span.offset, end: span.offset + 1 };
  return { start: span.offset, end: span.offset + span.length };
}

function shift(range: ColumnRange, by: number): ColumnRange {
  return { start: range.start + by, end: range.end + by };
}
