import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseToolsFile } from '../../core/dataset/toolsFile.ts';
import { splitByteLines, spliceLineBytes, type ByteLine } from '../../core/dataset/lineBytes.ts';
import { applyTools } from '../../core/tools/apply.ts';
import { driftReport, extractTools, toolsFileText } from '../../core/tools/extract.ts';
import { inferSchema } from '../../core/tools/infer.ts';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO } from '../io.ts';

const sourcesUsage = `  toolcall tools import mcp [--url URL | -- COMMAND ARGS...] [--out F] [--timeout S]
      Lists an MCP server's tools (started over stdio, or streamable HTTP at --url) and writes a
      tools file: names made valid (the mapping kept in "toolNames"), inputSchema as parameters.
      What does not carry over (annotations, output schemas, keywords strict mode refuses) goes
      to stderr. Without --out the tools file goes to stdout.
  toolcall tools import openapi SPEC [--tag T]... [--operation ID]... [--out F]
      One tool per operation of a Swagger 2.0 / OpenAPI 3.0 / 3.1 spec (JSON or YAML; local $refs
      only): path, query and header parameters and the JSON body in one parameters object.
      Operations whose schema is cyclic are refused, with the cycle.
  toolcall tools diff TOOLS --against (mcp [--url URL] -- COMMAND... | openapi SPEC | OTHER_TOOLS) [--dataset FILE]... [--format text|json]
      Tools added, removed and changed at the source, and the dataset lines each change breaks
      (calls now invalid) or makes stale. Exit 1 on breaking drift.`;

export const usage = `Usage: toolcall tools extract|apply|infer|import|diff ...

Keeps tool declarations and data in sync: extract, apply, infer, import from MCP or OpenAPI, diff against the source.

  toolcall tools extract FILE [--out F]
      Collects every distinct declaration per tool, reports the drift line by line, and writes
      the tools file (the declaration most lines use, per tool). Without --out the tools file
      goes to stdout and the report to stderr.
  toolcall tools apply TOOLS FILE [--out F | --in-place]
      Rewrites each line's declarations with the tools file's (same names; everything else in a
      line is kept byte for byte). Exit 1, changing nothing, when a call would become invalid.
      Without --out or --in-place the new dataset goes to stdout.
  toolcall tools infer FILE NAME
      Prints a JSON Schema for NAME's parameters inferred from the arguments of all its calls.
${sourcesUsage}`;

export async function toolsCommand(argv: string[], io: CliIO): Promise<number> {
  const [action, ...rest] = argv;
  if (action === 'extract') return extract(rest, io);
  if (action === 'apply') return apply(rest, io);
  if (action === 'infer') return infer(rest, io);
  // Loaded on use: the MCP SDK and the OpenAPI parser are not needed by extract, apply or infer.
  if (action === 'import') return (require('./toolsSources.ts') as typeof import('./toolsSources.ts')).importCommand(rest, io);
  if (action === 'diff') return (require('./toolsSources.ts') as typeof import('./toolsSources.ts')).diffCommand(rest, io);
  throw new UsageError(action ? `Unknown action "${action}"; expected extract, apply, infer, import or diff.` : 'Give an action: extract, apply, infer, import or diff.');
}

/** A file's lines (text, bytes and the line break after each), so a rewrite keeps LF/CRLF, the final newline and every untouched byte. */
async function readDataset(file: string, io: CliIO): Promise<{ lines: string[]; byteLines: ByteLine[] }> {
  const data = await readFile(path.resolve(io.cwd, file)).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read ${file} (${error.code ?? error.message}).`);
  });
  const byteLines = splitByteLines(data);
  return { lines: byteLines.map((l) => l.text), byteLines };
}

async function extract(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('tools extract takes one FILE.');
  const [file] = positionals;
  const extraction = extractTools((await readDataset(file, io)).lines);
  const report = driftReport(extraction, `Tools of ${file}`);
  if (values.out === undefined) {
    io.stdout(toolsFileText(extraction));
    io.stderr(report);
  } else {
    await writeFile(path.resolve(io.cwd, values.out), toolsFileText(extraction));
    io.stdout(report);
  }
  return EXIT_OK;
}

async function apply(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, 'in-place': { type: 'boolean' } } });
  if (positionals.length !== 2) throw new UsageError('tools apply takes TOOLS and FILE.');
  if (values.out !== undefined && values['in-place']) throw new UsageError('Give --out or --in-place, not both.');
  const [toolsPath, file] = positionals;
  const toolsText = await readFile(path.resolve(io.cwd, toolsPath), 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read the tools file ${toolsPath} (${error.code ?? error.message}).`);
  });
  const parsed = parseToolsFile(toolsText, toolsPath);
  if ('error' in parsed) throw new UsageError(parsed.error);
  const { lines, byteLines } = await readDataset(file, io);
  const result = applyTools(lines, parsed.tools);
  if (!result.ok) {
    io.stderr(`toolcall tools apply: ${file} was not changed: `);
    if (result.toolsFileErrors.length > 0) io.stderr(`${toolsPath} has errors:\n${result.toolsFileErrors.map((e) => `  ${e}\n`).join('')}`);
    else io.stderr(`these calls would become invalid:\n${result.refusals.map((r) => `${file}:${r.line + 1}: ${r.tool}: ${r.reason}\n`).join('')}`);
    return EXIT_PROBLEMS;
  }
  // Only the replaced declarations change: every other byte is written back as it was read.
  const data = Buffer.concat(byteLines.flatMap((line, i) => [spliceLineBytes(line.bytes, line.text, result.lines[i]), Buffer.from(line.lineBreak)]));
  if (values['in-place']) await writeFile(path.resolve(io.cwd, file), data);
  else if (values.out !== undefined) await writeFile(path.resolve(io.cwd, values.out), data);
  else io.stdout(data.toString('utf8'));
  const kept = new Set(result.notInToolsFile.map((n) => n.tool));
  io.stderr(`Rewrote the tools of ${result.changed.length} of ${lines.length} lines${kept.size ? `; kept declarations the tools file lacks: ${[...kept].join(', ')}` : ''}.\n`);
  return EXIT_OK;
}

async function infer(argv: string[], io: CliIO): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length !== 2) throw new UsageError('tools infer takes FILE and NAME.');
  const [file, name] = positionals;
  const inference = inferSchema((await readDataset(file, io)).lines, name);
  if (inference.calls === 0) {
    io.stderr(`toolcall tools infer: no call to ${name} in ${file}.\n`);
    return EXIT_PROBLEMS;
  }
  for (const s of inference.skipped) io.stderr(`${file}:${s.line + 1}: skipped: ${s.reason}\n`);
  io.stdout(JSON.stringify(inference.schema, null, 2) + '\n');
  return EXIT_OK;
}
