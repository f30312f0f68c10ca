// Imports the Berkeley Function Calling Leaderboard's own files (a question file and its
// possible_answer file, one JSON object per line, matched by `id`) as an eval set: one JSONL line
// per question with `messages` (the question's turns), `tools` (BFCL's declarations with their
// Python type names made JSON Schema: dict -> object, float -> number, tuple -> array, any -> no
// type), the gold call in the last assistant turn (each parameter's first acceptable value; a
// parameter whose first value is "" is left out) and `acceptable` (the possible answers, see
// acceptable.ts). Function names that OpenAI refuses (`math.factorial`) are sanitised the same
// way everywhere on the line, and reported.
import { normalizeTypes } from '../schema/normalizeTypes.ts';
import { sanitizeToolName } from '../tools/import/toolNames.ts';
import { TOOL_NAME_PATTERN } from '../tools/toolNames.ts';
import { ACCEPTABLE_KEY, OMITTABLE } from './acceptable.ts';

/** One imported line, or why a question could not be imported. */
export interface BfclImportRecord {
  /** The question's `id`. */
  id: string;
  /** The eval line (JSON text), absent when the question was skipped. */
  line?: string;
  /** What changed or could not be carried, one sentence each. */
  notes: string[];
}

/** The result of an import: one record per question, in the question file's order. */
export interface BfclImport {
  records: BfclImportRecord[];
  /** Lines of either file that are not JSON objects with an `id`. */
  errors: { file: 'questions' | 'answers'; line: number; message: string }[];
}

type Json = Record<string, unknown>;

/** Imports a question file and its possible-answer file (both JSON Lines). */
export function importBfcl(questionsText: string, answersText: string): BfclImport {
  const errors: BfclImport['errors'] = [];
  const questions = readJsonLines(questionsText, 'questions', errors);
  const answers = new Map(readJsonLines(answersText, 'answers', errors).map((a) => [String(a.id), a]));
  const records = questions.map((question) => importQuestion(question, answers.get(String(question.id))));
  return { records, errors };
}

function importQuestion(question: Json, answer: Json | undefined): BfclImportRecord {
  const id = String(question.id);
  const notes: string[] = [];
  const skip = (why: string): BfclImportRecord => ({ id, notes: [...notes, why] });
  if (answer === undefined) return skip('No possible answer has this id; skipped.');
  const functions = question.function;
  const truth = answer.ground_truth;
  if (!Array.isArray(functions)) return skip('"function" is not a list of declarations; skipped.');
  if (!Array.isArray(truth) || truth.length === 0) return skip('"ground_truth" is not a non-empty list of calls; skipped.');
  const names = new Map<string, string>();
  const nameOf = (name: string): string => names.get(name) ?? name;
  const tools: Json[] = [];
  for (const fn of functions as Json[]) {
    if (typeof fn?.name !== 'string') return skip('A declaration has no string "name"; skipped.');
    const name = sanitizeName(fn.name);
    if (name !== fn.name) {
      names.set(fn.name, name);
      notes.push(`Function name "${fn.name}" is written "${name}" (OpenAI accepts ^[a-zA-Z0-9_-]{1,64}$).`);
    }
    const { schema, nonStandard } = normalizeTypes(fn.parameters ?? { type: 'object', properties: {} });
    if (nonStandard.length > 0) {
      const types = [...new Set(nonStandard.map((t) => `${t.found} -> ${t.standard ?? 'any'}`))];
      notes.push(`${name}: BFCL types made JSON Schema (${types.join(', ')}).`);
    }
    tools.push({ type: 'function', function: { name, ...(typeof fn.description === 'string' ? { description: fn.description } : {}), parameters: schema } });
  }
  const calls: Json[] = [];
  const acceptable: Json[] = [];
  for (const [k, entry] of (truth as unknown[]).entries()) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry) || Object.keys(entry).length !== 1) {
      return skip(`ground_truth[${k}] is not {function_name: {param: [values]}}; skipped.`);
    }
    const [bfclName, params] = Object.entries(entry as Json)[0];
    if (params === null || typeof params !== 'object' || Array.isArray(params)) return skip(`ground_truth[${k}].${bfclName} is not an object of parameters; skipped.`);
    const name = nameOf(bfclName);
    calls.push({ id: `call_${k + 1}`, type: 'function', function: { name, arguments: JSON.stringify(goldArguments(params as Json)) } });
    acceptable.push({ [name]: params });
  }
  const messages = readMessages(question.question);
  if (typeof messages === 'string') return skip(messages);
  const example = { messages: [...messages, { role: 'assistant', tool_calls: calls }], tools, [ACCEPTABLE_KEY]: [acceptable] };
  return { id, line: JSON.stringify(example), notes };
}

// BFCL's `question` is a list of turns, each a list of chat messages; the single-turn categories
// hold one turn.
function readMessages(question: unknown): Json[] | string {
  if (!Array.isArray(question) || question.length === 0) return '"question" is not a list of turns; skipped.';
  const messages = question.flat();
  if (messages.some((m) => m === null || typeof m !== 'object' || typeof (m as Json).role !== 'string')) {
    return '"question" holds something other than chat messages; skipped.';
  }
  return messages as Json[];
}

/** The gold arguments: each parameter's first acceptable value, left out where that is "". */
export function goldArguments(params: Json): Json {
  const out: Json = {};
  for (const [param, values] of Object.entries(params)) {
    const first = Array.isArray(values) ? values[0] : values;
    if (first === OMITTABLE) continue;
    out[param] = goldValue(first);
  }
  return out;
}

// A dict parameter's alternatives map each key to its acceptable values; a list of dicts holds
// such maps: the gold takes the first value of each key, recursively.
function goldValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(goldValue);
  if (value !== null && typeof value === 'object') return goldArguments(value as Json);
  return value;
}

function sanitizeName(name: string): string {
  return TOOL_NAME_PATTERN.test(name) ? name : sanitizeToolName(name);
}

function readJsonLines(text: string, file: 'questions' | 'answers', errors: BfclImport['errors']): Json[] {
  const out: Json[] = [];
  text.split('\n').forEach((raw, index) => {
    const source = raw.trim();
    if (source === '') return;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      errors.push({ file, line: index + 1, message: `not valid JSON (${(error as Error).message})` });
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !('id' in value)) {
      errors.push({ file, line: index + 1, message: 'not a JSON object with an "id"' });
      return;
    }
    out.push(value as Json);
  });
  return out;
}
