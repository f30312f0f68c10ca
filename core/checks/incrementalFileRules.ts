import { byLineThenName, driftFinding, duplicateOf, MIN_EXAMPLES, tooFewExamples, type FileFinding } from './fileChecks.ts';
import type { Finding } from './findings.ts';
import type { LineFacts } from './lineFacts.ts';
import type { JsonPath } from '../dataset/jsonPath.ts';

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
 * Declarations of one tool name in document order (entry and declaration key side by side),
 * and the same split by key: every declaration whose key differs from the first one's drifted.
 */
interface ToolGroup<E> {
  entries: E[];
  keys: string[];
  byKey: Map<string, E[]>;
}

const NONE: Finding[] = [];

/**
 * The file-level rules of `FileRules` (TC701 too few examples, TC702 duplicate, TC703 drifted
 * declaration) kept up to date line by line: lines with the same content, and declarations
 * of the same tool name (by key), are grouped in document order, so adding or removing a line
 * touches only its own groups, and the findings of any line are read off its groups' first
 * members. For every line the findings equal what replaying `FileRules.observe` over all
 * lines in order returns, line numbers in messages included (read from the current `index`).
 * No allocation per line beyond the groups' slots: the initial check adds 100k lines.
 */
export class IncrementalFileRules<E extends FileRuleEntry = FileRuleEntry> {
  private examples = 0;
  /** Content key -> the one line with it, or the lines sharing it (in document order). */
  private readonly byContent = new Map<string, E | E[]>();
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
    for (const declaration of declarations) {
      if (!this.changedAll) this.changedTools.add(declaration.name);
      let group = this.byTool.get(declaration.name);
      if (!group) this.byTool.set(declaration.name, (group = { entries: [], keys: [], byKey: new Map() }));
      const at = insertSorted(group.entries, entry);
      if (at === group.keys.length) group.keys.push(declaration.key);
      else group.keys.splice(at, 0, declaration.key);
      const sameKey = group.byKey.get(declaration.key);
      if (sameKey === undefined) {
        group.byKey.set(declaration.key, [entry]);
        if (group.byKey.size === 2) this.hotTools.add(group);
      } else insertSorted(sameKey, entry);
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
    for (const declaration of facts.declarations ?? []) {
      if (!this.changedAll) this.changedTools.add(declaration.name);
      const group = this.byTool.get(declaration.name)!;
      const at = positionOf(group.entries, entry, (i) => group.keys[i] === declaration.key);
      group.entries.splice(at, 1);
      group.keys.splice(at, 1);
      const sameKey = group.byKey.get(declaration.key)!;
      removeSorted(sameKey, entry);
      if (sameKey.length === 0) {
        group.byKey.delete(declaration.key);
        if (group.byKey.size < 2) this.hotTools.delete(group);
      }
      if (group.entries.length === 0) this.byTool.delete(declaration.name);
    }
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
    // Lines whose declaration differs from the first one's; the name's path on the first of them.
    const firstKey = group.keys[0]!;
    const driftLines: number[] = [];
    let namePath: JsonPath | undefined;
    for (let i = 0; i < group.entries.length; i++) {
      const key = group.keys[i]!;
      if (key === firstKey) continue;
      const entry = group.entries[i]!;
      if (driftLines[driftLines.length - 1] !== entry.index) driftLines.push(entry.index);
      namePath ??= entry.facts.declarations!.find((d) => d.name === name && d.key === key)!.namePath;
    }
    return driftFinding({ name, firstLine: group.entries[0]!.index, driftLines, namePath: namePath!, variants: group.byKey.size });
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

/** Inserts after members at the same index (a line's declarations keep their order); returns where. */
function insertSorted<E extends FileRuleEntry>(members: E[], item: E): number {
  const target = item.index;
  const n = members.length;
  // Lines are mostly added in document order: appending is the common case.
  if (n === 0 || members[n - 1]!.index <= target) {
    members.push(item);
    return n;
  }
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (members[mid]!.index <= target) lo = mid + 1;
    else hi = mid;
  }
  members.splice(lo, 0, item);
  return lo;
}

/** Where `item` is among members sorted by index (`accept` picks among a line's own declarations). */
function positionOf<E extends FileRuleEntry>(members: E[], item: E, accept: (i: number) => boolean = () => true): number {
  const target = item.index;
  let lo = 0;
  let hi = members.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (members[mid]!.index < target) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < members.length && members[i]!.index === target; i++) if (members[i] === item && accept(i)) return i;
  // Indices went stale (an owner bug): fall back to a scan rather than corrupt the groups.
  for (let i = 0; i < members.length; i++) if (members[i] === item && accept(i)) return i;
  throw new Error('IncrementalFileRules: removing a declaration that was never added');
}

function removeSorted<E extends FileRuleEntry>(members: E[], item: E): void {
  members.splice(positionOf(members, item), 1);
}
