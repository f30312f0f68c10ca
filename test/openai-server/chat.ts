// Chat completions as a scripted model, for evaluation tests: each model name maps to
// a handler or to declarative rules on the last user message. Unscripted models are
// "not found", as an unknown model is with the real API.
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions/completions';
import { ApiError, badRequest, missingParam } from './apiError.ts';
import { route, seconds, type Route, type ServerEnv } from './router.ts';
import { estimateTokens } from './trainingFile.ts';
import { requireString, type JsonObject } from './validate.ts';

/** The request a handler receives (validated: has `model` and a non-empty `messages`). */
export type ChatRequest = ChatCompletionCreateParamsNonStreaming;

/** One tool call to answer with; `arguments` may be an object (it is JSON-encoded) or the exact string to send. */
export interface ScriptedToolCall {
  id?: string;
  name: string;
  arguments: string | object;
}

/** What a scripted model says. A bare string is shorthand for `{ content }`. */
export interface ScriptedReply {
  content?: string | null;
  tool_calls?: ScriptedToolCall[];
  /** Defaults to 'tool_calls' when there are calls, else 'stop'. */
  finish_reason?: ChatCompletion.Choice['finish_reason'];
  /** Override the token estimate. */
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

/** A declarative rule: `match` is tested on the last user message's text (a string must equal it exactly). */
export interface ChatRule {
  match: string | RegExp | ((text: string, request: ChatRequest) => boolean);
  reply: ScriptedReply | string;
}

/** A handler may also throw an ApiError to answer with an error. */
export type ChatHandler = (request: ChatRequest) => ScriptedReply | string | Promise<ScriptedReply | string>;

export interface ChatModelOptions {
  /** Delay before answering, to test timeouts and concurrency. */
  latencyMs?: number;
  /** Reply when no rule matches; default `{ content: '' }`. */
  fallback?: ScriptedReply | string;
  /** Answer calls the way some local servers do instead of OpenAI's shape. */
  dialect?: LocalDialect;
}

/**
 * Shapes of tool calls seen from local OpenAI-compatible servers: `arguments` as a JSON object
 * (not a string), calls without `id`, or calls left as Hermes `<tool_call>` text in `content`
 * when the server runs no tool parser.
 */
export interface LocalDialect {
  argumentsAsObject?: boolean;
  omitIds?: boolean;
  callsInContent?: 'hermes';
}

/** Test-facing control of the scripted models. */
export interface ChatScript {
  set(model: string, behaviour: ChatHandler | readonly ChatRule[], options?: ChatModelOptions): void;
  delete(model: string): void;
  clear(): void;
  models(): string[];
}

interface ScriptedModel {
  handler: ChatHandler;
  latencyMs: number;
  dialect?: LocalDialect;
}

export class ChatScriptTable implements ChatScript {
  readonly entries = new Map<string, ScriptedModel>();

  set(model: string, behaviour: ChatHandler | readonly ChatRule[], options: ChatModelOptions = {}): void {
    const handler = typeof behaviour === 'function' ? behaviour : rulesHandler(behaviour, options.fallback ?? { content: '' });
    this.entries.set(model, { handler, latencyMs: options.latencyMs ?? 0, ...(options.dialect ? { dialect: options.dialect } : {}) });
  }

  delete(model: string): void {
    this.entries.delete(model);
  }

  clear(): void {
    this.entries.clear();
  }

  models(): string[] {
    return [...this.entries.keys()];
  }
}

function rulesHandler(rules: readonly ChatRule[], fallback: ScriptedReply | string): ChatHandler {
  return (request) => {
    const text = lastUserText(request);
    for (const rule of rules) {
      const m = rule.match;
      const hit = typeof m === 'string' ? m === text : m instanceof RegExp ? ((m.lastIndex = 0), m.test(text)) : m(text, request);
      if (hit) return rule.reply;
    }
    return fallback;
  };
}

/** Text of the last user message; array content contributes its text parts, joined by newlines. */
export function lastUserText(request: ChatRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i]!;
    if (message.role !== 'user') continue;
    if (typeof message.content === 'string') return message.content;
    return message.content
      .map((part) => (part.type === 'text' ? part.text : ''))
      .filter((t) => t !== '')
      .join('\n');
  }
  return '';
}

export function chatRoutes(env: ServerEnv, script: ChatScriptTable): Route[] {
  return [
    // Azure answers as the deployment in the path, whatever `model` the body names.
    route('POST', '/v1/chat/completions', async (ctx) => ({ json: await answerChat(env, script, await ctx.json(), ctx.deployment) })),
  ];
}

/** The completion a scripted model gives for a request body; throws the ApiError the API would answer. Shared with batches. */
export async function answerChat(env: ServerEnv, script: ChatScriptTable, body: JsonObject, deployment?: string): Promise<ChatCompletion> {
  const request = { ...checkRequest(body), ...(deployment ? { model: deployment } : {}) };
  const scripted = script.entries.get(request.model);
  if (!scripted) {
    throw new ApiError(404, `The model \`${request.model}\` does not exist or you do not have access to it.`, { code: 'model_not_found' });
  }
  if (scripted.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, scripted.latencyMs));
  const raw = await scripted.handler(request);
  const reply = completion(env, request, typeof raw === 'string' ? { content: raw } : raw);
  return scripted.dialect ? (inDialect(reply, scripted.dialect) as ChatCompletion) : reply;
}

function checkRequest(body: JsonObject): ChatRequest {
  requireString(body, 'model');
  const messages = body['messages'];
  if (messages === undefined) throw missingParam('messages');
  if (!Array.isArray(messages) || messages.length === 0) {
    throw badRequest(`Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.`, 'messages', 'empty_array');
  }
  for (const [i, message] of messages.entries()) {
    if (typeof message !== 'object' || message === null || typeof (message as { role?: unknown }).role !== 'string') {
      throw missingParam(`messages[${i}].role`);
    }
  }
  if (body['stream'] === true) throw badRequest('Streaming is not simulated by this test server.', 'stream', 'unsupported_value');
  if (body['n'] !== undefined && body['n'] !== null && body['n'] !== 1) throw badRequest('Only n = 1 is simulated by this test server.', 'n', 'unsupported_value');
  return body as unknown as ChatRequest;
}

function completion(env: ServerEnv, request: ChatRequest, reply: ScriptedReply): ChatCompletion {
  const toolCalls = (reply.tool_calls ?? []).map((call) => ({
    id: call.id ?? env.ids.next('call_'),
    type: 'function' as const,
    function: { name: call.name, arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments) },
  }));
  const content = reply.content ?? (toolCalls.length > 0 ? null : '');
  // Token counts are estimates (4 characters a token, 3 per message), not a tokenizer.
  let prompt = 3;
  for (const m of request.messages) prompt += 3 + estimateTokens(typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? ''));
  if (request.tools) prompt += estimateTokens(JSON.stringify(request.tools));
  let completionTokens = estimateTokens(content ?? '');
  for (const call of toolCalls) completionTokens += estimateTokens(call.function.name + call.function.arguments);
  const prompt_tokens = reply.usage?.prompt_tokens ?? prompt;
  const completion_tokens = reply.usage?.completion_tokens ?? Math.max(1, completionTokens);
  return {
    id: env.ids.next('chatcmpl-'),
    object: 'chat.completion',
    created: seconds(env),
    model: request.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null, annotations: [], ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) },
        logprobs: null,
        finish_reason: reply.finish_reason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
      },
    ],
    usage: { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens },
    service_tier: 'default',
    system_fingerprint: 'fp_openai_server_test',
  };
}

/** The completion as a local server with the given dialect would send it. */
function inDialect(reply: ChatCompletion, dialect: LocalDialect): unknown {
  const choice = reply.choices[0]!;
  const calls = choice.message.tool_calls ?? [];
  if (calls.length === 0) return reply;
  const functions = calls.flatMap((c) => (c.type === 'function' ? [c.function] : []));
  if (dialect.callsInContent === 'hermes') {
    const text = functions.map((f) => `<tool_call>\n${JSON.stringify({ name: f.name, arguments: JSON.parse(f.arguments) })}\n</tool_call>`).join('\n');
    const { tool_calls: _calls, ...message } = choice.message;
    return { ...reply, choices: [{ ...choice, message: { ...message, content: (choice.message.content ? `${choice.message.content}\n` : '') + text }, finish_reason: 'stop' }] };
  }
  const toolCalls = calls.map((c) => {
    if (c.type !== 'function') return c;
    const call: Record<string, unknown> = { ...c, function: { name: c.function.name, arguments: dialect.argumentsAsObject ? JSON.parse(c.function.arguments) : c.function.arguments } };
    if (dialect.omitIds) delete call['id'];
    return call;
  });
  return { ...reply, choices: [{ ...choice, message: { ...choice.message, tool_calls: toolCalls } }] };
}
