/** How serious a finding is; `off` (settings only) hides a rule. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Every rule, by stable code. Codes never change meaning; retired codes are not reused. */
export const RULES = {
  // 1xx: the line itself
  TC101: { severity: 'error', title: 'Line is not valid JSON' },
  TC102: { severity: 'error', title: 'Line is not a JSON object' },
  TC103: { severity: 'warning', title: 'Byte-order mark at the start of the file' },
  TC104: { severity: 'warning', title: 'Blank line' },
  TC105: { severity: 'error', title: 'Text after the JSON value' },
  TC106: { severity: 'error', title: 'Nesting too deep' },
  TC107: { severity: 'warning', title: 'Duplicate key in an object' },
  TC108: { severity: 'error', title: 'Bytes that are not UTF-8' },
  TC199: { severity: 'error', title: 'Line could not be checked' },
  // 2xx: the example
  TC201: { severity: 'error', title: '"messages" missing' },
  TC202: { severity: 'error', title: '"messages" is not an array' },
  TC203: { severity: 'error', title: '"messages" is empty' },
  TC204: { severity: 'warning', title: 'Unknown top-level key' },
  TC205: { severity: 'error', title: '"parallel_tool_calls" is not a boolean' },
  TC206: { severity: 'info', title: 'Legacy "functions" format' },
  TC207: { severity: 'warning', title: 'Both "tools" and legacy "functions"' },
  TC208: { severity: 'error', title: 'No assistant message to learn from' },
  TC209: { severity: 'warning', title: "Example over the model's token limit" },
  TC210: { severity: 'info', title: 'Line checked partly (too long to check in full)' },
  // 3xx: messages
  TC301: { severity: 'error', title: 'Message is not an object' },
  TC302: { severity: 'error', title: 'Message has no role' },
  TC303: { severity: 'error', title: 'Unknown role' },
  TC304: { severity: 'error', title: 'Missing content' },
  TC305: { severity: 'error', title: 'Content of the wrong type' },
  TC306: { severity: 'error', title: 'Unknown key in a message' },
  TC307: { severity: 'error', title: '"weight" on a message that is not from the assistant' },
  TC308: { severity: 'error', title: '"weight" is not 0 or 1' },
  TC309: { severity: 'error', title: 'Invalid "name" on a message' },
  TC310: { severity: 'warning', title: 'Empty assistant message' },
  // 4xx: tool declarations
  TC401: { severity: 'error', title: 'Tool declarations malformed' },
  TC402: { severity: 'error', title: 'Tool "type" is not "function"' },
  TC403: { severity: 'error', title: 'Tool function has no name' },
  TC404: { severity: 'error', title: 'Tool name does not match ^[a-zA-Z0-9_-]{1,64}$' },
  TC405: { severity: 'error', title: 'Duplicate tool name' },
  TC406: { severity: 'error', title: 'Parameters are not an object schema' },
  TC407: { severity: 'error', title: 'Parameters are not a valid JSON Schema' },
  TC408: { severity: 'error', title: 'Non-standard schema types' },
  TC409: { severity: 'warning', title: 'Schema feature not checked' },
  TC410: { severity: 'warning', title: 'Unknown key in a tool declaration' },
  TC411: { severity: 'warning', title: 'Tool description is not a string' },
  TC412: { severity: 'error', title: 'Draft-3 "required": true on properties' },
  // 42x: authoring hints for tools files (info)
  TC420: { severity: 'info', title: 'Parameter without a description' },
  TC421: { severity: 'info', title: 'Function without a description' },
  TC422: { severity: 'info', title: '"enum" values of mixed types' },
  // 43x: strict mode readiness of tools files (only with `toolcall.tools.strictReadiness`)
  TC430: { severity: 'warning', title: 'Object schema without "additionalProperties: false"' },
  TC431: { severity: 'warning', title: 'Property not listed in "required"' },
  TC432: { severity: 'warning', title: 'Keyword not supported in strict mode' },
  // 44x: drift of a tools file from its source (`toolcall.tools.sources`: an MCP server, an OpenAPI spec)
  TC440: { severity: 'warning', title: 'Tool no longer offered by the source' },
  TC441: { severity: 'warning', title: 'Tool changed at the source in a way that breaks calls' },
  TC442: { severity: 'info', title: 'Tool changed at the source' },
  TC443: { severity: 'info', title: 'Tool offered by the source but not declared' },
  TC444: { severity: 'warning', title: 'Source of the tools file cannot be read' },
  // 5xx: tool calls
  TC501: { severity: 'error', title: 'Tool calls malformed' },
  TC502: { severity: 'error', title: 'Tool call has no id' },
  TC503: { severity: 'error', title: 'Duplicate tool call id' },
  TC504: { severity: 'error', title: 'Tool call "type" is not "function"' },
  TC505: { severity: 'error', title: 'Call to an undeclared tool' },
  TC506: { severity: 'error', title: '"arguments" is an object, not a string' },
  TC507: { severity: 'error', title: '"arguments" is double-encoded' },
  TC508: { severity: 'error', title: '"arguments" is a Python repr, not JSON' },
  TC509: { severity: 'error', title: '"arguments" is not valid JSON' },
  TC510: { severity: 'error', title: '"arguments" is not a JSON object' },
  TC511: { severity: 'error', title: 'Missing required argument' },
  TC512: { severity: 'error', title: 'Argument of the wrong type' },
  TC513: { severity: 'error', title: 'Argument not among the allowed values' },
  TC514: { severity: 'error', title: 'Unknown argument' },
  TC515: { severity: 'error', title: 'Argument breaks a schema constraint' },
  TC516: { severity: 'error', title: 'Tool call but no tools declared' },
  TC517: { severity: 'error', title: 'Tool call has no function name' },
  // 6xx: the conversation
  TC601: { severity: 'error', title: '"tool_call_id" matches no call of the preceding assistant turn' },
  TC602: { severity: 'error', title: 'Tool call without a reply' },
  TC603: { severity: 'error', title: 'Tool call answered more than once' },
  TC604: { severity: 'error', title: 'Tool reply without a preceding tool call' },
  TC605: { severity: 'error', title: 'Tool reply has no "tool_call_id"' },
  TC606: { severity: 'error', title: 'Legacy "function" reply to a tool call' },
  // 7xx: the whole file
  TC701: { severity: 'warning', title: 'Fewer than 10 examples' },
  TC702: { severity: 'warning', title: 'Duplicate example' },
  TC703: { severity: 'warning', title: 'Tool declared differently on different lines' },
  TC704: { severity: 'info', title: 'More problems not shown' },
  TC705: { severity: 'error', title: 'Shared tools file cannot be read' },
  TC706: { severity: 'warning', title: 'Shared tools file has problems' },
  // 8xx: what the fine-tuning service reported (published by the jobs view, not the validator)
  TC801: { severity: 'error', title: 'The fine-tuning service rejected this line' },
  // 9xx: chat templates of open models (core/render/templateChecks.ts)
  TC901: { severity: 'warning', title: 'Chat template never shows the tools' },
  TC902: { severity: 'warning', title: 'Chat template ignores tool messages' },
  TC903: { severity: 'warning', title: 'Chat template cannot render parallel tool calls' },
  TC904: { severity: 'error', title: 'Chat template fails on a tool-calling conversation' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type RuleCode = keyof typeof RULES;

/** Per-code severity overrides, e.g. from settings: `{ "TC104": "off" }`. */
export type SeverityOverrides = Partial<Record<string, SeveritySetting>>;

export function severityOf(code: RuleCode, overrides?: SeverityOverrides): SeveritySetting {
  return overrides?.[code] ?? RULES[code].severity;
}
