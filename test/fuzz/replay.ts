// Replays a fuzz failure: node --import tsx test/fuzz/replay.ts test-results/fuzz-crash-<seed>.json
// Opens the documents as they were before the failing batch, waits for their validation, then
// sends the batch's changes while pinging every 20 ms, and prints the longest stall.
import * as fs from 'node:fs';
import { StdioClient } from '../lsp/stdioClient.ts';

interface Recorded {
  before: Record<string, string>;
  ops: { kind: string; uri?: string; change?: unknown; text?: string; settings?: unknown }[];
}

export interface ReplayResult {
  alive: boolean;
  longestStallMs: number;
  validatedMs: number;
  /** Documents whose last version was never validated (no status within 60 s). */
  unfinished: string[];
  stderr: string;
  escaped: string[];
  handledErrors: string[];
}

export async function replay(recorded: Recorded, bundle?: string, nodeArgs: string[] = []): Promise<ReplayResult> {
  const client = new StdioClient({ bundle, nodeArgs, history: false });
  await client.initialize(undefined, null);
  let version = 1;
  const versions = new Map<string, number>();
  for (const [uri, text] of Object.entries(recorded.before)) {
    if (text === '') continue; // opened by the batch itself
    versions.set(uri, version);
    await client.open(uri, text, version++);
    await client.validated(uri, version - 1, 60_000);
  }
  let longest = 0;
  let pinging = true;
  const pinger = (async () => {
    while (pinging && client.alive) {
      const p = await client.ping(60_000);
      longest = Math.max(longest, p.ms);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const t0 = performance.now();
  for (const op of recorded.ops) {
    if (op.kind === 'open') {
      versions.set(op.uri!, version);
      await client.open(op.uri!, op.text!, version++);
    } else if (op.kind === 'close') {
      await client.close(op.uri!);
      versions.delete(op.uri!);
    } else if (op.kind === 'settings') {
      client.settings.set('*', op.settings);
      await client.configurationChanged();
    } else if (op.uri) {
      const change = op.kind === 'edit:reset' ? [{ text: op.text }] : Array.isArray(op.change) ? op.change : [op.change];
      versions.set(op.uri, version);
      await client.change(op.uri, version++, change);
    }
  }
  const unfinished: string[] = [];
  for (const [uri, v] of versions) {
    if (!(await client.validated(uri, v, 60_000))) unfinished.push(`${uri}: sent v${v}, last status v${client.statusVersion.get(uri) ?? '-'}, last diagnostics v${client.lastDiagnostics.get(uri)?.version ?? '-'}`);
  }
  const validatedMs = performance.now() - t0;
  pinging = false;
  await pinger;
  const result = { alive: client.alive, longestStallMs: longest, validatedMs, unfinished, stderr: client.stderr, escaped: client.escaped, handledErrors: client.handledErrors };
  await client.stop();
  return result;
}

if (process.argv[1]?.endsWith('replay.ts')) {
  const file = process.argv[2];
  if (!file) {
    console.error('Usage: node --import tsx test/fuzz/replay.ts test-results/fuzz-crash-<seed>.json');
    process.exit(2);
  }
  replay(JSON.parse(fs.readFileSync(file, 'utf8')) as Recorded, undefined, process.env.REPLAY_NODE_ARGS?.split(' ') ?? []).then((r) => {
    console.log(`alive ${r.alive}, longest stall ${r.longestStallMs.toFixed(0)} ms, validated after ${r.validatedMs.toFixed(0)} ms`);
    for (const u of r.unfinished) console.log(`never validated: ${u}`);
    for (const e of r.handledErrors) console.log(`server logged: ${e.slice(0, 1500)}`);
    if (r.stderr) console.log(r.stderr);
    for (const e of r.escaped) console.log(e);
  });
}
