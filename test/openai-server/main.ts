// Demo entry: `node --import tsx test/openai-server/main.ts --port 8765 [--tick-ms 1000]
// [--training-ticks 5] [--min-examples 10] [--key sk-demo ...] [--script rules.json]`.
// rules.json: { "<model>": [ { "match": "exact text" | { "regex": "..." }, "reply": "text" | { "content", "tool_calls" } } ] }
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startOpenAIServer, type ChatRule, type OpenAIServerOptions } from './index.ts';

interface RuleFile {
  [model: string]: { match: string | { regex: string; flags?: string }; reply: ChatRule['reply'] }[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8765' },
      'tick-ms': { type: 'string' },
      'training-ticks': { type: 'string' },
      'min-examples': { type: 'string' },
      key: { type: 'string', multiple: true },
      script: { type: 'string' },
    },
  });
  const options: OpenAIServerOptions = { port: Number(values.port) };
  if (values['tick-ms'] !== undefined) options.tickMs = Number(values['tick-ms']);
  if (values['training-ticks'] !== undefined) options.trainingTicks = Number(values['training-ticks']);
  if (values['min-examples'] !== undefined) options.minExamples = Number(values['min-examples']);
  if (values.key?.length) options.apiKeys = values.key;

  const server = await startOpenAIServer(options);
  if (values.script) {
    const rules = JSON.parse(readFileSync(values.script, 'utf8')) as RuleFile;
    for (const [model, list] of Object.entries(rules)) {
      server.script.set(
        model,
        list.map((r) => ({ match: typeof r.match === 'string' ? r.match : new RegExp(r.match.regex, r.match.flags), reply: r.reply })),
      );
    }
  }
  // Keys are never printed: only the rule for which keys are accepted.
  console.log(`OpenAI-compatible test server at ${server.url}`);
  console.log(values.key?.length ? `accepting ${values.key.length} configured key(s)` : 'accepting any key that starts with sk-test');
  if (server.script.models().length) console.log(`scripted chat models: ${server.script.models().join(', ')}`);

  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // The job clock's timer is unref'd; keep the process alive until a signal arrives.
  setInterval(() => undefined, 1 << 30);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
