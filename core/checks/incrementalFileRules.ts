import { MIN_EXAMPLES, type FileFinding } from './fileChecks.ts';
import type { Finding } from './findings.ts';
import type { LineFacts } from './lineFacts.ts';

/**
 * One line as the incremental rules see it. The owner keeps `index` equal to the line's
 * current number (renumbering after inserts and deletes) while the entry is added; `fileRules`
 * is the rules' own bookkeeping, never touched by the owner.
 */
export interface FileRuleEntry {
  index: number;
  readonly facts: LineFacts;
  fileRules?: Membership;
}

/** One declaration of a tool on a line, as a member of that tool name's group. */
interface DeclarationRef {
  readonly entry: FileRuleEntry;
  readonly name: string;
  readonly key: string;
}

/** Lines with the same content, in document order: all but the first are duplicates. */
interface ContentGroup {
  key: string;
  members: FileRuleEntry[];
}

/**
 * Declarations of one tool name in document order, and the same split by declaration key:
 * every declaration whose key differs from the first one's has drifted.
 */
interface ToolGroup {
  members: DeclarationRef[];
  byKey: Map<string, DeclarationRef[]>;
}

/** The groups one entry belongs to, so removing it needs no lookups by key. */
export interface Membership {
  content?: ContentGroup;
  declarations: { group: ToolGroup; ref: DeclarationRef }[];
}

const NONE: Finding[] = [];

/**
 * The file-level rules of `FileRules` (TC701 too few examples, TC702 duplicate, TC703 drifted
 * declaration) kept up to date line by line: lines with the same content, and declarations
 * of the same tool name, are grouped in document order, so adding or removing a line touches
 * only its own groups, and the findings of any line are read off its groups' first members.
 * For every line the findings equal what replaying `FileRules.observe` over all lines in order
 * returns, line numbers in messages included (they are read from the current `index`).
 */
export class IncrementalFileRules<E extends FileRuleEntry = FileRuleEntry> {
  private examples = 0;
  private readonly byContent = new Map<string, ContentGroup>();
  private readonly byTool = new Map<string, ToolGroup>();
  /** Groups that produce findings: content shared by several lines, tools declared in several ways. */
  private readonly hotContent = new Set<ContentGroup>();
  private readonly hotTools = new Set<ToolGroup>();

  get exampleCount(): number {
    return this.examples;
  }

  /** Adds a line; every entry already added must carry its current index. */
  add(entry: E): void {
    const { facts } = entry;
    if (!facts.isExample) return;
    this.examples++;
    const membership: Membership = { declarations: [] };
    if (facts.contentKey !== undefined) {
      let group = this.byContent.get(facts.contentKey);
      if (!group) this.byContent.set(facts.contentKey, (group = { key: facts.contentKey, members: [] }));
      insertSorted(group.members, entry, (e) => e.index);
      if (group.members.length === 2) this.hotContent.add(group);
      membership.content = group;
    }
    for (const declaration of facts.declarations ?? []) {
      let group = this.byTool.get(declaration.name);
      if (!group) this.byTool.set(declaration.name, (group = { members: [], byKey: new Map() }));
      const ref: DeclarationRef = { entry, name: declaration.name, key: declaration.key };
      insertSorted(group.members, ref, (r) => r.entry.index);
      let sameKey = group.byKey.get(ref.key);
      if (!sameKey) group.byKey.set(ref.key, (sameKey = []));
      insertSorted(sameKey, ref, (r) => r.entry.index);
      if (group.byKey.size === 2) this.hotTools.add(group);
      membership.declarations.push({ group, ref });
    }
    entry.fileRules = membership;
  }

  /** Removes a line added before (indices still current); a line never added is ignored. */
  remove(entry: E): void {
    const membership = entry.fileRules;
    if (!membership) return;
    entry.fileRules = undefined;
    this.examples--;
    const content = membership.content;
    if (content) {
      removeSorted(content.members, entry, (e) => e.index);
      if (content.members.length < 2) this.hotContent.delete(content);
      if (content.members.length === 0) this.byContent.delete(content.key);
    }
    for (const { group, ref } of membership.declarations) {
      removeSorted(group.members, ref, (r) => r.entry.index);
      const sameKey = group.byKey.get(ref.key)!;
      removeSorted(sameKey, ref, (r) => r.entry.index);
      if (sameKey.length === 0) group.byKey.delete(ref.key);
      if (group.byKey.size < 2) this.hotTools.delete(group);
      if (group.members.length === 0) this.byTool.delete(ref.name);
    }
  }

  /**
   * Every entry whose `findings` are not empty (each at least once, in no particular order),
   * read off the groups that have findings: the cost follows the findings, not the file.
   */
  entriesWithFindings(): E[] {
    const out: E[] = [];
    for (const group of this.hotContent) for (let i = 1; i < group.members.length; i++) out.push(group.members[i] as E);
    for (const group of this.hotTools) {
      const firstKey = group.members[0]!.key;
      for (const [key, refs] of group.byKey) if (key !== firstKey) for (const ref of refs) out.push(ref.entry as E);
    }
    return out;
  }

  /** Whether `findings(entry)` is non-empty, without allocating. */
  hasFindings(entry: E): boolean {
    const membership = entry.fileRules;
    if (!membership) return false;
    if (membership.content && membership.content.members[0] !== entry) return true;
    for (const { group, ref } of membership.declarations) {
      const first = group.members[0]!;
      if (first !== ref && first.key !== ref.key) return true;
    }
    return false;
  }

  /** What `FileRules.observe` returns for this line when fed every line in order. */
  findings(entry: E): Finding[] {
    if (!this.hasFindings(entry)) return NONE;
    const membership = entry.fileRules!;
    const found: Finding[] = [];
    if (membership.content) {
      const first = membership.content.members[0]!.index;
      if (membership.content.members[0] !== entry) {
        found.push({ code: 'TC702', message: `Duplicate of line ${first + 1}; repeated examples skew training toward them.`, target: { path: [] }, data: { firstLine: first } });
      }
    }
    const declarations = entry.facts.declarations ?? [];
    membership.declarations.forEach(({ group, ref }, i) => {
      const first = group.members[0]!;
      if (first === ref || first.key === ref.key) return;
      const declaration = declarations[i]!;
      found.push({
        code: 'TC703',
        message: `Tool \`${declaration.name}\` is declared differently than on line ${first.entry.index + 1}; keep declarations identical across the file, as at inference.`,
        target: { path: declaration.namePath },
        data: { firstLine: first.entry.index },
      });
    });
    return found;
  }

  /** Findings known only from the whole file (as `FileRules.finish`). */
  finish(): FileFinding[] {
    if (this.examples >= MIN_EXAMPLES) return [];
    return [{ line: 0, finding: { code: 'TC701', message: `The file has ${this.examples} example${this.examples === 1 ? '' : 's'}; OpenAI requires at least ${MIN_EXAMPLES} (50-100 usually show gains).`, target: { path: [], span: { start: 0, end: 0 } } } }];
  }
}

/** Inserts after members at the same position (a line's declarations keep their order). */
function insertSorted<T>(members: T[], item: T, at: (t: T) => number): void {
  const target = at(item);
  const n = members.length;
  // Lines are mostly added in document order: appending is the common case.
  if (n === 0 || at(members[n - 1]!) <= target) {
    members.push(item);
    return;
  }
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(members[mid]!) <= target) lo = mid + 1;
    else hi = mid;
  }
  members.splice(lo, 0, item);
}

function removeSorted<T>(members: T[], item: T, at: (t: T) => number): void {
  const target = at(item);
  let lo = 0;
  let hi = members.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(members[mid]!) < target) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < members.length && at(members[i]!) === target; i++) {
    if (members[i] === item) {
      members.splice(i, 1);
      return;
    }
  }
  // Indices went stale (an owner bug): fall back to a scan rather than corrupt the groups.
  const i = members.indexOf(item);
  if (i !== -1) members.splice(i, 1);
}
