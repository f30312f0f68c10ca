// scanJsonText does not read a known tools JSON that ends a line (KnownLastMember): it must
// still give exactly what reading it gives (depth, offset, members, deepest nesting, root keys),
// on fixture lines, generated lines, variants that move or respace the member, and lines that
// only look like a known member ends them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanJsonText } from '../../../core/dataset/depth.ts';
import { KnownLastMember, parseLine, type KnownMember, type KnownMembers } from '../../../core/dataset/parseLine.ts';
import { rootMemberSpan } from '../../../core/dataset/rootMember.ts';
import { countMembers } from '../../../core/dataset/structure.ts';
import { fixtureLines, generatedLines, spaced } from '../../helpers/datasetLines.ts';

/** Member texts by root name, as ToolSetCache keeps them: counting the lookups that hit. */
class Known implements KnownMembers<KnownMember> {
  readonly names = ['tools', 'functions'];
  readonly texts = { tools: new Map<string, KnownMember>(), functions: new Map<string, KnownMember>() };
  hits = 0;
  asked = 0;
  add(name: 'tools' | 'functions', text: string): void {
    const value: unknown = JSON.parse(text);
    this.texts[name].set(text, { value, members: countMembers(value) });
  }
  known(name: string, source: string): KnownMember | undefined {
    this.asked++;
    const found = name === 'tools' || name === 'functions' ? this.texts[name].get(source) : undefined;
    if (found) this.hits++;
    return found;
  }
}

/** Each line's tools and functions member texts become known, as the validator's first sight of them does. */
function knownFrom(lines: string[]): Known {
  const known = new Known();
  for (const line of lines) {
    try {
      JSON.parse(line);
    } catch {
      continue;
    }
    const keys: number[] = [];
    scanJsonText(line, 2048, keys);
    for (const name of ['tools', 'functions'] as const) {
      const span = rootMemberSpan(line, 0, keys, name);
      if (span) known.add(name, line.slice(span.start, span.end));
    }
  }
  return known;
}

/** Compares the scan with and without the known tail on each line and limit; returns how many skipped a member. */
function compare(lines: string[], known: Known, limits = [2048]): number {
  let skipped = 0;
  for (const line of lines) {
    for (const limit of limits) {
      const keys: number[] = [];
      const plainKeys: number[] = [];
      const { tail, ...scan } = scanJsonText(line, limit, keys, new KnownLastMember(known));
      assert.deepEqual(scan, scanJsonText(line, limit, plainKeys), line.slice(0, 200));
      assert.deepEqual(keys, plainKeys, line.slice(0, 200));
      if (tail) {
        skipped++;
        assert.equal(line.slice(tail.span.start, tail.span.end), [...known.texts.tools.keys(), ...known.texts.functions.keys()].find((t) => t === line.slice(tail.span.start, tail.span.end)));
      }
    }
  }
  return skipped;
}

/** The line, respaced, with its tools first, with outer and inner whitespace, cut short, with a second tools key. */
function variants(line: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return [line, line.slice(0, line.length >> 1)];
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [line];
  const { tools, ...rest } = value as Record<string, unknown>;
  const tail = tools === undefined ? '' : JSON.stringify(tools);
  return [
    line,
    spaced(value),
    JSON.stringify({ ...(tools === undefined ? {} : { tools }), ...rest }),
    ' \t' + line + ' \r',
    line.replace(/\}$/, ' \n}\t'),
    line.replace(/"tools":/, '"tools" :\t'),
    line.slice(0, -1),
    line + '}',
    line.replace(/\}$/, ',}'),
    line.replace(/\}$/, `, "tools": ${tail}}`),
    line.replace(/"tools":/, '"\\u0074ools":'),
    line.replace(/"tools":/, '"toolsx":'),
    line.replace(/"tools":/, '"functions":'),
    line.replace(/^\{/, `{"note": "\\"tools\\": ${tail.replaceAll('"', '\\"')}}", `),
  ];
}

test('fixture lines and their variants: the same scan with the known tail as without', () => {
  const lines = fixtureLines();
  const known = knownFrom(lines);
  const all = lines.flatMap(variants);
  assert.equal(all.length, 4008);
  assert.equal(compare(all, known), 1133);
});

test('generated lines and their variants, at depth limits the members pass: the same scan', () => {
  const lines = generatedLines(300, 11);
  const known = knownFrom(lines.slice(0, 150));
  const all = lines.flatMap(variants);
  assert.equal(all.length, 4188);
  assert.equal(compare(all, known, [2, 3, 5, 2048]), 845);
});

test('what is skipped: a known member ending the line, and nothing that only looks like one', () => {
  const known = new Known();
  known.add('tools', '[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"string"}}}}}]');
  known.add('functions', '[{"name":"g"}]');
  const tools = [...known.texts.tools.keys()][0];
  const cases: [string, boolean][] = [
    [`{"messages":[{"role":"user","content":"a:b"}],"tools":${tools}}`, true],
    [`{"messages":[], "tools" :  ${tools} \t} `, true],
    [`{"tools":${tools}}`, true],
    [`{"functions":[{"name":"g"}]}`, true],
    [`{"tools":[{"name":"g"}]}`, false], // known as functions only
    [`{"tools":${tools},"messages":[]}`, false],
    [`{"tools":[],"tools":${tools}}`, false], // a tools key before: the first is the one looked up
    [`{"functions":[{"name":"g"}],"tools":${tools}}`, false],
    [`{"messages":[],"tools":${tools}`, false],
    [`{"messages":[],"tools":${tools}}}`, false],
    [`{"messages":[],"tools":${tools},}`, false],
    [`{"messages":[],"\\u0074ools":${tools}}`, false],
    [`{"messages":[],"toolsx":${tools}}`, false],
    [`{"messages":[{"tools":${tools}}]}`, false],
    [`{"messages":"\\"tools\\":${tools.replaceAll('"', '\\"')}}"}`, false],
  ];
  for (const [line, skips] of cases) {
    const before = known.hits;
    assert.equal(compare([line], known, [1, 2, 3, 4, 5, 2048]) > 0, skips, line);
    assert.equal(compare([line], known, [2048]), skips ? 1 : 0, line);
    if (!skips) assert.equal(known.hits, before, line);
  }
});

test('parseLine asks for a member ending the line once, known or not; the value is the whole parse', () => {
  const known = new Known();
  const tools = '[{"type":"function","function":{"name":"f"}}]';
  const cases: [string, number, boolean][] = [
    // line, lookups, member reused
    [`{"messages":[{"role":"user","content":"hi"}],"tools":${tools}}`, 1, false],
    [`{"messages":[{"role":"user","content":"hi"}],"tools":${tools}}`, 1, true],
    [`{"messages":[],"tools":[]}`, 1, false],
    [`{"tools":${tools},"messages":[]}`, 2, true], // the scan asks at "tools" for the rest of the line, then parseLine for the member
    [`{"tools":[1],"messages":[]}`, 2, false],
    [`{"messages":[]}`, 0, false],
  ];
  for (const [line, lookups, reused] of cases) {
    const before = known.asked;
    const parsed = parseLine(line, known);
    assert.equal(known.asked - before, lookups, line);
    assert.equal(parsed.kind === 'value' && parsed.member !== undefined, reused, line);
    assert.deepEqual(parsed.kind === 'value' && parsed.value, JSON.parse(line), line);
    if (!reused && line.includes(tools) && !known.texts.tools.has(tools)) known.add('tools', tools);
  }
});
