// Language-server figures over stdio (the server bundle), for issues 3 and 9 and threat 11:
//   1. a 50 MB generated dataset (bench/generate.mjs, seeded): didOpen -> full diagnostics,
//      cheap requests (toolcall/ping; hover when the server has it) answered while it validates,
//      server RSS after open vs document size, then 50 single-line edits;
//   2. the 100k-line document of issue 3: the same, and 50 single-line edits.
// Republish = didChange -> the diagnostics of that version settled in the client: its
// publishDiagnostics, or, when the server publishes none because the client already holds that
// list (server/publishedDiagnostics.ts), its toolcall/status; reported raw and minus the
// debounce (single-line edits wait min(toolcall.debounceMs, SMALL_EDIT_DEBOUNCE_MS)), with how
// many edits were published (republishSentEdits). Three sets of edits: spread over the file (the
// republish* keys, the same lines every round), on lines with published diagnostics
// (republishShownLines*), and typing ten letters in a row on five lines (republishTyping*).
// The fixed costs of decoding + JSON-parsing the didOpen message (the server's) and of
// stringifying + encoding it (the client's, before the server sees a byte) are measured on their own.
// The server's own CPU time (from /proc) is reported beside the wall times: on a loaded
// machine it says what the server worked (fullDiagnosticsServerCpuMs, republishServerCpuMsPerEdit).
// Run: node scripts/build.mjs server && node --import tsx bench/republish.mts [--edits 50] [--mb 50] [--lines 100000] [--only gen|lines|file] [--debounce MS]
// --json: also print the figures as one JSON line at the end (for bench/run.mjs). --file F --key K: also F.
// --transport ipc: the server over Node's IPC channel, as VS Code's client started it until round 6 (TransportKind.ipc).
// TOOLCALL_SERVER_WORKERS=1 measures the server with its worker-thread first check.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SETTINGS, SMALL_EDIT_DEBOUNCE_MS } from '../core/protocol.ts';
import { StdioClient } from '../test/lsp/stdioClient.ts';

const { values } = parseArgs({ options: { edits: { type: 'string', default: '50' }, mb: { type: 'string', default: '50' }, lines: { type: 'string', default: '100000' }, only: { type: 'string' }, json: { type: 'boolean', default: false }, file: { type: 'string' }, key: { type: 'string', default: 'file' }, debounce: { type: 'string' }, transport: { type: 'string', default: 'stdio' } } });
/** With --json the last stdout line is one flat object of the figures (bench/run.mjs reads it). */
const figures: Record<string, number> = {};
const EDITS = Number(values.edits);
// BENCH_DEBOUNCE_MS: the debounce of the server under test when it is not this one (150 before the change).
// --debounce N: the server under test is told toolcall.debounceMs = N (a one-line edit then waits min(N, SMALL_EDIT_DEBOUNCE_MS)).
const DEBOUNCE = Number(process.env.BENCH_DEBOUNCE_MS ?? Math.min(Number(values.debounce ?? DEFAULT_SETTINGS.debounceMs), SMALL_EDIT_DEBOUNCE_MS));

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const stats = (xs: number[]) => {
  if (xs.length === 0) return 'none';
  const s = [...xs].sort((a, b) => a - b);
  return `n=${s.length} p50 ${ms(quantile(s, 0.5))}  p95 ${ms(quantile(s, 0.95))}  max ${ms(s.at(-1)!)}`;
};

/** The generator's dataset, about `megabytes` MB (about 1,227 bytes per example at seed 1): its path. */
function generated(megabytes: number): string {
  const examples = Math.round((megabytes * 1_000_000) / 1227);
  const file = path.resolve(`bench/data/generated-${examples}.jsonl`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    execFileSync(process.execPath, ['bench/generate.mjs', file, '--examples', String(examples), '--seed', '1'], { stdio: 'ignore' });
  }
  return file;
}

/** Issue 3's document: `count` lines of one weather example, every 997th with a bad argument; its path. */
function weatherLines(count: number): string {
  const file = path.resolve(`bench/data/weather-${count}.jsonl`);
  if (fs.existsSync(file)) return file;
  const tools = [
    { type: 'function', function: { name: 'get_weather', description: 'Weather.', parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } }, required: ['city'], additionalProperties: false } } },
    { type: 'function', function: { name: 'search', description: 'Search.', parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } } },
  ];
  const example = (i: number) =>
    JSON.stringify({
      messages: [
        { role: 'user', content: `Weather in city ${i}?` },
        { role: 'assistant', tool_calls: [{ id: `call_${i}`, type: 'function', function: { name: 'get_weather', arguments: JSON.stringify(i % 997 === 0 ? { town: 'x' } : { city: `C${i}`, days: 1 + (i % 5) }) } }] },
        { role: 'tool', tool_call_id: `call_${i}`, content: '{"temp": 20}' },
        { role: 'assistant', content: `It is 20 degrees in C${i}.` },
      ],
      tools,
    });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Array.from({ length: count }, (_, i) => example(i)).join('\n') + '\n');
  return file;
}

function rssOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(/(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '')?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS:'), peak: kb('VmHWM:') };
}

/** CPU time (user + system) the process `pid` has used so far, in ms: what the server worked, whatever the machine's load. */
function cpuMsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat (12 and 13 after the command name), in clock ticks (100 per second on Linux).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** CPU time (user + system) of the process's main thread so far, in ms (the rest of the process's CPU is its worker and GC helper threads). */
function mainThreadCpuMsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** CPU time (ms) of each thread of the process `pid` so far, by thread id (threads that ended are gone). */
function threadCpuMsOf(pid: number): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpu.set(Number(tid), ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return cpu;
}

/** The fixed cost every server pays for a didOpen: UTF-8 decoding and JSON.parse of the message (best of 3, in this process). */
function didOpenParseCost(uri: string, text: string): number {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'jsonl', version: 1, text } } }), 'utf8');
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    JSON.parse(body.toString('utf8'));
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/**
 * The client's fixed cost before the server sees a byte of a didOpen: JSON.stringify of the
 * message and its UTF-8 encoding, as vscode-jsonrpc's writer (the bench's and VS Code's client)
 * does before it writes (best of 3, in this process). Part of fullDiagnosticsMs on any server.
 */
function didOpenEncodeCost(uri: string, text: string): number {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'jsonl', version: 1, text } } }), 'utf8');
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** Where the first user message's text starts (else the first content's). */
function contentStart(lineText: string): number {
  const anchor = lineText.indexOf('"role":"user","content":"');
  return anchor === -1 ? lineText.indexOf('"content":"') + 11 : anchor + 25;
}

/** A single-line edit of `line` that keeps it valid: a letter inserted into (or removed from) the first user message. */
function editOf(lineText: string, line: number, k: number) {
  const at = contentStart(lineText);
  return k % 2 === 0
    ? { range: { start: { line, character: at }, end: { line, character: at } }, text: 'x' }
    : { range: { start: { line, character: at }, end: { line, character: at + 1 } }, text: '' };
}

// The document is opened under its own file's uri, as an editor opens a file: the server reads the
// file's bytes for TC108 (server/diskEncoding.ts) as it does in VS Code.
async function run(file: string, key: string): Promise<void> {
  const name = path.basename(file);
  const text = fs.readFileSync(file, 'utf8');
  const record = (figure: string, value: number) => (figures[`${key}.${figure}`] = Math.round(value * 10) / 10);
  const lines = text.split('\n');
  const bytes = Buffer.byteLength(text);
  console.log(`\n== ${name}: ${lines.length - 1} lines, ${mb(bytes)}`);
  const parse = didOpenParseCost('file:///bench.jsonl', text);
  console.log(`didOpen message decode + JSON.parse (fixed cost, in this process): ${ms(parse)}`);
  const encode = didOpenEncodeCost('file:///bench.jsonl', text);
  console.log(`didOpen message JSON.stringify + UTF-8 encoding (the client's, before its first byte, in this process): ${ms(encode)}`);
  record('MB', bytes / 1024 / 1024);
  record('didOpenParseMs', parse);
  record('didOpenEncodeMs', encode);

  const client = new StdioClient({ transport: values.transport === 'ipc' ? 'ipc' : 'stdio' });
  if (values.debounce !== undefined) client.settings.set('*', { debounceMs: Number(values.debounce) });
  const init = await client.initialize();
  const hover = Boolean(init?.capabilities?.hoverProvider);
  const uri = pathToFileURL(file).href;
  const idle = rssOf(client.child.pid!).rss;
  const cpuBeforeOpen = cpuMsOf(client.child.pid!);
  const mainCpuBeforeOpen = mainThreadCpuMsOf(client.child.pid!);

  const t0 = performance.now();
  await client.open(uri, text, 1);
  const written = performance.now() - t0;
  // Cheap requests every 50 ms until the full diagnostics arrive: the first answer waits for the
  // server to read and parse didOpen; the later ones show how responsive it stays while validating.
  let done = false;
  const pings: { sent: number; latency: number }[] = [];
  const hovers: number[] = [];
  // The other threads' CPU during the check, sampled with each ping (a worker that ends is last seen up to 50 ms before).
  const threadsBefore = threadCpuMsOf(client.child.pid!);
  const threadsSeen = new Map<number, number>();
  const sampleThreads = () => {
    for (const [tid, cpu] of threadCpuMsOf(client.child.pid!)) if (tid !== client.child.pid) threadsSeen.set(tid, cpu - (threadsBefore.get(tid) ?? 0));
  };
  const prober = (async () => {
    while (!done) {
      sampleThreads();
      const sent = performance.now();
      // An older server without toolcall/ping answers MethodNotFound just as promptly.
      await client.connection.sendRequest('toolcall/ping').catch(() => undefined);
      pings.push({ sent: sent - t0, latency: performance.now() - sent });
      if (hover && !done) {
        const h = performance.now();
        await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 20 } }).catch(() => undefined);
        hovers.push(performance.now() - h);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  // A loaded machine can take minutes over 50 MB: the bench waits, and reports what it took.
  const published = await client.diagnosticsFor(uri, 1, 0, 600_000);
  const full = performance.now() - t0;
  const fullCpu = cpuMsOf(client.child.pid!) - cpuBeforeOpen;
  const fullMainCpu = mainThreadCpuMsOf(client.child.pid!) - mainCpuBeforeOpen;
  sampleThreads();
  const busiestOther = Math.max(0, ...threadsSeen.values());
  done = true;
  await prober;
  const firstAnswer = pings[0]!.sent + pings[0]!.latency;
  const during = pings.slice(1).map((p) => p.latency);
  const mem = rssOf(client.child.pid!);
  const inside = ((await client.connection.sendRequest('toolcall/ping').catch(() => undefined)) as { memory?: Record<string, number> } | undefined)?.memory;
  console.log(`didOpen written by the client in ${ms(written)}; first ping answered ${ms(firstAnswer)} after didOpen (server read + parsed the message)`);
  console.log(`didOpen -> full diagnostics (${published.diagnostics.length} published): ${ms(full)}; minus the first-ping time: ${ms(full - firstAnswer)}; server CPU ${ms(fullCpu)} (pings and hovers included): main thread ${ms(fullMainCpu)}, other threads (check worker, long-line worker, GC helpers) ${ms(fullCpu - fullMainCpu)}, the busiest of them ${ms(busiestOther)}`);
  console.log(`toolcall/ping during validation: ${stats(during)}${hover ? `; hover: ${stats(hovers)}` : ' (no hover provider yet)'}`);
  const sortedPings = [...during].sort((a, b) => a - b);
  record('fullDiagnosticsMs', full);
  record('fullDiagnosticsServerCpuMs', fullCpu);
  record('fullDiagnosticsMainThreadCpuMs', fullMainCpu);
  record('fullDiagnosticsBusiestOtherThreadCpuMs', busiestOther);
  record('firstAnswerMs', firstAnswer);
  if (sortedPings.length) {
    record('pingDuringCheckP50Ms', quantile(sortedPings, 0.5));
    record('pingDuringCheckP95Ms', quantile(sortedPings, 0.95));
    record('pingDuringCheckMaxMs', sortedPings.at(-1)!);
  }
  record('rssAfterOpenRatio', mem.rss / bytes);
  record('rssPeakRatio', mem.peak / bytes);
  console.log(`server RSS: idle ${mb(idle)}, after open ${mb(mem.rss)} (${(mem.rss / bytes).toFixed(2)}x the document), peak ${mb(mem.peak)} (${(mem.peak / bytes).toFixed(2)}x)${inside ? `; V8 heap used ${mb(inside.heapUsed!)}, external ${mb(inside.external!)}` : ''}`);

  // 1. Edits spread over the file (the same lines every round).
  let version = 1;
  const spread = await editRun(client, uri, lines, Array.from({ length: EDITS }, (_, k) => Math.floor(((Math.floor(k / 2) + 1) * (lines.length - 1)) / (Math.ceil(EDITS / 2) + 1))), version);
  version += EDITS;
  const sorted = spread.times;
  const minus = sorted.map((t) => t - DEBOUNCE);
  console.log(`didChange -> diagnostics of that version settled in the client, over ${EDITS} single-line edits spread over the file (debounce ${DEBOUNCE} ms):`);
  console.log(`  ${spread.sent} republished; ${EDITS - spread.sent} left the published list as the client holds it (edited below its last line, the same list: the status of the version is the answer)`);
  console.log(`  raw          p50 ${ms(quantile(sorted, 0.5))}  p95 ${ms(quantile(sorted, 0.95))}  min ${ms(sorted[0]!)}  max ${ms(sorted.at(-1)!)}`);
  console.log(`  minus debounce p50 ${ms(quantile(minus, 0.5))}  p95 ${ms(quantile(minus, 0.95))}`);
  console.log(`  server CPU per edit (apply, check, publish): ${ms(spread.cpuPerEdit)}`);
  record('republishP50Ms', quantile(sorted, 0.5));
  record('republishP95Ms', quantile(sorted, 0.95));
  record('republishP50MinusDebounceMs', quantile(minus, 0.5));
  record('republishP95MinusDebounceMs', quantile(minus, 0.95));
  record('debounceMs', DEBOUNCE);
  record('republishServerCpuMsPerEdit', spread.cpuPerEdit);
  record('republishSentEdits', spread.sent);

  // 2. Edits of lines with published diagnostics: each is published (the list changes, or the edit may have moved what the client shows).
  const shownLines = [...new Set(published.diagnostics.filter((d) => d.code !== 'TC704').map((d) => d.range.start.line))];
  if (shownLines.length > 0) {
    const onShown = Array.from({ length: EDITS }, (_, k) => shownLines[Math.floor((Math.floor(k / 2) * shownLines.length) / Math.ceil(EDITS / 2))]!);
    const changed = await editRun(client, uri, lines, onShown, version);
    version += EDITS;
    console.log(`the same over ${EDITS} edits of lines with published diagnostics (${changed.sent} republished):`);
    console.log(`  raw          p50 ${ms(quantile(changed.times, 0.5))}  p95 ${ms(quantile(changed.times, 0.95))}  min ${ms(changed.times[0]!)}  max ${ms(changed.times.at(-1)!)}`);
    console.log(`  server CPU per edit (apply, check, publish): ${ms(changed.cpuPerEdit)}`);
    record('republishShownLinesP50Ms', quantile(changed.times, 0.5));
    record('republishShownLinesP95Ms', quantile(changed.times, 0.95));
    record('republishShownLinesServerCpuMsPerEdit', changed.cpuPerEdit);
    record('republishShownLinesSentEdits', changed.sent);
  }
  // 3. Typing: ten letters in a row into the first message of each of five lines spread over the file.
  const typed = Array.from({ length: 5 }, (_, j) => Math.floor(((j + 1) * (lines.length - 1)) / 6));
  const typing = await editRun(client, uri, lines, typed.flatMap((l) => Array(10).fill(l)), version, (text, line, k) => {
    const at = contentStart(text) + (k % 10);
    return { range: { start: { line, character: at }, end: { line, character: at } }, text: 'abcdefghij'[k % 10]! };
  });
  version += typed.length * 10;
  console.log(`typing, 10 letters in a row on each of 5 lines (${typing.sent} of ${typing.times.length} republished):`);
  console.log(`  raw          p50 ${ms(quantile(typing.times, 0.5))}  p95 ${ms(quantile(typing.times, 0.95))}  server CPU per keystroke ${ms(typing.cpuPerEdit)}`);
  record('republishTypingP50Ms', quantile(typing.times, 0.5));
  record('republishTypingP95Ms', quantile(typing.times, 0.95));
  record('republishTypingServerCpuMsPerEdit', typing.cpuPerEdit);
  record('republishTypingSentEdits', typing.sent);
  const after = rssOf(client.child.pid!).rss;
  console.log(`server RSS after the edits: ${mb(after)}`);
  record('rssAfterEditsRatio', after / bytes);
  await client.stop();
}

/**
 * One single-line edit of each of `editLines` (an insertion, then its undo on the same line),
 * each timed from didChange to its diagnostics settled in the client: the publish of that
 * version, or, when the server publishes none (the client already holds that list), the status
 * of that version, which the server sends after any publish. `times` is sorted.
 */
async function editRun(client: StdioClient, uri: string, lines: string[], editLines: number[], lastVersion: number, edit = editOf) {
  const times: number[] = [];
  let sent = 0;
  const cpuBefore = cpuMsOf(client.child.pid!);
  for (let k = 0; k < editLines.length; k++) {
    const version = lastVersion + k + 1;
    const line = editLines[k]!;
    const from = client.diagnostics.length;
    const publishedNow = () => client.diagnostics.slice(from).some((d) => d.uri === uri && d.version === version);
    const t = performance.now();
    await client.change(uri, version, [edit(lines[line]!, line, k)]);
    await client.waitFor(() => publishedNow() || (client.statusVersion.get(uri) ?? -1) >= version, `diagnostics of ${uri} v${version}`, 120_000);
    times.push(performance.now() - t);
    if (publishedNow()) sent++;
  }
  return { times: times.sort((a, b) => a - b), sent, cpuPerEdit: (cpuMsOf(client.child.pid!) - cpuBefore) / editLines.length };
}

if (values.only === undefined || values.only === 'gen') await run(generated(Number(values.mb)), `generated${values.mb}MB`);
if (values.only === undefined || values.only === 'lines') await run(weatherLines(Number(values.lines)), `weather${values.lines}`);
// --file F [--key K]: the same figures on any dataset file (bench/run.mjs passes the real-data one).
if (values.file) await run(path.resolve(values.file), values.key);
if (values.json) console.log(JSON.stringify(figures));
