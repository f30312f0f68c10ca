import { byLineThenName, driftFinding, duplicateOf, MIN_EXAMPLES, tooFewExamples, type FileFinding } from './fileChecks.ts';
import type { Finding } from './findings.ts';
import type { LineFacts } from './lineFacts.ts';
import type { JsonPath } from '../dataset/jsonPath.ts';
import type { Declaration } from './toolSet.ts';

/**
 * One line as the incremental rules see it. The owner keeps `index` equal to the line's
 * current number (renumbering after inserts and deletes) while the entry is added;
 * `inFileRules` is the rules' own mark, never touched by the owner.
 */
export interface FileRuleEntry {
  index: number;
  readonly facts: LineFacts;
  inFileRules?: boolean;
}

/**
 * The lines sharing one declaration list (lines repeating a tools JSON share its list: lineFacts.ts),
 * in document order. A line joins one list's group, not one group per declaration: the real bench
 * document has 68,960 declarations on 31,857 lines but 2,119 lists.
 */
interface ListGroup<E> {
  declarations: readonly Declaration[];
  entries: E[];
}

/** The lists declaring one tool name (each with at least one line; once per declaration), and how many declarations of it each key has. */
interface ToolGroup<E> {
  lists: ListGroup<E>[];
  keyCounts: Map<string, number>;
}

const NONE: Finding[] = [];

/**
 * The file-level rules of `FileRules` (TC701 too few examples, TC702 duplicate, TC703 drifted
 * declaration) kept up to date line by line: lines with the same content, and lines sharing a
 * declaration list, are grouped in document order, so adding or removing a line touches only its
 * own groups, and the findings of any line are read off its groups' first members; a tool name's
 * declarations are gathered from its lists when its drift is asked. For every line the findings equal what replaying `FileRules.observe` over all
 * lines in order returns, line numbers in messages included (read from the current `index`).
 * No allocation per line beyond the groups' slots: the initial check adds 100k lines.
 */
export class IncrementalFileRules<E extends FileRuleEntry = FileRuleEntry> {
  private examples = 0;
  /** Content key -> the one line with it, or the lines sharing it (in document order). */
  private readonly byContent = new Map<string, E | E[]>();
  private readonly byList = new Map<readonly Declaration[], ListGroup<E>>();
  private readonly byTool = new Map<string, ToolGroup<E>>();
  /** Groups that produce findings: content shared by several lines, tools declared in several ways. */
  private readonly hotContent = new Set<E[]>();
  private readonly hotTools = new Set<ToolGroup<E>>();
  /** What changed since `takeChanges`: content keys and tool names whose groups lost or gained a line. */
  private changedContent = new Set<string>();
  private changedTools = new Set<string>();
  /** Line numbers moved (or everything is new): every finding may read differently. */
  private changedAll = true;

  get exampleCount(): number {
    return this.examples;
  }

  /** Adds a line; every entry already added must carry its current index. */
  add(entry: E): void {
    const { facts } = entry;
    if (!facts.isExample || entry.inFileRules) return;
    entry.inFileRules = true;
    this.examples++;
    const key = facts.contentKey;
    if (key !== undefined) {
      if (!this.changedAll) this.changedContent.add(key);
      const same = this.byContent.get(key);
      if (same === undefined) this.byContent.set(key, entry);
      else if (Array.isArray(same)) insertSorted(same, entry);
      else {
        const group = same.index <= entry.index ? [same, entry] : [entry, same];
        this.byContent.set(key, group);
        this.hotContent.add(group);
      }
    }
    const declarations = facts.declarations;
    if (declarations === undefined) return;
    if (!this.changedAll) for (const declaration of declarations) this.changedTools.add(declaration.name);
    let list = this.byList.get(declarations);
    if (list === undefined) this.byList.set(declarations, (list = { declarations, entries: [] }));
    if (list.entries.length === 0) this.attach(list);
    insertSorted(list.entries, entry);
  }

  /** A list gains its first line: each of its declarations joins its name's group. */
  private attach(list: ListGroup<E>): void {
    for (const { name, key } of list.declarations) {
      let group = this.byTool.get(name);
      if (group === undefined) this.byTool.set(name, (group = { lists: [], keyCounts: new Map() }));
      group.lists.push(list); // once per declaration: a name twice in a list is there twice
      group.keyCounts.set(key, (group.keyCounts.get(key) ?? 0) + 1);
      if (group.keyCounts.size === 2) this.hotTools.add(group);
    }
  }

  /** A list lost its last line: it leaves its names' groups. */
  private detach(list: ListGroup<E>): void {
    this.byList.delete(list.declarations);
    for (const { name, key } of list.declarations) {
      const group = this.byTool.get(name)!;
      group.lists.splice(group.lists.indexOf(list), 1);
      const count = group.keyCounts.get(key)! - 1;
      if (count > 0) group.keyCounts.set(key, count);
      else {
        group.keyCounts.delete(key);
        if (group.keyCounts.size < 2) this.hotTools.delete(group);
      }
      if (group.lists.length === 0) this.byTool.delete(name);
    }
  }

  /** Removes a line added before (indices still current); a line never added is ignored. */
  remove(entry: E): void {
    if (!entry.inFileRules) return;
    entry.inFileRules = false;
    this.examples--;
    const { facts } = entry;
    const key = facts.contentKey;
    if (key !== undefined) {
      if (!this.changedAll) this.changedContent.add(key);
      const same = this.byContent.get(key)!;
      if (!Array.isArray(same)) this.byContent.delete(key);
      else {
        removeSorted(same, entry);
        if (same.length === 1) {
          this.hotContent.delete(same);
          this.byContent.set(key, same[0]!);
        }
      }
    }
    const declarations = facts.declarations;
    if (declarations === undefined) return;
    if (!this.changedAll) for (const declaration of declarations) this.changedTools.add(declaration.name);
    const list = this.byList.get(declarations)!;
    removeSorted(list.entries, entry);
    if (list.entries.length === 0) this.detach(list);
  }

  /**
   * Every entry whose `findings` are not empty (each at least once, in no particular order),
   * read off the groups that have findings: the cost follows the findings, not the file.
   */
  entriesWithFindings(): E[] {
    const out: E[] = [];
    for (const group of this.hotContent) for (let i = 1; i < group.length; i++) out.push(group[i]!);
    return out;
  }

  /** Whether `findings(entry)` is non-empty, without allocating. */
  hasFindings(entry: E): boolean {
    if (!entry.inFileRules) return false;
    const { facts } = entry;
    if (facts.contentKey !== undefined) {
      const same = this.byContent.get(facts.contentKey);
      if (Array.isArray(same) && same[0] !== entry) return true;
    }
    return false;
  }

  /** What `FileRules.observe` returns for this line when fed every line in order. */
  findings(entry: E): Finding[] {
    if (!this.hasFindings(entry)) return NONE;
    const { facts } = entry;
    const found: Finding[] = [];
    const same = facts.contentKey === undefined ? undefined : this.byContent.get(facts.contentKey);
    if (Array.isArray(same) && same[0] !== entry) {
      const first = same[0]!.index;
      found.push(duplicateOf(first));
    }
    return found;
  }

  /** Findings known only from the whole file (as `FileRules.finish`). */
  finish(): FileFinding[] {
    const found: FileFinding[] = [];
    for (const name of this.byTool.keys()) {
      const drift = this.driftOf(name);
      if (drift) found.push(drift);
    }
    found.sort(byLineThenName);
    const few = this.tooFew();
    return few ? [...found, few] : found;
  }

  /** TC701 when the file has too few examples (the last of `finish`'s findings). */
  tooFew(): FileFinding | undefined {
    return this.examples >= MIN_EXAMPLES ? undefined : tooFewExamples(this.examples);
  }

  /** The TC703 of one tool name as `finish` says it, or undefined when it is declared one way (or not at all). */
  driftOf(name: string): FileFinding | undefined {
    const group = this.byTool.get(name);
    if (group === undefined || !this.hotTools.has(group)) return undefined;
    // Every declaration of the name in document order: a stable sort keeps a line's own in its list's order.
    const declared: { entry: E; key: string }[] = [];
    for (const list of group.lists) {
      for (const d of list.declarations) if (d.name === name) for (const entry of list.entries) declared.push({ entry, key: d.key });
    }
    declared.sort((a, b) => a.entry.index - b.entry.index);
    // Lines whose declaration differs from the first one's; the name's path on the first of them.
    const firstKey = declared[0]!.key;
    const driftLines: number[] = [];
    let namePath: JsonPath | undefined;
    for (const { entry, key } of declared) {
      if (key === firstKey) continue;
      if (driftLines[driftLines.length - 1] !== entry.index) driftLines.push(entry.index);
      namePath ??= entry.facts.declarations!.find((d) => d.name === name && d.key === key)!.namePath;
    }
    return driftFinding({ name, firstLine: declared[0]!.entry.index, driftLines, namePath: namePath!, variants: group.keyCounts.size });
  }

  /** Every tool name declared drifted (any order). */
  driftedNames(): string[] {
    const names: string[] = [];
    for (const [name, group] of this.byTool) if (this.hotTools.has(group)) names.push(name);
    return names;
  }

  /** The lines holding content `key` (in document order). */
  withContent(key: string): readonly E[] {
    const same = this.byContent.get(key);
    return same === undefined ? NO_ENTRIES : Array.isArray(same) ? same : [same];
  }

  /**
   * What may read differently since the last call: `all` after `moveLines` (or at first),
   * else the content keys and tool names whose groups changed. Starts a new round.
   */
  takeChanges(): { all: boolean; content: Set<string>; tools: Set<string> } {
    const changes = { all: this.changedAll, content: this.changedContent, tools: this.changedTools };
    this.changedAll = false;
    this.changedContent = new Set();
    this.changedTools = new Set();
    return changes;
  }

  /** Lines moved (inserted or deleted above others): the line numbers in every finding may have changed. */
  moveLines(): void {
    this.changedAll = true;
    this.changedContent.clear();
    this.changedTools.clear();
  }
}

const NO_ENTRIES: readonly never[] = [];

/** Inserts after members at the same index. */
function insertSorted<E extends FileRuleEntry>(members: E[], item: E): void {
  const target = item.index;
  const n = members.length;
  // Lines are mostly added in document order: appending is the common case.
  if (n === 0 || members[n - 1]!.index <= target) {
    members.push(item);
    return;
  }
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (members[mid]!.index <= target) lo = mid + 1;
    else hi = mid;
  }
  members.splice(lo, 0, item);
}

/** Where `item` is among members sorted by index. */
function positionOf<E extends FileRuleEntry>(members: E[], item: E): number {
  const target = item.index;
  let lo = 0;
  let hi = members.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (members[mid]!.index < target) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < members.length && members[i]!.index === target; i++) if (members[i] === item) return i;
  // Indices went stale (an owner bug): fall back to a scan rather than corrupt the groups.
  for (let i = 0; i < members.length; i++) if (members[i] === item) return i;
  throw new Error('IncrementalFileRules: removing a line that was never added');
}

function removeSorted<E extends FileRuleEntry>(members: E[], item: E): void {
  members.splice(positionOf(members, item), 1);
}
