// `toolcall tools import mcp|openapi` and `toolcall tools diff`: tools from where they live, and
// a tools file's drift from them (exit 1 on breaking drift, JSON for CI).
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseToolsFile } from '../../core/dataset/toolsFile.ts';
import { splitLines } from '../../core/dataset/lines.ts';
import { importedFileText, importReport, type ImportResult } from '../../core/tools/import/declarations.ts';
import { describeMcpSource, importMcp, type McpServerSource } from '../../core/tools/import/mcp.ts';
import { importOpenApi } from '../../core/tools/import/openapi.ts';
import { driftJson, driftReport, driftText } from '../../core/tools/diff/driftReport.ts';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO } from '../io.ts';

/** argv split at the first `--`: what comes after is a command line, never options. */
function splitCommand(argv: string[]): { own: string[]; command: string[] } {
  const at = argv.indexOf('--');
  return at < 0 ? { own: argv, command: [] } : { own: argv.slice(0, at), command: argv.slice(at + 1) };
}

function timeoutOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!(seconds > 0)) throw new UsageError(`--timeout takes seconds (a positive number), not ${JSON.stringify(value)}.`);
  return seconds * 1000;
}

function mcpServer(url: string | undefined, command: string[]): McpServerSource {
  if (url !== undefined && command.length > 0) throw new UsageError('Give --url or a command after --, not both.');
  if (url !== undefined) return { url };
  if (command.length === 0) throw new UsageError('Give the MCP server: --url URL, or -- COMMAND ARGS... to start it over stdio.');
  return { command: command[0], args: command.slice(1) };
}

async function writeImport(result: ImportResult, source: string, out: string | undefined, io: CliIO): Promise<number> {
  const text = importedFileText(result);
  if (out === undefined) {
    io.stdout(text);
    io.stderr(importReport(result, source));
  } else {
    await writeFile(path.resolve(io.cwd, out), text);
    io.stdout(importReport(result, source));
  }
  return EXIT_OK;
}

export async function importCommand(argv: string[], io: CliIO): Promise<number> {
  const [kind, ...rest] = argv;
  const { own, command } = splitCommand(rest);
  if (kind === 'mcp') {
    const { values, positionals } = parseArgs({ args: own, allowPositionals: true, options: { url: { type: 'string' }, out: { type: 'string' }, timeout: { type: 'string' } } });
    if (positionals.length > 0) throw new UsageError(`Put the server's command after --: toolcall tools import mcp -- ${positionals.join(' ')}`);
    const server = mcpServer(values.url, command);
    const result = await importMcp('command' in server ? { ...server, cwd: io.cwd } : server, { timeoutMs: timeoutOf(values.timeout) });
    return writeImport(result, describeMcpSource(server), values.out, io);
  }
  if (kind === 'openapi') {
    const { values, positionals } = parseArgs({ args: own, allowPositionals: true, options: { tag: { type: 'string', multiple: true }, operation: { type: 'string', multiple: true }, out: { type: 'string' } } });
    if (positionals.length !== 1 || command.length > 0) throw new UsageError('tools import openapi takes one SPEC.');
    const result = await importOpenApi(path.resolve(io.cwd, positionals[0]), { tags: values.tag, operations: values.operation });
    return writeImport(result, positionals[0], values.out, io);
  }
  throw new UsageError(kind ? `Unknown source "${kind}"; expected mcp or openapi.` : 'Give a source: mcp or openapi.');
}

async function readText(file: string, what: string, io: CliIO): Promise<string> {
  return readFile(path.resolve(io.cwd, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read the ${what} ${file} (${error.code ?? error.message}).`);
  });
}

async function readTools(file: string, io: CliIO): Promise<unknown[]> {
  const parsed = parseToolsFile(await readText(file, 'tools file', io), file);
  if ('error' in parsed) throw new UsageError(parsed.error);
  return parsed.tools;
}

export async function diffCommand(argv: string[], io: CliIO): Promise<number> {
  const { own, command } = splitCommand(argv);
  const { values, positionals } = parseArgs({
    args: own,
    allowPositionals: true,
    options: { against: { type: 'string' }, url: { type: 'string' }, dataset: { type: 'string', multiple: true }, format: { type: 'string', default: 'text' }, timeout: { type: 'string' } },
  });
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format is text or json, not ${JSON.stringify(values.format)}.`);
  if (values.against === undefined) throw new UsageError('Say what to compare with: --against mcp, --against openapi SPEC or --against OTHER_TOOLS_FILE.');
  const [toolsPath, spec, ...extra] = positionals;
  if (toolsPath === undefined) throw new UsageError('tools diff takes the TOOLS file to check.');
  const current = await readTools(toolsPath, io);
  let source: { tools: unknown[]; label: string };
  if (values.against === 'mcp') {
    if (spec !== undefined) throw new UsageError(`Put the server's command after --: toolcall tools diff ${toolsPath} --against mcp -- ${[spec, ...extra].join(' ')}`);
    const server = mcpServer(values.url, command);
    const result = await importMcp('command' in server ? { ...server, cwd: io.cwd } : server, { timeoutMs: timeoutOf(values.timeout) });
    source = { tools: result.tools, label: describeMcpSource(server) };
  } else if (values.against === 'openapi') {
    if (spec === undefined || extra.length > 0) throw new UsageError('--against openapi takes one SPEC: toolcall tools diff TOOLS --against openapi SPEC.');
    source = { tools: (await importOpenApi(path.resolve(io.cwd, spec))).tools, label: spec };
  } else {
    if (spec !== undefined) throw new UsageError(`Unexpected ${JSON.stringify(spec)}; --against takes mcp, openapi SPEC or a tools file.`);
    source = { tools: await readTools(values.against, io), label: values.against };
  }
  const datasets = await Promise.all((values.dataset ?? []).map(async (file) => ({ file, lines: [...splitLines(await readText(file, 'dataset', io))].map((l) => l.text) })));
  const report = driftReport(current, source.tools, datasets, source.label);
  io.stdout(values.format === 'json' ? driftJson(report) : driftText(report));
  return report.breaking ? EXIT_PROBLEMS : EXIT_OK;
}
