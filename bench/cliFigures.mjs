// The command-line figures of one bench dataset, each process measured whole (wall, CPU, peak
// RSS) and interleaved so that ratios compare runs made under the same load:
// - the JSON.parse baseline, `toolcall validate` and `toolcall stats`, in a rotating order;
// - `toolcall eval --predictions` and the lesson's Python evaluate_tool_calls on the same eval set
//   and predictions (bench/realEval.mjs builds them from the dataset), alternating.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fmt, log, runProcess } from './measure.mjs';

const node = process.execPath;

function checked(r, what, okCodes = [0]) {
  if (!r.usage || !okCodes.includes(r.code)) throw new Error(`${what} failed (exit ${r.code}${r.signal ? ' ' + r.signal : ''}): ${r.stderr.slice(-2000)}`);
  return r;
}

/** Baseline, validate and stats on `file` (`mb` megabytes), `runs` rounds. */
export async function commandFigures({ name, file, mb, runs, env }) {
  const commands = {
    baseline: ['--require', './bench/rss.cjs', 'bench/baseline.mjs', file],
    validate: ['--require', './bench/rss.cjs', 'dist/cli.js', 'validate', '--format', 'json', file],
    stats: ['--require', './bench/rss.cjs', 'dist/cli.js', 'stats', '--format', 'json', file],
  };
  const order = Object.keys(commands);
  const out = Object.fromEntries(order.map((k) => [k, { mbps: [], cpuMs: [], rss: [], wallMs: [] }]));
  const ratios = { validate: [], validateCpu: [], stats: [], statsCpu: [] };
  for (let i = 0; i < runs; i++) {
    const round = {};
    for (let k = 0; k < order.length; k++) {
      const which = order[(i + k) % order.length];
      const r = checked(await runProcess(node, commands[which], { env: which === 'validate' ? env : {} }), `${name} ${which}`, which === 'validate' ? [0, 1] : [0]);
      round[which] = r;
      if (which === 'validate') out.validateStderr = r.stderr;
      out[which].mbps.push(mb / (r.wallMs / 1000));
      out[which].cpuMs.push(r.usage.cpuMs);
      out[which].rss.push(r.usage.maxRssBytes / 1e6);
      out[which].wallMs.push(r.wallMs);
    }
    ratios.validate.push(round.baseline.wallMs / round.validate.wallMs);
    ratios.validateCpu.push(round.baseline.usage.cpuMs / round.validate.usage.cpuMs);
    ratios.stats.push(round.validate.wallMs / round.stats.wallMs);
    ratios.statsCpu.push(round.validate.usage.cpuMs / round.stats.usage.cpuMs);
    log(`${name} run ${i + 1}/${runs}: baseline ${fmt(mb / (round.baseline.wallMs / 1000))} MB/s, validate ${fmt(mb / (round.validate.wallMs / 1000))} MB/s (${fmt(ratios.validate.at(-1), 2)}x, ${fmt(round.validate.usage.maxRssBytes / 1e6, 0)} MB), stats ${fmt(mb / (round.stats.wallMs / 1000))} MB/s (${fmt(ratios.stats.at(-1), 2)}x of validate, ${fmt(round.stats.usage.maxRssBytes / 1e6, 0)} MB)`);
  }
  // With --format json the summary line is the last line on stderr (before rss.cjs's).
  const summary = round0Summary(out.validateStderr);
  return { ...out, ratios, summary };
}

function round0Summary(stderr) {
  return (stderr ?? '').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('@@bench')).pop() ?? 'n/a';
}

/** Whether python3 runs here. */
export function hasPython() {
  return spawnSync('python3', ['--version']).status === 0;
}

/** Eval set and predictions of about `cases` cases made from `file` (cached in bench/data). */
export function evalData(file, cases) {
  const base = file.replace(/\.jsonl$/, '');
  const evalFile = `${base}.eval-${cases}.jsonl`;
  const predictions = `${base}.predictions-${cases}.jsonl`;
  if (!existsSync(evalFile) || !existsSync(predictions)) {
    log(`building ${evalFile} and ${predictions}...`);
    if (spawnSync(node, ['bench/realEval.mjs', file, evalFile, predictions, '--cases', String(cases)], { stdio: 'inherit' }).status !== 0) throw new Error('bench/realEval.mjs failed');
  }
  return { evalFile, predictions };
}

/**
 * `toolcall eval --predictions` against the lesson's Python function, alternating; `python`
 * false leaves the Python side out. Also checks that both give the same exact-match rate.
 */
export async function evalFigures({ name, file, cases, runs, python }) {
  const { evalFile, predictions } = evalData(file, cases);
  const tool = { cpuMs: [], rss: [], wallMs: [] };
  const py = { cpuMs: [], rss: [], wallMs: [] };
  const cpuRatio = [];
  const rssRatio = [];
  let agreement = null;
  for (let i = 0; i < runs; i++) {
    const sides = python ? (i % 2 === 0 ? ['tool', 'py'] : ['py', 'tool']) : ['tool'];
    const round = {};
    for (const side of sides) {
      const r = side === 'tool'
        ? checked(await runProcess(node, ['--require', './bench/rss.cjs', 'dist/cli.js', 'eval', '--dataset', evalFile, '--predictions', predictions, '--format', 'json']), `${name} toolcall eval`)
        : checked(await runProcess('python3', ['bench/pyrss.py', 'bench/evaluate_tool_calls.py', evalFile, predictions]), `${name} evaluate_tool_calls.py`);
      round[side] = r;
      const into = side === 'tool' ? tool : py;
      into.cpuMs.push(r.usage.cpuMs);
      into.rss.push(r.usage.maxRssBytes / 1e6);
      into.wallMs.push(r.wallMs);
    }
    if (python) {
      cpuRatio.push(round.py.usage.cpuMs / round.tool.usage.cpuMs);
      rssRatio.push(round.tool.usage.maxRssBytes / round.py.usage.maxRssBytes);
      if (agreement === null) {
        const ours = Object.values(JSON.parse(round.tool.stdout))[0];
        const theirs = JSON.parse(round.py.stdout.trim().split('\n').pop());
        agreement = { total: [ours.total, theirs.total], exact: [ours.exact_match, theirs.exact_match], fuzzy: [ours.fuzzy_match, theirs.fuzzy_match], functional: [ours.functional_match, theirs.functional_match] };
      }
    }
    log(`${name} eval run ${i + 1}/${runs}: toolcall CPU ${fmt(round.tool.usage.cpuMs, 0)} ms, ${fmt(round.tool.usage.maxRssBytes / 1e6, 0)} MB${python ? `; Python CPU ${fmt(round.py.usage.cpuMs, 0)} ms, ${fmt(round.py.usage.maxRssBytes / 1e6, 0)} MB` : ''}`);
  }
  return { evalFile, predictions, tool, py, cpuRatio, rssRatio, agreement };
}
