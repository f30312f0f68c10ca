// The fuzz loop: batches of edits and opens against a live server over stdio; after each batch
// the server must answer a request within a bound, finish validating, and still be running.
// While it validates, a probe keeps asking requests (ping, hover, completion, code actions):
// every answer is timed, and those over `slowMs` (issue 15: 500 ms) are counted and listed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { StdioClient, SERVER_BUNDLE } from '../lsp/stdioClient.ts';
import { Mutator } from './mutations.ts';
import { Rng } from './prng.ts';
import { describeSlowLine, slowestLine } from './triage.ts';
import { giantLine } from './giantLines.ts';
import { probeWhile, SLOW_ANSWER_MS, type TimedAnswer } from './probe.ts';

export interface FuzzOptions {
  seconds: number;
  seed: number;
  /** Bound on the answer to the liveness request. */
  answerMs?: number;
  /** Answers slower than this are counted as slow (reported, not a crash). */
  slowMs?: number;
  /** Bound on a validation (from the last edit to its status notification). */
  validateMs?: number;
  /** Where crash inputs go (test-results/). */
  outDir?: string;
  /** Stop at the first failure instead of restarting the server and going on. */
  stopOnFailure?: boolean;
  log?: (line: string) => void;
}

export interface Failure {
  kind: 'exit' | 'stderr' | 'escaped' | 'no-answer' | 'validation-timeout';
  batch: number;
  detail: string;
  file?: string;
  /** For freezes: the slowest line of the batch, re-checked in the harness's process. */
  slowLine?: string;
}

export interface FuzzReport {
  seed: number;
  seconds: number;
  batches: number;
  /** Mutations applied (edits, whole-document changes, opens, settings changes). */
  inputs: number;
  bytesSent: number;
  failures: Failure[];
  /** Errors the server caught and logged (a rule threw -> TC199): not crashes, but bugs. */
  handledErrors: string[];
  /** The slowest answer to any request (the probe's during validation, the pings before and after). */
  slowestAnswerMs: number;
  slowestAnswerBatch: number;
  slowestAnswerMethod: string;
  /** The bound for a slow answer, and how many answers exceeded it (the first 20 listed). */
  slowMs: number;
  slowAnswers: number;
  /** Each with the batch's inputs (kind and size), to tell which work held the answer. */
  slowAnswerSamples: { batch: number; method: string; ms: number; inputs: string }[];
  slowestValidationMs: number;
  answers: number;
  serverStarts: number;
  /** Exceptions in the fuzzer's own mutators (skipped inputs). */
  harnessErrors: number;
  /** Largest resident set of the server seen after a batch (Linux /proc), MB. */
  peakServerRssMb: number;
}

/** Resident set size of a process in MB (Linux), or 0 when unknown. */
function rssMb(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

interface Doc {
  uri: string;
  doc: TextDocument;
}

/** One applied input, kept for the crash report of its batch. */
interface Op {
  kind: string;
  uri?: string;
  change?: unknown;
  text?: string;
  settings?: unknown;
}

const MAX_DOC_CHARS = 12_000_000;
const MAX_FAILURE_FILES = 5;
const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}... (${s.length} chars)` : s);

export function loadSeeds(file = path.resolve('test/fixtures/threats/seed.jsonl')): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

/**
 * Copies the bundles once, so a rebuild by someone else during a long run does not change the
 * server under test. All of dist's top-level scripts: the server loads some (the tokenizer) at run time.
 */
function snapshotBundle(dir: string): string {
  const dist = path.dirname(SERVER_BUNDLE);
  for (const name of fs.readdirSync(dist)) {
    if (/\.(js|map)$/.test(name) && fs.statSync(path.join(dist, name)).isFile()) fs.copyFileSync(path.join(dist, name), path.join(dir, name === path.basename(SERVER_BUNDLE) ? 'server.js' : name));
  }
  return path.join(dir, 'server.js');
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const { seconds, seed, answerMs = 2000, slowMs = SLOW_ANSWER_MS, validateMs = 30_000, outDir = path.resolve('test-results'), stopOnFailure = false } = options;
  const log = options.log ?? (() => {});
  const rng = new Rng(seed);
  const mutator = new Mutator(rng, loadSeeds());
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'toolcall-fuzz-'));
  const bundle = snapshotBundle(work);
  const toolsFile = path.join(work, 'tools.json');
  const report: FuzzReport = {
    seed, seconds, batches: 0, inputs: 0, bytesSent: 0, failures: [], handledErrors: [],
    slowestAnswerMs: 0, slowestAnswerBatch: -1, slowestAnswerMethod: '', slowMs, slowAnswers: 0, slowAnswerSamples: [], slowestValidationMs: 0, answers: 0, serverStarts: 0, harnessErrors: 0, peakServerRssMb: 0,
  };
  const deadline = performance.now() + seconds * 1000;

  let client!: StdioClient;
  let docs: Doc[] = [];
  let version = 0;
  let docCounter = 0;
  const start = async () => {
    client = new StdioClient({ bundle, nodeArgs: [], history: false });
    report.serverStarts++;
    await client.initialize(undefined, pathToFileURL(work).href);
    docs = [];
  };
  await start();

  const newUri = () => pathToFileURL(path.join(work, `doc${docCounter++}.jsonl`)).href;
  const documentText = (): string => {
    const lines: string[] = [];
    const n = rng.weighted([[12, rng.int(1, 30)], [3, rng.int(30, 400)], [1, rng.int(1000, 20_000)]] as const);
    // Big documents repeat a few lines (as real datasets do); small ones mix everything.
    const pool = n > 400 ? Array.from({ length: 8 }, () => mutator.line()).filter((l) => l.length < 5_000) : null;
    let size = 0;
    for (let i = 0; i < n && size < MAX_DOC_CHARS; i++) {
      const line = pool && pool.length ? rng.pick(pool) : mutator.line();
      size += line.length + 1;
      lines.push(line);
    }
    const eol = rng.weighted([[8, '\n'], [2, '\r\n'], [1, '\r']] as const);
    return lines.join(eol) + (rng.bool(0.7) ? eol : '');
  };

  let batchOps: Op[] = [];
  let before = new Map<string, string>();
  const record = (op: Op) => {
    batchOps.push(op);
    report.inputs++;
    report.bytesSent += op.text?.length ?? 0;
  };

  const open = async () => {
    if (docs.length >= 3 || (docs.length > 0 && rng.bool(0.3))) {
      const old = docs.splice(rng.int(0, docs.length - 1), 1)[0]!;
      await client.close(old.uri);
      record({ kind: 'close', uri: old.uri });
    }
    const uri = newUri();
    const text = documentText();
    const doc = TextDocument.create(uri, 'jsonl', ++version, text);
    docs.push({ uri, doc });
    before.set(uri, '');
    await client.open(uri, text, version);
    record({ kind: 'open', uri, text });
  };

  /** One incremental edit (or a full-text change) of a random open document. */
  const edit = async () => {
    if (docs.length === 0) return open();
    const d = rng.pick(docs);
    if (!before.has(d.uri)) before.set(d.uri, d.doc.getText());
    const text = d.doc.getText();
    const len = text.length;
    const at = rng.int(0, len);
    const lineOf = (offset: number) => d.doc.positionAt(offset).line;
    const lineRange = (line: number) => {
      const startOffset = d.doc.offsetAt({ line, character: 0 });
      const endOffset = line + 1 < d.doc.lineCount ? d.doc.offsetAt({ line: line + 1, character: 0 }) : len;
      return [startOffset, endOffset] as const;
    };
    let change: { start: number; end: number; text: string } | { full: string };
    const kind = rng.weighted<string>([
      [6, 'flip'], [3, 'truncate'], [3, 'delete'], [3, 'duplicate'], [5, 'insert'], [6, 'replace-line'],
      [3, 'insert-lines'], [1, 'crlf'], [1, 'bom'], [1, 'full'], [1, 'giant-line'],
    ]);
    switch (kind) {
      case 'flip': {
        const n = rng.int(1, 4);
        change = { start: at, end: Math.min(len, at + n), text: mutator.byteFlip('x'.repeat(n), n) };
        break;
      }
      case 'truncate': {
        const [, lineEnd] = lineRange(lineOf(at));
        change = { start: at, end: rng.bool(0.8) ? lineEnd : len, text: '' };
        break;
      }
      case 'delete':
        change = { start: at, end: Math.min(len, at + rng.int(1, rng.bool(0.7) ? 200 : 20_000)), text: '' };
        break;
      case 'duplicate': {
        const from = rng.int(0, len);
        const span = text.slice(from, Math.min(len, from + rng.int(1, 5000)));
        change = { start: at, end: at, text: rng.bool(0.2) ? span.repeat(rng.int(2, 50)) : span };
        break;
      }
      case 'insert':
        change = { start: at, end: at, text: mutator.fragment() };
        break;
      case 'replace-line': {
        const [s, e] = lineRange(rng.int(0, d.doc.lineCount - 1));
        const keepBreak = text.slice(s, e).match(/(\r\n|\r|\n)$/)?.[0] ?? '';
        change = { start: s, end: e, text: mutator.line() + keepBreak };
        break;
      }
      case 'insert-lines': {
        const [s] = lineRange(rng.int(0, d.doc.lineCount - 1));
        const lines = Array.from({ length: rng.int(1, 20) }, () => mutator.line());
        change = { start: s, end: s, text: lines.join('\n') + '\n' };
        break;
      }
      case 'crlf': {
        // Several small edits in one didChange: line breaks switched to CRLF or a lone CR.
        const changes: { start: number; end: number; text: string }[] = [];
        let from = 0;
        for (let k = 0; k < 20; k++) {
          const i = text.indexOf('\n', from + rng.int(0, 2000));
          if (i < 0) break;
          if (text[i - 1] !== '\r') changes.push({ start: i, end: i + 1, text: rng.pick(['\r\n', '\r', '\n\r', '\r\r\n']) });
          from = i + 1;
        }
        if (changes.length === 0) changes.push({ start: at, end: at, text: '\r' });
        // LSP applies a didChange's changes in order, each against the result of the previous: go from the end.
        const lspChanges = changes.reverse().map((c) => ({ range: { start: d.doc.positionAt(c.start), end: d.doc.positionAt(c.end) }, text: c.text }));
        d.doc = TextDocument.update(d.doc, lspChanges, ++version);
        await client.change(d.uri, version, lspChanges);
        record({ kind: 'edit:crlf', uri: d.uri, change: lspChanges });
        return;
      }
      case 'giant-line': {
        // One line of 150 KB to 3 MB (threat 15): random letters and digits, base64 in a tool reply, a long uniqueItems array.
        const [s] = lineRange(rng.int(0, d.doc.lineCount - 1));
        change = { start: s, end: s, text: giantLine(rng) + '\n' };
        break;
      }
      case 'bom': {
        const [s] = lineRange(rng.bool(0.5) ? 0 : rng.int(0, d.doc.lineCount - 1));
        change = { start: s, end: s, text: '\uFEFF' };
        break;
      }
      default:
        change = { full: rng.bool(0.5) ? documentText() : mutator.byteFlip(text, rng.int(1, 50)) };
    }
    const lspChange = 'full' in change
      ? { text: change.full }
      : { range: { start: d.doc.positionAt(change.start), end: d.doc.positionAt(change.end) }, text: change.text };
    d.doc = TextDocument.update(d.doc, [lspChange], ++version);
    if (d.doc.getText().length > MAX_DOC_CHARS) {
      // Keep documents within what an editor would hold; start this one again.
      d.doc = TextDocument.create(d.uri, 'jsonl', ++version, documentText());
      await client.change(d.uri, version, [{ text: d.doc.getText() }]);
      record({ kind: 'edit:reset', uri: d.uri, text: d.doc.getText() });
      return;
    }
    await client.change(d.uri, version, [lspChange]);
    record({ kind: `edit:${kind}`, uri: d.uri, change: lspChange, text: lspChange.text });
  };

  /** Settings the client answers: junk severities and caps, a tools file with mutated declarations. */
  const settings = async () => {
    let tools: unknown = [];
    try {
      const line = JSON.parse(mutator.structuralLine()) as { tools?: unknown; functions?: unknown };
      tools = line.tools ?? line.functions ?? [];
    } catch {
      tools = '[';
    }
    const raw = rng.pick([JSON.stringify(tools), JSON.stringify({ tools }), '[', '', mutator.unicode(50), '\uFEFF' + JSON.stringify(tools)]);
    fs.writeFileSync(toolsFile, raw);
    const value = {
      toolsFile: rng.pick([toolsFile, '', 'tools.json', 'missing.json', work, 42]),
      severity: rng.pick<unknown>([{}, { TC701: 'off' }, { TC101: 'hint', tc409: 'off' }, { __proto__: 'off' }, 'x', null, { TC999: 'error' }]),
      maxDiagnostics: rng.pick<unknown>([1000, 1, 0, -5, 1e9, Number.NaN, '5', null, 3]),
      // Pathological globs too (threat 13): nested extglob quantifiers, a look-ahead RE2 refuses, 2,000 characters.
      datasets: rng.pick<unknown>([[], ['*.jsonl'], ['**/doc1*.jsonl'], ['['], 'x', [42], ['@(a*)*(a*)*(a*)*(a*)*(a*)z.jsonl', '*.jsonl'], ['!(x).jsonl', 'doc*'], ['+(+(d*)o*)*.jsonl'], ['{a,{b,', '*'], ['*'.repeat(2000)]]),
    };
    client.settings.set('*', value);
    await client.configurationChanged();
    record({ kind: 'settings', settings: value, text: raw });
  };

  const failure = (kind: Failure['kind'], detail: string) => {
    // A freeze: find the line that costs the most to check (the minimized input).
    const slow = kind === 'no-answer' || kind === 'validation-timeout'
      ? slowestLine([...before.values(), ...batchOps.map((o) => o.text ?? '')])
      : undefined;
    if (slow) detail += `; slowest line of the batch: ${describeSlowLine(slow)}`;
    const f: Failure = { kind, batch: report.batches, detail: clip(detail, 4000), slowLine: slow && describeSlowLine(slow) };
    report.failures.push(f);
    log(`FAILURE ${kind} at batch ${report.batches}: ${clip(detail, 500)}`);
    // The inputs of the first few failures are written; later ones are counted (they are usually the same bug).
    if (report.failures.length > MAX_FAILURE_FILES) return;
    fs.mkdirSync(outDir, { recursive: true });
    const n = report.failures.length;
    const file = path.join(outDir, `fuzz-crash-${seed}${n > 1 ? `-${n}` : ''}.jsonl`);
    // The .jsonl is the last edited document as it stood after the batch: open it to replay.
    const last = [...batchOps].reverse().find((o) => o.uri && docs.some((d) => d.uri === o.uri));
    const doc = docs.find((d) => d.uri === last?.uri) ?? docs[docs.length - 1];
    fs.writeFileSync(file, doc?.doc.getText() ?? '');
    // The .json beside it has the batch: documents before it and every change, for an exact replay.
    fs.writeFileSync(file.replace(/\.jsonl$/, '.json'), JSON.stringify({ seed, failure: f, before: Object.fromEntries(before), ops: batchOps }, null, 1));
    // The minimized input: that one line after a valid first line (so the file is a dataset).
    if (slow) fs.writeFileSync(file.replace(/\.jsonl$/, '.min.jsonl'), `{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"ok"}]}\n${slow.line}\n`);
    f.file = path.relative(process.cwd(), file);
    log(`  input written to ${f.file} (replay: node --import tsx test/fuzz/replay.ts ${f.file.replace(/\.jsonl$/, '.json')})`);
  };

  const checkServer = async (): Promise<boolean> => {
    // 1. While the batch is being validated, the server must answer.
    const during = await client.ping(answerMs);
    noteAnswer({ method: 'toolcall/ping', ...during });
    if (!during.answered && client.alive) failure('no-answer', `no answer to a request within ${answerMs} ms while validating (${during.error})`);
    // 2. The validation of every document finishes; meanwhile the probe times request after request.
    const t0 = performance.now();
    let validating = true;
    let probes = 0;
    const probing = probeWhile(client, () => !validating, () => probeTarget(probes++), { timeoutMs: answerMs });
    let finished = true;
    for (const d of docs) {
      if (!(await client.validated(d.uri, d.doc.version, validateMs)) && client.alive) {
        failure('validation-timeout', `validation of ${d.uri} v${d.doc.version} (${d.doc.getText().length} chars, ${d.doc.lineCount} lines) did not finish within ${validateMs} ms`);
        finished = false;
        break;
      }
    }
    validating = false;
    for (const answer of await probing) {
      noteAnswer(answer);
      if (!answer.answered && client.alive) failure('no-answer', `no answer to ${answer.method} within ${answerMs} ms while validating (${answer.error})`);
    }
    if (!finished) return false;
    report.slowestValidationMs = Math.max(report.slowestValidationMs, performance.now() - t0);
    // 3. And afterwards it still answers, and is still running.
    const after = await client.ping(answerMs);
    noteAnswer({ method: 'toolcall/ping', ...after });
    if (!client.alive) {
      failure('exit', `server exited (code ${client.exit?.code}, signal ${client.exit?.signal}); stderr:\n${client.stderr}`);
      return false;
    }
    if (!after.answered) {
      failure('no-answer', `no answer to a request within ${answerMs} ms (${after.error})`);
      return false;
    }
    const stack = client.stderrStack;
    if (stack) {
      failure('stderr', stack);
      return false;
    }
    if (client.escaped.length > 0) {
      failure('escaped', client.escaped.splice(0).join('\n---\n'));
      return true; // logged, the server goes on
    }
    return true;
  };
  const noteAnswer = ({ method, ms, answered }: TimedAnswer) => {
    if (!answered) return;
    report.answers++;
    if (ms > report.slowestAnswerMs) {
      report.slowestAnswerMs = ms;
      report.slowestAnswerBatch = report.batches;
      report.slowestAnswerMethod = method;
    }
    if (ms > slowMs) {
      report.slowAnswers++;
      const inputs = batchOps.map((o) => `${o.kind}${o.text ? ` ${Math.ceil(o.text.length / 1000)} KB` : ''}`).join(', ');
      if (report.slowAnswerSamples.length < 20) report.slowAnswerSamples.push({ batch: report.batches, method, ms: Math.round(ms), inputs });
      log(`slow answer at batch ${report.batches}: ${method} ${ms.toFixed(0)} ms (bound ${slowMs} ms); the batch: ${inputs}`);
    }
  };
  // The probe's requests go to the open documents in turn, at lines spread over each (no draw
  // from the fuzz's random stream: the inputs of a seed stay the same whatever the timings).
  const probeTarget = (k: number) => {
    if (docs.length === 0) return undefined;
    const d = docs[k % docs.length]!;
    return { uri: d.uri, line: (k * 7919) % d.doc.lineCount };
  };

  try {
    while (performance.now() < deadline) {
      batchOps = [];
      before = new Map();
      const size = rng.int(1, 8);
      for (let i = 0; i < size; i++) {
        const op = rng.weighted<() => Promise<void>>([
          [2, open],
          [20, edit],
          [1, settings],
        ]);
        try {
          await op();
        } catch (error) {
          // A bug of the fuzzer itself (a mutator threw): not the server's, but say so.
          report.harnessErrors++;
          log(`harness error (skipped): ${clip((error as Error)?.stack ?? String(error), 800)}`);
        }
      }
      const ok = await checkServer();
      report.peakServerRssMb = Math.max(report.peakServerRssMb, rssMb(client.child.pid));
      for (const e of client.handledErrors.splice(0)) if (report.handledErrors.length < 50) report.handledErrors.push(clip(e, 2000));
      report.batches++;
      if (report.batches % 25 === 0) {
        log(`batch ${report.batches}: inputs ${report.inputs}, ${(report.bytesSent / 1e6).toFixed(1)} MB sent, slowest answer ${report.slowestAnswerMs.toFixed(0)} ms, slowest validation ${report.slowestValidationMs.toFixed(0)} ms, server RSS peak ${report.peakServerRssMb} MB, failures ${report.failures.length}`);
      }
      if (!ok) {
        if (stopOnFailure) break;
        // Restart and go on: the report lists every failure of the run.
        await client.stop().catch(() => {});
        if (client.alive) client.child.kill('SIGKILL');
        await start();
      }
      if (stopOnFailure && report.failures.length > 0) break;
    }
  } finally {
    await client.stop().catch(() => {});
    fs.rmSync(work, { recursive: true, force: true });
  }
  return report;
}
