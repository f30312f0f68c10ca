// Checks a chat template against small probe conversations: does the model ever see the
// tools, the tool results, every one of parallel calls? A template that hides one of them
// trains the model on text it will never get right at inference.
import type { Example } from '../convert/example.ts';
import type { SeverityOverrides } from '../checks/rules.ts';
import type { Diagnostic } from '../checks/findings.ts';
import { positionFindings } from '../validate.ts';
import type { ChatTemplate } from './chatTemplate.ts';
import { templateMessages } from './renderExample.ts';

/** A finding about a template: a stable code (rules.ts, TC9xx) and one sentence. */
export interface TemplateFinding {
  code: 'TC901' | 'TC902' | 'TC903' | 'TC904';
  message: string;
}

// Markers no template writes on its own, so finding one in the text proves it was rendered.
const TOOL_MARKER = 'zq_probe_tool_7f3a';
const RESULT_MARKER = 'zq probe result 51c2';
const SECOND_CALL = 'zq_probe_second';
// Argument values appear only where calls are rendered (tool names also appear in the tools).
const FIRST_ARGUMENT = 'zq-first-argument-2b7e';
const SECOND_ARGUMENT = 'zq-second-argument-c81d';

const probeTool = (name: string) => ({
  type: 'function',
  function: { name, description: 'Probe.', parameters: { type: 'object', properties: { x: { type: 'string' } }, required: ['x'] } },
});

const PROBE: Example = {
  messages: [
    { role: 'system', content: 'Probe system.' },
    { role: 'user', content: 'Probe question.' },
    { role: 'assistant', content: null, tool_calls: [
      { id: 'call_1', type: 'function', function: { name: 'zq_probe_first', arguments: `{"x":"${FIRST_ARGUMENT}"}` } },
      { id: 'call_2', type: 'function', function: { name: SECOND_CALL, arguments: `{"x":"${SECOND_ARGUMENT}"}` } },
    ] },
    { role: 'tool', tool_call_id: 'call_1', content: RESULT_MARKER },
    { role: 'tool', tool_call_id: 'call_2', content: 'Second result.' },
    { role: 'assistant', content: 'Probe answer.' },
  ],
  tools: [probeTool(TOOL_MARKER), probeTool('zq_probe_first'), probeTool(SECOND_CALL)],
};

export function checkTemplate(template: ChatTemplate): TemplateFinding[] {
  let text: string;
  try {
    text = template.render(templateMessages(PROBE.messages), PROBE.tools, false);
  } catch (error) {
    return [{ code: 'TC904', message: `The template fails on a conversation with tools, parallel calls and tool results: ${(error as Error).message}` }];
  }
  const findings: TemplateFinding[] = [];
  if (!text.includes(TOOL_MARKER)) findings.push({ code: 'TC901', message: 'This template never shows the tools to the model, so it learns calls without their declarations.' });
  if (!text.includes(RESULT_MARKER)) findings.push({ code: 'TC902', message: 'This template never shows tool results (role "tool") to the model.' });
  if (text.includes(FIRST_ARGUMENT) && !text.includes(SECOND_ARGUMENT)) {
    findings.push({ code: 'TC903', message: 'This template renders only the first of parallel tool calls; the others are dropped from the training text.' });
  } else if (!text.includes(FIRST_ARGUMENT)) {
    findings.push({ code: 'TC903', message: 'This template never renders the assistant\'s tool calls.' });
  }
  return findings;
}

/**
 * The findings as diagnostics of a dataset checked with the template (`toolcall validate
 * --template`): said once, at the start of the first line, as TC706 says a shared tools file's problems.
 */
export function templateDiagnostics(findings: readonly TemplateFinding[], overrides?: SeverityOverrides): Diagnostic[] {
  return positionFindings('', 0, findings.map((f) => ({ code: f.code, message: f.message, target: { path: [], span: { start: 0, end: 0 } } })), overrides);
}
