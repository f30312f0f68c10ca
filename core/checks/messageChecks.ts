import type { JsonPath } from '../dataset/jsonPath.ts';
import { Findings, isObject, show, tick, typeName } from './findings.ts';
import { closest } from './suggest.ts';

/** The roles OpenAI accepts in chat fine-tuning data, and the keys each may carry. */
export const ROLE_KEYS: Record<string, readonly string[]> = {
  system: ['role', 'content', 'name'],
  user: ['role', 'content', 'name'],
  assistant: ['role', 'content', 'name', 'tool_calls', 'function_call', 'weight', 'refusal'],
  tool: ['role', 'content', 'tool_call_id'],
  function: ['role', 'content', 'name'],
};

/** Roles from other formats (ShareGPT, chat templates, other APIs) and what they mean here. */
export const ROLE_ALIASES: Record<string, string> = {
  human: 'user',
  gpt: 'assistant',
  bot: 'assistant',
  ai: 'assistant',
  model: 'assistant',
  chatbot: 'assistant',
  developer: 'system',
  sys: 'system',
  function_call: 'assistant',
  tool_call: 'assistant',
  observation: 'tool',
  tool_response: 'tool',
  function_response: 'tool',
  ipython: 'tool',
};

/** The role someone most likely meant by an unknown role, or undefined. */
export function meantRole(role: string): string | undefined {
  const lower = role.toLowerCase();
  if (lower in ROLE_KEYS) return lower;
  if (lower in ROLE_ALIASES) return ROLE_ALIASES[lower];
  return closest(lower, Object.keys(ROLE_KEYS))[0];
}

/** ROLE_KEYS' own roles (never Object.prototype's names) and their keys. */
const ALLOWED_KEYS = new Map(Object.entries(ROLE_KEYS));

const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/** Checks one message's shape: role, content for that role, allowed keys, weight. */
export function checkMessage(message: unknown, path: JsonPath, out: Findings): void {
  if (!isObject(message)) {
    out.add('TC301', `Message ${path[1]} is ${typeName(message)}; expected an object with "role" and "content".`, { path });
    return;
  }
  const role = message.role;
  if (role === undefined) {
    out.add('TC302', 'Message has no "role"; expected one of system, user, assistant, tool.', { path, part: 'first-char' });
    return;
  }
  // The usual roles found in a Map, their keys read once: `role in ROLE_KEYS` and ROLE_KEYS[role]
  // for each key were keyed lookups by a different name on every message.
  const allowed = typeof role === 'string' ? ALLOWED_KEYS.get(role) : undefined;
  if (allowed === undefined && (typeof role !== 'string' || !(role in ROLE_KEYS))) {
    const meant = typeof role === 'string' ? meantRole(role) : undefined;
    const hint = meant ? `; did you mean ${tick(meant)}?` : '; expected one of system, user, assistant, tool.';
    out.add('TC303', `Unknown role ${show(role)}${hint}`, { path: [...path, 'role'] }, meant ? { meant } : undefined);
    return;
  }
  checkContent(message, role as string, path, out);
  // for-in: the own keys of a parsed object, in order, without an array per message.
  for (const key in message) {
    // A role named like an Object.prototype member reads ROLE_KEYS as it always did (and fails there: TC199).
    if (allowed !== undefined ? allowed.includes(key) : ROLE_KEYS[role as string].includes(key)) continue;
    if (key === 'weight') {
      out.add('TC307', `"weight" is only allowed on assistant messages, not on a ${role} message.`, { path: [...path, key], part: 'key' });
    } else {
      out.add('TC306', `Unknown key ${tick(key)} in a ${role} message; allowed keys are ${(allowed ?? ROLE_KEYS[role as string]).join(', ')}.`, { path: [...path, key], part: 'key' });
    }
  }
  if ('weight' in message && role === 'assistant' && message.weight !== 0 && message.weight !== 1) {
    out.add('TC308', `"weight" is ${show(message.weight)}; it must be 0 (do not learn from this turn) or 1.`, { path: [...path, 'weight'] });
  }
  if ('name' in message && (typeof message.name !== 'string' || (role !== 'function' && !NAME_PATTERN.test(message.name)))) {
    out.add('TC309', `Message "name" ${show(message.name)} must be a string matching ^[a-zA-Z0-9_-]{1,64}$.`, { path: [...path, 'name'] });
  }
}

function checkContent(message: Record<string, unknown>, role: string, path: JsonPath, out: Findings): void {
  const content = message.content;
  if (role === 'assistant') {
    const hasCall = message.tool_calls !== undefined || message.function_call !== undefined;
    if ((content === undefined || content === null) && !hasCall) {
      out.add('TC304', 'Assistant message has neither "content" nor "tool_calls"; expected one of them.', { path, part: 'first-char' });
    } else if (content !== undefined && content !== null && !isTextContent(content, false)) {
      const part = Array.isArray(content) ? badPart(content, false) : undefined;
      if (part) out.add('TC305', part.message, { path: [...path, 'content', ...part.path] });
      else out.add('TC305', `Assistant "content" is ${typeName(content)}; expected a string or null.`, { path: [...path, 'content'] });
    }
    return;
  }
  if (content === undefined) {
    out.add('TC304', `A ${role} message needs "content".`, { path, part: 'first-char' });
  } else if (!isTextContent(content, role === 'user')) {
    const part = Array.isArray(content) && content.length > 0 ? badPart(content, role === 'user') : undefined;
    if (part) {
      out.add('TC305', part.message, { path: [...path, 'content', ...part.path] });
      return;
    }
    const expected = role === 'user' ? 'a string or an array of text and image parts' : 'a string';
    out.add('TC305', `The ${role} message's "content" is ${typeName(content)}; expected ${expected}.`, { path: [...path, 'content'] });
  }
}

/**
 * An empty assistant turn (no text, no calls) teaches the model to say nothing. A turn with a
 * later assistant turn is not the answer and can go (data.removable); the final one must be written.
 */
export function checkEmptyAssistantTurns(messages: unknown[], out: Findings): void {
  let lastAssistant = -1;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (isObject(m) && m.role === 'assistant') lastAssistant = i;
  }
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (!isObject(m) || m.role !== 'assistant' || m.weight === 0) continue;
    if (typeof m.content !== 'string' || m.content.trim() !== '' || m.tool_calls !== undefined || m.function_call !== undefined) continue;
    const at = { path: ['messages', i, 'content'] };
    if (i === lastAssistant) {
      out.add('TC310', 'The final assistant message is empty, so the model learns to answer with nothing; write the reply it should give here.', at, { removable: false });
    } else {
      out.add('TC310', `Assistant message ${i} is empty (no text, no tool calls), so the model learns to say nothing at this turn; remove the turn, or write what it should say.`, at, { removable: true });
    }
  }
}

/** The first content part that is not a text part (or, for user messages, an image part), and why. */
function badPart(parts: unknown[], imagesAllowed: boolean): { path: JsonPath; message: string } | undefined {
  const kinds = imagesAllowed ? 'text or image_url' : 'text';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!isObject(part)) return { path: [i], message: `Content part ${i} is ${typeName(part)}; expected an object with "type": ${imagesAllowed ? '"text" or "image_url"' : '"text"'}.` };
    if (part.type === 'text') {
      if (typeof part.text !== 'string') return { path: 'text' in part ? [i, 'text'] : [i], message: `Content part ${i} of type "text" needs "text" to be a string; it is ${'text' in part ? typeName(part.text) : 'missing'}.` };
      continue;
    }
    if (part.type === 'image_url' && imagesAllowed) {
      if (!isObject(part.image_url) || typeof part.image_url.url !== 'string') {
        return { path: 'image_url' in part ? [i, 'image_url'] : [i], message: `Content part ${i} of type "image_url" needs "image_url" to be an object with a "url" string, such as {"url": "https://..."}.` };
      }
      continue;
    }
    const where = part.type === 'image_url' ? `image parts are only allowed in user messages` : `expected ${kinds}`;
    return { path: 'type' in part ? [i, 'type'] : [i], message: `Content part ${i} has type ${show(part.type ?? 'missing')}; ${where}.` };
  }
  return undefined;
}

/** A string, or an array of content parts ("text", and "image_url" for user messages). */
function isTextContent(content: unknown, imagesAllowed: boolean): boolean {
  if (typeof content === 'string') return true;
  if (!Array.isArray(content) || content.length === 0) return false;
  return content.every(
    (part) =>
      isObject(part) &&
      ((part.type === 'text' && typeof part.text === 'string') || (imagesAllowed && part.type === 'image_url' && isObject(part.image_url) && typeof part.image_url.url === 'string')),
  );
}
