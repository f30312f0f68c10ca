// `npm run bench` (node bench/run.mjs [--runs 5] [--examples 100000] [--real-mb 100] [--cases 21700] [--workers N]):
// builds if needed, makes two datasets in bench/data/ if missing (the seeded generator's, and
// one replicated from the real files in ../shared/corpora: bench/realData.mjs; skipped with a
// note when that folder is absent), then on each runs the JSON.parse baseline, `toolcall
// validate` and `toolcall stats` interleaved, and `toolcall eval --predictions` against the
// lesson's Python evaluate_tool_calls (when python3 is present); then the language-server bench
// (if it supports --json), eval scoring, extension load time and .vsix size, and writes
// bench/RESULTS.md. Timings are never asserted; figures are medians with min-max over the runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { commandFigures, evalFigures, hasPython } from './cliFigures.mjs';
import { CERTIFICATES_VARIABLE, fmt, log, root, runProcess, show, startUpWithCertificates, stats } from './measure.mjs';
import { measureRealActivation } from './realActivation.mjs';

process.chdir(root);
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, examples: { type: 'string', default: '100000' }, seed: { type: 'string', default: '1' }, workers: { type: 'string' }, 'real-mb': { type: 'string', default: '100' }, cases: { type: 'string', default: '21700' }, 'skip-server': { type: 'boolean', default: false } } });
// `--workers N` sets TOOLCALL_WORKERS for validate (default: the CLI's own choice).
const workerEnv = values.workers === undefined ? {} : { TOOLCALL_WORKERS: values.workers };
const RUNS = Math.max(1, Number(values.runs));
const node = process.execPath;
const run = (args, options) => runProcess(node, args, options);

// 1. Build (when a bundle is missing or older than a source file) and data.
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}
const bundleTime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const sources = Math.max(...['core', 'cli', 'client', 'server'].filter((d) => existsSync(d)).map(newestSource));
if (Math.min(...['dist/cli.js', 'dist/cliEval.js', 'dist/cliCommands.js', 'dist/client.js'].map(bundleTime)) < sources) {
  log('building (dist/ missing or older than the sources)...');
  if (spawnSync(node, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) throw new Error('build failed');
}
mkdirSync('bench/data', { recursive: true });
const dataset = `bench/data/dataset-${values.examples}-seed${values.seed}.jsonl`;
if (!existsSync(dataset)) {
  log(`generating ${dataset}...`);
  if (spawnSync(node, ['bench/generate.mjs', dataset, '--examples', values.examples, '--seed', values.seed], { stdio: 'inherit' }).status !== 0) throw new Error('generator failed');
}
const loadBefore = os.loadavg();

// The second dataset: real files replicated (bench/realData.mjs); absent corpora skip it with a note.
const realFile = `bench/data/real-${values['real-mb']}mb-seed${values.seed}.jsonl`;
let realSkipped = null;
if (!existsSync(realFile)) {
  log(`building ${realFile} from the real corpora...`);
  const r = spawnSync(node, ['bench/realData.mjs', realFile, '--mb', values['real-mb'], '--seed', values.seed], { encoding: 'utf8' });
  if (r.status !== 0) realSkipped = (r.stderr || `bench/realData.mjs exit ${r.status}`).trim().split('\n').pop();
}
const datasets = [
  { name: 'generated', label: `generated (bench/generate.mjs, seed ${values.seed}, ${values.examples} examples)`, file: dataset },
  { name: 'real', label: `real (bench/realData.mjs from ../shared/corpora, seed ${values.seed})`, file: realFile, skipped: realSkipped },
];
const python = hasPython();

// 2. Per dataset: baseline, validate and stats interleaved; eval against the Python function.
for (const d of datasets) {
  if (d.skipped) continue;
  d.mb = statSync(d.file).size / 1e6;
  d.cli = await commandFigures({ name: d.name, file: d.file, mb: d.mb, runs: RUNS, env: workerEnv });
  d.eval = await evalFigures({ name: d.name, file: d.file, cases: Number(values.cases), runs: RUNS, python });
}

// 3. Language server (bench/republish.mts, owned by the server work): only with --json support.
let server = { skipped: null, json: null, stats: null };
if (values['skip-server']) server.skipped = '--skip-server';
else if (!existsSync('bench/republish.mts')) server.skipped = 'bench/republish.mts does not exist';
else {
  log('language server bench (bench/republish.mts --json)...');
  // The real-data document: the real dataset's first ~50 MB (bench/realData.mjs --mb 50).
  const real50 = `bench/data/real-50mb-seed${values.seed}.jsonl`;
  if (!realSkipped && !existsSync(real50)) spawnSync(node, ['bench/realData.mjs', real50, '--mb', '50', '--seed', values.seed], { stdio: 'inherit' });
  const realArgs = existsSync(real50) ? ['--file', real50, '--key', 'real50MB'] : [];
  // RUNS runs, like the commands: one run's full check moved by ~15% from one run to the next.
  const runs = [];
  for (let i = 0; i < RUNS && !server.skipped; i++) {
    const r = await run(['--import', 'tsx', 'bench/republish.mts', '--json', ...realArgs], { timeoutMs: 1_500_000 });
    const last = r.stdout.trim().split('\n').pop() ?? '';
    try {
      if (r.code !== 0) throw new Error(`exit ${r.code}${r.signal ? ' ' + r.signal : ''}: ${(r.stderr.trim().split('\n').pop() ?? '').slice(0, 300)}`);
      runs.push(JSON.parse(last));
    } catch (error) {
      server.skipped = `bench/republish.mts --json gave no JSON result (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  if (!server.skipped) {
    // Each key: its median over the runs (stats), shown with its range in the targets.
    const numeric = Object.keys(runs[0]).filter((key) => runs.every((json) => typeof json[key] === 'number'));
    server.stats = Object.fromEntries(numeric.map((key) => [key, stats(runs.map((json) => json[key]))]));
    server.json = { ...runs[0], ...Object.fromEntries(numeric.map((key) => [key, server.stats[key].median])) };
  }
}

// 4. Eval scoring.
// Bundled by esbuild like dist/cli.js, not run under tsx: tsx keeps function names by wrapping
// every closure it creates, which alone took ~8% of the Python JSON parser's time.
const scoring = { pps: [], ratioPps: [], cpuPps: [], cpuRatioPps: [] };
const scoreBundle = path.join(os.tmpdir(), `toolcall-bench-score-${process.pid}.cjs`);
{
  const esbuild = await import('esbuild');
  await esbuild.build({ entryPoints: ['bench/score.mts'], outfile: scoreBundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error' });
}
for (let i = 0; i < RUNS; i++) {
  const r = await run([scoreBundle, '--pairs', '100000']);
  if (r.code !== 0) throw new Error(`bench/score.mts failed: ${r.stderr.slice(-1000)}`);
  const result = JSON.parse(r.stdout.trim().split('\n').pop());
  scoring.pps.push(result.pairsPerSecond);
  scoring.ratioPps.push(result.ratioPairsPerSecond);
  scoring.cpuPps.push(result.pairsPerCpuSecond);
  scoring.cpuRatioPps.push(result.ratioPairsPerCpuSecond);
}
rmSync(scoreBundle, { force: true });

// 5. Extension load time (stub vscode) and .vsix size.
// The session file (dist/clientSession.js: the language client) is loaded after activate() returns:
// its load is a figure of its own, so what moved out of the module load is still shown.
// A later start loads it with the code cache an earlier one wrote (the warm-up run below).
const activation = { ms: [], cpuMs: [], sessionMs: [], sessionCpuMs: [], laterMs: [], laterCpuMs: [], error: null };
const codeCacheDir = mkdtempSync(path.join(os.tmpdir(), 'toolcall-bench-code-cache-'));
await run(['bench/activation.cjs', `--cache-dir=${codeCacheDir}`]);
for (let i = 0; i < RUNS; i++) {
  const later = await run(['bench/activation.cjs', `--cache-dir=${codeCacheDir}`]);
  const laterLoad = later.code === 0 ? JSON.parse(later.stdout.trim().split('\n').pop()) : {};
  if (laterLoad.sessionCacheHit === true) {
    activation.laterMs.push(laterLoad.sessionLoadMs);
    activation.laterCpuMs.push(laterLoad.sessionCpuMs);
  }
  const r = await run(['bench/activation.cjs']);
  if (r.code !== 0) {
    activation.error = (r.stderr.trim().split('\n').find((l) => /Error/.test(l)) ?? `exit ${r.code}`).slice(0, 300);
    break;
  }
  const load = JSON.parse(r.stdout.trim().split('\n').pop());
  activation.ms.push(load.loadMs);
  if (load.cpuMs !== undefined) activation.cpuMs.push(load.cpuMs);
  if (typeof load.sessionLoadMs === 'number') activation.sessionMs.push(load.sessionLoadMs);
  if (typeof load.sessionCpuMs === 'number') activation.sessionCpuMs.push(load.sessionCpuMs);
}
rmSync(codeCacheDir, { recursive: true, force: true });
// The real activation in code-server (VS Code's own figure): a fresh editor per run, so at most 3.
const realActivation = await measureRealActivation(Math.min(RUNS, 3));
let vsix = { bytes: null, skipped: null };
{
  const out = path.join(os.tmpdir(), `toolcall-bench-${process.pid}.vsix`);
  const r = spawnSync('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  if (r.status === 0 && existsSync(out)) {
    vsix.bytes = statSync(out).size;
    rmSync(out, { force: true });
  } else vsix.skipped = `vsce package failed: ${((r.stderr || r.stdout || '').trim().split('\n').filter(Boolean).pop() ?? `exit ${r.status}`).slice(0, 300)}`;
}
const startUp = await startUpWithCertificates(Math.max(5, RUNS));
const loadAfter = os.loadavg();

// RESULTS.md
const verdict = (met, missText) => (met ? 'met' : `missed: ${missText}`);
const pct = (x) => `${fmt(Math.abs(x) * 100, 0)}%`;
const rows = [];
const figureRows = [];
for (const d of datasets) {
  const tag = `[${d.name}]`;
  if (d.skipped) {
    rows.push([`${tag} validate, stats, eval`, 'not measured', `skipped: ${d.skipped}`]);
    continue;
  }
  const c = d.cli;
  const vr = stats(c.ratios.validate);
  const vrCpu = stats(c.ratios.validateCpu);
  const sr = stats(c.ratios.stats);
  const srCpu = stats(c.ratios.statsCpu);
  const vRss = stats(c.validate.rss);
  const sRss = stats(c.stats.rss);
  // A ratio target is met when both the wall and the CPU-time medians meet it: on a loaded
  // machine one round's wall time can flatter either side.
  const vLow = Math.min(vr.median, vrCpu.median);
  const sLow = Math.min(sr.median, srCpu.median);
  rows.push([`${tag} validate >= 0.5x baseline throughput`, `${show(vr, 2, 'x')} wall; CPU-time ratio ${show(vrCpu, 2, 'x')}`, verdict(vLow >= 0.5, `${pct(1 - vLow / 0.5)} short of 0.5x (wall ${fmt(vr.median, 2)}x, CPU ${fmt(vrCpu.median, 2)}x)`)]);
  rows.push([`${tag} validate peak RSS <= 300 MB`, show(vRss, 0, ' MB'), verdict(vRss.max <= 300, `peak ${fmt(vRss.max, 0)} MB, ${pct(vRss.max / 300 - 1)} over`)]);
  rows.push([`${tag} stats >= 0.5x validate throughput`, `${show(sr, 2, 'x')} wall; CPU-time ratio ${show(srCpu, 2, 'x')}`, verdict(sLow >= 0.5, `${pct(1 - sLow / 0.5)} short of 0.5x (wall ${fmt(sr.median, 2)}x, CPU ${fmt(srCpu.median, 2)}x)`)]);
  rows.push([`${tag} stats peak RSS <= 300 MB`, show(sRss, 0, ' MB'), verdict(sRss.max <= 300, `peak ${fmt(sRss.max, 0)} MB, ${pct(sRss.max / 300 - 1)} over`)]);
  const e = d.eval;
  if (!python) rows.push([`${tag} eval --predictions >= 3x faster than the lesson's Python (CPU), RSS <= 2x`, `toolcall CPU ${show(stats(e.tool.cpuMs), 0, ' ms')}, ${show(stats(e.tool.rss), 0, ' MB')}`, 'skipped: python3 not found']);
  else {
    const cr = stats(e.cpuRatio);
    const rr = stats(e.rssRatio);
    rows.push([`${tag} eval --predictions >= 3x faster than the lesson's Python (CPU time, whole process)`, `${show(cr, 2, 'x')}`, verdict(cr.median >= 3, `${pct(1 - cr.median / 3)} short of 3x`)]);
    rows.push([`${tag} eval --predictions peak RSS <= 2x the Python's`, `${show(rr, 2, 'x')} (${fmt(stats(e.tool.rss).median, 0)} MB vs ${fmt(stats(e.py.rss).median, 0)} MB)`, verdict(rr.max <= 2, `${fmt(rr.max, 2)}x, ${pct(rr.max / 2 - 1)} over`)]);
  }
  figureRows.push(
    [`${tag} dataset`, `\`${d.file}\`, ${fmt(d.mb, 1)} MB; validate says: \`${c.summary}\``],
    [`${tag} baseline (stream, split lines, JSON.parse each; whole process)`, `${show(stats(c.baseline.mbps), 1, ' MB/s')}, CPU ${show(stats(c.baseline.cpuMs), 0, ' ms')}, peak RSS ${show(stats(c.baseline.rss), 0, ' MB')}`],
    [`${tag} \`toolcall validate\``, `${show(stats(c.validate.mbps), 1, ' MB/s')}, CPU ${show(stats(c.validate.cpuMs), 0, ' ms')}, peak RSS ${show(vRss, 0, ' MB')}`],
    [`${tag} \`toolcall stats --format json\``, `${show(stats(c.stats.mbps), 1, ' MB/s')}, CPU ${show(stats(c.stats.cpuMs), 0, ' ms')}, peak RSS ${show(sRss, 0, ' MB')}`],
    [`${tag} ratios per round: validate/baseline, stats/validate (wall; CPU)`, `${show(vr, 2, 'x')}; ${show(vrCpu, 2, 'x')} / ${show(sr, 2, 'x')}; ${show(srCpu, 2, 'x')}`],
    [`${tag} \`toolcall eval --predictions\` (\`${e.evalFile}\`)`, `CPU ${show(stats(e.tool.cpuMs), 0, ' ms')}, wall ${show(stats(e.tool.wallMs), 0, ' ms')}, peak RSS ${show(stats(e.tool.rss), 0, ' MB')}`],
  );
  if (python) {
    figureRows.push([`${tag} lesson's evaluate_tool_calls (python3 bench/evaluate_tool_calls.py)`, `CPU ${show(stats(e.py.cpuMs), 0, ' ms')}, wall ${show(stats(e.py.wallMs), 0, ' ms')}, peak RSS ${show(stats(e.py.rss), 0, ' MB')}`]);
    const a = e.agreement;
    figureRows.push([`${tag} same numbers? toolcall vs Python (cases; exact, fuzzy, functional)`, `${a.total[0]} vs ${a.total[1]}; ${fmt(a.exact[0], 4)} vs ${fmt(a.exact[1], 4)}, ${fmt(a.fuzzy[0], 4)} vs ${fmt(a.fuzzy[1], 4)}, ${fmt(a.functional[0], 4)} vs ${fmt(a.functional[1], 4)}`]);
  }
}
const sp = stats(scoring.pps);
const spCpu = stats(scoring.cpuPps);
rows.push(['scoring >= 200k pairs/s', `${show(sp, 0, ' pairs/s')} wall; ${fmt(spCpu.median, 0)} per CPU second`, verdict(sp.median >= 200_000, `${pct(1 - sp.median / 200_000)} short`)]);
if (activation.ms.length) {
  const a = stats(activation.ms);
  const cpuNote = activation.cpuMs.length ? `; CPU ${fmt(stats(activation.cpuMs).median, 1)} ms` : '';
  // What activate() loads on the next turn (the language client) is said in the same cell, never hidden.
  const sessionNote = activation.sessionMs.length ? `; then dist/clientSession.js ${fmt(stats(activation.sessionMs).median, 1)} ms, CPU ${fmt(stats(activation.sessionCpuMs).median, 1)} ms, after activate() returns` : '';
  rows.push(['activation <= 50 ms (module load of dist/client.js, stub vscode)', show(a, 1, ' ms') + cpuNote + sessionNote, verdict(a.median <= 50, `${fmt(a.median - 50, 0)} ms over`)]);
} else rows.push(['activation <= 50 ms', 'not measured', `skipped: ${activation.error}`]);
if (realActivation.loadCodeMs.length) {
  const [load, call, finish] = [realActivation.loadCodeMs, realActivation.callActivateMs, realActivation.finishActivateMs].map(stats);
  rows.push([
    `real activation in code-server (VS Code's own figure: Startup Performance, load code <= 50 ms)`,
    `first start (fresh profile): load code ${show(load, 0, ' ms')}, call activate ${show(call, 0, ' ms')}, finish activate ${show(finish, 0, ' ms')}` +
      (realActivation.later.finishActivateMs.length
        ? `; later start (same profile, language client from the code cache): load code ${show(stats(realActivation.later.loadCodeMs), 0, ' ms')}, call activate ${show(stats(realActivation.later.callActivateMs), 0, ' ms')}, finish activate ${show(stats(realActivation.later.finishActivateMs), 0, ' ms')}`
        : '') +
      ` (VS Code ${realActivation.vscode}, ${realActivation.event})`,
    verdict(load.median <= 50, `${fmt(load.median - 50, 0)} ms over`),
  ]);
} else rows.push([`real activation in code-server (VS Code's own figure)`, 'not measured', `skipped: ${realActivation.error}`]);
rows.push(['.vsix <= 3 MB', vsix.bytes === null ? 'not measured' : `${fmt(vsix.bytes / 1e6, 2)} MB`, vsix.bytes === null ? `skipped: ${vsix.skipped}` : verdict(vsix.bytes <= 3e6, `${fmt(vsix.bytes / 1e6 - 3, 2)} MB over`)]);
if (server.json) {
  // The issue's server targets, judged on the 50 MB document (republish.mts prints flat
  // "document.figure" keys); every figure is listed too.
  for (const [doc, tag] of [['generated50MB', '[generated]'], ['real50MB', '[real]']]) {
    const judged = [
      [`${tag} server: full diagnostics of a 50 MB document <= 1.5 s`, 'fullDiagnosticsMs', (x) => x <= 1500, (x) => `${fmt(x - 1500, 0)} ms over`, ' ms'],
      [`${tag} server: republish p95 after a one-line edit <= 20 ms (raw, debounce included)`, 'republishP95Ms', (x) => x <= 20, (x) => `${fmt(x - 20, 1)} ms over`, ' ms'],
      [`${tag} server: republish p95 minus the debounce <= 20 ms`, 'republishP95MinusDebounceMs', (x) => x <= 20, (x) => `${fmt(x - 20, 1)} ms over`, ' ms'],
      [`${tag} server memory <= 4x the document (RSS after the edits)`, 'rssAfterEditsRatio', (x) => x <= 4, (x) => `${fmt(x, 1)}x, ${pct(x / 4 - 1)} over`, 'x'],
    ];
    for (const [label, key, ok, miss, unit] of judged) {
      const st = server.stats[`${doc}.${key}`];
      if (typeof st?.median === 'number') rows.push([label, show(st, 1, unit), verdict(ok(st.median), miss(st.median))]);
    }
  }
  for (const [key, value] of Object.entries(server.json)) rows.push([`server: ${key}`, key in server.stats ? show(server.stats[key], 1) : JSON.stringify(value), 'measured']);
} else rows.push(['server: republish p95 <= 20 ms, full diagnostics 50 MB <= 1.5 s, memory <= 4x', 'not measured', `skipped: ${server.skipped}`]);

const cpus = os.cpus();
const md = `# Benchmark results

Written by \`node bench/run.mjs\` (\`npm run bench\`); do not edit by hand.

- Date: ${new Date().toISOString()}
- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB memory, ${os.type()} ${os.release()}
- Node ${process.version}
- Load average (1, 5, 15 min) before: ${loadBefore.map((x) => fmt(x, 2)).join(', ')}; after: ${loadAfter.map((x) => fmt(x, 2)).join(', ')}. Above the core count, other processes competed for the CPUs and wall-clock figures are pessimistic; the CPU-time ratio is shown as well.
${startUp ? `- Environment: this machine sets ${CERTIFICATES_VARIABLE} (${startUp.certificates}), and Node then parses that certificate bundle at every start, before any of the tool's code: \`node -e 0\` takes ${show(startUp.withMs, 1, ' ms')} of CPU with it and ${show(startUp.withoutMs, 1, ' ms')} without (this run). Every process measured here runs without it, so the figures are the tool's own; with it, each Node process's CPU time grows by the difference (the Python's does not).\n` : ''}- Datasets: ${datasets.map((d) => `${d.label}${d.skipped ? ` (skipped: ${d.skipped})` : `: ${fmt(d.mb, 1)} MB`}`).join('; ')}. Eval: ${values.cases} cases made from each (bench/realEval.mjs)${python ? '' : '; python3 not found, so the Python side is not measured'}.
- Runs: ${RUNS}; baseline, validate and stats interleaved (the order rotates), eval and Python alternating, the language server bench run ${RUNS} times${values.workers === undefined ? '' : ` (validate with TOOLCALL_WORKERS=${values.workers})`}. Figures: median (min-max); ratios are taken per round, then the median.

## Targets

| Target | Measured | Verdict |
| --- | --- | --- |
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}

## Figures

| Figure | Median (min-max) |
| --- | --- |
${figureRows.map((r) => `| ${r.join(' | ')} |`).join('\n')}
| Eval scoring, compareCalls over 100k generated cases (bundled, one thread) | ${show(sp, 0, ' pairs/s')}; per CPU second ${show(spCpu, 0)} |
| difflib sequenceRatio alone, same cases | ${show(stats(scoring.ratioPps), 0, ' pairs/s')}; per CPU second ${show(stats(scoring.cpuRatioPps), 0)} |
| dist/client.js module load with a stub \`vscode\` (not activate(): that needs VS Code) | ${activation.ms.length ? show(stats(activation.ms), 1, ' ms') + (activation.cpuMs.length ? `, CPU ${show(stats(activation.cpuMs), 1, ' ms')}` : '') : 'n/a: ' + activation.error} |
| dist/clientSession.js module load (the language client, loaded on the turn after activate() returns: in "finish activate", not in "load code"); first start, then later starts (V8 code cache) | ${activation.sessionMs.length ? show(stats(activation.sessionMs), 1, ' ms') + `, CPU ${show(stats(activation.sessionCpuMs), 1, ' ms')}` + (activation.laterMs.length ? `; later: ${show(stats(activation.laterMs), 1, ' ms')}, CPU ${show(stats(activation.laterCpuMs), 1, ' ms')}` : '; later: no cache hit') : 'n/a: ' + (activation.error ?? 'no dist/clientSession.js')} |
| .vsix (\`vsce package --no-dependencies\`) | ${vsix.bytes === null ? 'n/a: ' + vsix.skipped : fmt(vsix.bytes / 1e6, 2) + ' MB'} |
| Language server (bench/republish.mts --json; each number the median of ${server.stats ? server.stats[Object.keys(server.stats)[0]]?.n ?? 0 : 0} runs) | ${server.json ? '`' + JSON.stringify(server.json) + '`' : 'skipped: ' + server.skipped} |
`;
const notes = existsSync('bench/NOTES.md') ? '\n' + readFileSync('bench/NOTES.md', 'utf8') : '';
writeFileSync('bench/RESULTS.md', md + notes);
log(md);
