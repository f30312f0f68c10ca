// The case study, scripted: GPT-4o vs a base 7B vs the same 7B fine-tuned on the 3-tool
// training set, asked every case of examples/agent-eval.jsonl through the real `openai` SDK
// against the local OpenAI-compatible test server. The three "models" are scripts (below) that
// answer the way such models typically do; nothing here is a measurement of a real model.
//
//   node --import tsx examples/open-model/caseStudy.ts [--out FILE]
//
// - frontier (gpt-4o): right tools and arguments, but writes emails in its own words and calls
//   search on a question it should answer itself.
// - base 7B: served by vLLM without a tool parser, so calls come as <tool_call> text in the
//   content (read with parseContentCalls: 'hermes'); leaves out optional arguments, skips the
//   second step of multi-step tasks, and drafts emails without a body.
// - fine-tuned 7B: served with a tool parser that sends arguments as JSON objects and no call
//   ids (normalised and noted per case); answers as the training data does, except one email.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractCases, type EvalCase } from '../../core/eval/cases.ts';
import { runModel } from '../../core/eval/runner.ts';
import { costOf, DEFAULT_PRICES } from '../../core/eval/pricing.ts';
import { modelResults, stringifyResults, upsertModel, type ResultsFile } from '../../core/eval/results.ts';
import { toConfidenceText, toTextTable } from '../../core/eval/resultsExport.ts';
import { createOpenAI } from '../../core/openai/client.ts';
import { startOpenAIServer, type ChatRequest, type ScriptedReply } from '../../test/openai-server/index.ts';
import { caseOfRequest } from '../../test/helpers/evalCases.ts';

export const MODELS = {
  frontier: 'gpt-4o',
  base: 'qwen2.5-7b-instruct',
  tuned: 'qwen2.5-7b-instruct-toolcall-ft',
} as const;

/**
 * USD per 1M tokens. GPT-4o at its list price (core/eval/pricing.ts); the 7B models at an
 * assumed self-hosting price (one rented GPU serving about 1,500 tokens a second at $1 an hour,
 * about $0.19 per 1M tokens): change these to your own numbers.
 */
export const CASE_STUDY_PRICES = {
  [MODELS.frontier]: { input: DEFAULT_PRICES['gpt-4o']!.input, output: DEFAULT_PRICES['gpt-4o']!.output },
  [MODELS.base]: { input: 0.19, output: 0.19 },
  [MODELS.tuned]: { input: 0.19, output: 0.19 },
};

/** Scripted latency in ms per model (the server waits this long before answering). */
const LATENCY_MS = { [MODELS.frontier]: 450, [MODELS.base]: 120, [MODELS.tuned]: 110 };

const EVAL_SET = path.join(__dirname, '..', 'agent-eval.jsonl');

type Call = { name: string; arguments: string };
const withArgs = (call: Call, change: (args: Record<string, unknown>) => Record<string, unknown>): Call => ({ name: call.name, arguments: JSON.stringify(change(JSON.parse(call.arguments))) });
const reworded = (args: Record<string, unknown>) => ({ ...args, body: String(args['body']).replace(/^Hi /, 'Hello ').replace(/Thanks/g, 'Thank you') });

function frontier(c: EvalCase): ScriptedReply {
  if (c.expected.length === 0) return c.line === 19 ? { tool_calls: [{ name: 'search', arguments: '{"query":"how to write a polite payment reminder"}' }] } : { content: 'Here you go.' };
  return { tool_calls: c.expected.map((call) => (call.name === 'send_email' ? withArgs(call, reworded) : call)) };
}

function base(c: EvalCase): ScriptedReply {
  if (c.expected.length === 0) return { content: 'Here you go.' };
  if (c.category === 'multi-step' && c.turn > 2) return { content: 'Done. Anything else?' };
  const calls = c.expected.slice(0, 1).map((call) =>
    withArgs(call, (args) => {
      const { max_results: _m, recency: _r, precision: _p, body: _b, cc: _c, ...rest } = args;
      return rest;
    }),
  );
  return { tool_calls: calls };
}

function tuned(c: EvalCase): ScriptedReply {
  if (c.expected.length === 0) return { content: 'Here you go.' };
  return { tool_calls: c.expected.map((call) => (c.line === 17 ? withArgs(call, reworded) : call)) };
}

/** Runs the three models and returns the results file and its text table with confidence intervals. */
export async function runCaseStudy(options: { latency?: boolean } = {}): Promise<{ file: ResultsFile; table: string }> {
  const { cases } = extractCases(readFileSync(EVAL_SET, 'utf8'));
  const server = await startOpenAIServer({ tickMs: 0 });
  try {
    const caseOf = (request: ChatRequest) => caseOfRequest(cases, request);
    const latency = (model: string) => (options.latency === false ? 0 : LATENCY_MS[model as keyof typeof LATENCY_MS]);
    server.script.set(MODELS.frontier, (r) => frontier(caseOf(r)), { latencyMs: latency(MODELS.frontier) });
    server.script.set(MODELS.base, (r) => base(caseOf(r)), { latencyMs: latency(MODELS.base), dialect: { callsInContent: 'hermes' } });
    server.script.set(MODELS.tuned, (r) => tuned(caseOf(r)), { latencyMs: latency(MODELS.tuned), dialect: { argumentsAsObject: true, omitIds: true } });

    const openai = createOpenAI({ apiKey: 'sk-test-case-study', baseURL: server.url, maxRetries: 0, logLevel: 'off' });
    let file: ResultsFile = { version: 1, dataset: '../agent-eval.jsonl', createdAt: new Date().toISOString(), config: { temperature: 0, concurrency: 4, autojunk: true }, models: [] };
    for (const model of Object.values(MODELS)) {
      const run = await runModel({ openai, model, baseURL: server.url, cases, concurrency: 4, ...(model === MODELS.base ? { parseContentCalls: 'hermes' as const } : {}) });
      // Priced with the table above (the local server itself is free).
      const rates = { ...CASE_STUDY_PRICES[model], source: 'case study' };
      const priced = run.results.cases.map((r) => ({ ...r, costUsd: r.usage ? costOf(r.usage, rates) : null }));
      file = upsertModel(file, modelResults(model, `${server.url} (scripted)`, priced));
    }
    // The table, then the 95% intervals and the paired comparisons of the evaluation (core/eval/confidence.ts).
    return { file, table: `${toTextTable(file)}\n${toConfidenceText(file)}` };
  } finally {
    await server.close();
  }
}

if (require.main === module) {
  const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1]! : path.join(__dirname, 'out', 'case-study.toolcall-eval.json');
  void runCaseStudy().then(({ file, table }) => {
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, stringifyResults(file));
    process.stdout.write(`${table}\nResults: ${path.relative(process.cwd(), out)} (open it in VS Code for the side-by-side viewer)\n`);
  });
}
