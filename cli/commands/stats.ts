import { statSync } from 'node:fs';
import { access } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CATEGORIES } from '../../core/stats/category.ts';
import { lineList } from '../../core/stats/hints.ts';
import { computeStatsAsync, DEFAULT_MODEL } from '../../core/stats/report.ts';
import type { DatasetStats } from '../../core/stats/datasetStats.ts';
import { loadModelFiles } from '../../core/render/modelFiles.ts';
import { TemplateError } from '../../core/render/chatTemplate.ts';
import { templateExampleTokens } from '../../core/render/templateTokens.ts';
import { EXIT_OK, UsageError, type CliIO } from '../io.ts';
import { fileLines } from '../fileLines.ts';
import { linesAt } from '../linesAt.ts';

export const usage = `Usage: toolcall stats FILE [--model M] [--validation FILE] [--format text|json] [--limit N] [--price USD] [--epochs N]

Reports tokens, estimated training cost, categories, tool coverage and duplicates of a dataset.

  --model M            base model to fine-tune (default ${DEFAULT_MODEL}): encoding, token limit, price
  --validation FILE    validation file to check for examples that repeat the training file
  --format text|json   text: tables; json: the whole report as one JSON object
  --limit N            token limit per example, instead of the model's default
  --price USD          training price per 1M tokens, instead of the model's list price
  --epochs N           epochs, instead of the default OpenAI picks for the file's size
  --template PATH      count tokens as an open model sees them: each line rendered with the chat template of a
                       model folder, tokenizer_config.json or .jinja and counted with the tokenizer.json beside it;
                       the limit is its model_max_length unless --limit is given`;

export async function statsCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      model: { type: 'string', default: DEFAULT_MODEL },
      validation: { type: 'string' },
      format: { type: 'string', default: 'text' },
      limit: { type: 'string' },
      price: { type: 'string' },
      epochs: { type: 'string' },
      template: { type: 'string' },
    },
  });
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}".`);
  if (positionals.length !== 1) throw new UsageError('Give exactly one FILE.');
  const limit = positiveNumber('--limit', values.limit, true);
  const price = positiveNumber('--price', values.price, false);
  const epochs = positiveNumber('--epochs', values.epochs, true);
  const model = values.model;
  const file = path.resolve(io.cwd, positionals[0]);
  const validationFile = values.validation === undefined ? undefined : path.resolve(io.cwd, values.validation);
  for (const f of [file, validationFile]) {
    if (f !== undefined) await access(f).catch(() => { throw new UsageError(`Cannot read ${path.relative(io.cwd, f) || f}.`); });
  }
  const open = values.template === undefined ? undefined : await openModelTokens(path.resolve(io.cwd, values.template), values.template);
  const stats = await computeStatsAsync(readLines(file), {
    model,
    limit: limit ?? open?.maxLength,
    ...(open ? { exampleTokens: open.count } : {}),
    epochs,
    prices: price === undefined ? undefined : { [model]: price },
    validation: validationFile === undefined ? undefined : readLines(validationFile),
    // The first line of each group of possible exact copies is read again, instead of every line's
    // exact key computed; only from files that can be read again (a pipe's lines are gone once read).
    ...(statSync(file).isFile() && (validationFile === undefined || statSync(validationFile).isFile())
      ? { reread: (indexes: number[]) => linesAt(file, indexes), ...(validationFile === undefined ? {} : { validationAgain: () => readLines(validationFile) }) }
      : {}),
  });
  if (open && values.format === 'text') io.stdout(`Tokens counted with the chat template and tokenizer of ${values.template} (not ${stats.encoding}).\n`);
  io.stdout(values.format === 'json' ? JSON.stringify(stats, null, 2) + '\n' : formatStats(positionals[0], stats, values.validation));
  return EXIT_OK;
}

async function openModelTokens(target: string, shown: string): Promise<{ count: (value: unknown) => number; maxLength?: number }> {
  const model = await loadModelFiles(target).catch((error: unknown) => {
    if (error instanceof TemplateError) throw new UsageError(`--template: ${error.message}`);
    throw error;
  });
  const tokenizer = model.tokenizer;
  if (!tokenizer) throw new UsageError(`--template: ${shown} has no tokenizer.json beside it, so tokens cannot be counted.`);
  const count = templateExampleTokens({ ...model, tokenizer });
  return { count, ...(model.maxLength !== undefined ? { maxLength: model.maxLength } : {}) };
}

function readLines(file: string) {
  return fileLines(file);
}

function positiveNumber(flag: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n) || (integer && !Number.isInteger(n))) throw new UsageError(`${flag} expects a positive ${integer ? 'integer' : 'number'}, not "${text}".`);
  return n;
}

const int = (n: number) => n.toLocaleString('en-US');

/** The report as readable tables. */
export function formatStats(file: string, s: DatasetStats, validationFile?: string): string {
  const out: string[] = [];
  out.push(`${file}: ${int(s.examples)} examples${s.invalidLines.length ? `, ${s.invalidLines.length} invalid lines (${lineList(s.invalidLines)})` : ''}; model ${s.model} (${s.encoding})`);
  out.push('');
  const t = s.tokens;
  out.push(`Tokens    total ${int(t.total)}  min ${int(t.min)}  p50 ${int(t.p50)}  mean ${t.mean.toFixed(1)}  p95 ${int(t.p95)}  max ${int(t.max)}`);
  out.push(`          limit ${t.limit === null ? 'unknown' : int(t.limit)} per example; ${t.overLimit.length} over${t.overLimit.length ? ': ' + t.overLimit.slice(0, 5).map((o) => `line ${o.line} (+${int(o.over)})`).join(', ') + (t.overLimit.length > 5 ? ` and ${t.overLimit.length - 5} more` : '') : ''}`);
  const c = s.cost;
  const price = c.pricePerMillion === null ? 'price unknown' : `$${c.pricePerMillion.toFixed(2)}/1M = $${c.estimatedUsd!.toFixed(2)}`;
  out.push(`Cost      ${c.epochs} epochs -> ${int(c.billedTokens)} billed tokens x ${price}`);
  out.push('');
  out.push('Category          examples   share');
  for (const category of CATEGORIES) {
    const n = s.categories[category];
    out.push(`  ${category.padEnd(16)}${String(n).padStart(8)}  ${(s.examples ? (100 * n) / s.examples : 0).toFixed(1).padStart(5)}%`);
  }
  out.push('');
  const names = Object.keys(s.tools);
  if (names.length > 0) {
    const width = Math.max(4, ...names.map((n) => n.length)) + 2;
    out.push(`${'Tool'.padEnd(width + 2)}examples  calls  ${CATEGORIES.map((cat) => cat.padStart(cat.length)).join('  ')}  declared in`);
    for (const name of names) {
      const tool = s.tools[name];
      const cells = CATEGORIES.map((cat) => String(tool.byCategory[cat].calls).padStart(cat.length)).join('  ');
      out.push(`  ${name.padEnd(width)}${String(tool.examples).padStart(8)}  ${String(tool.calls).padStart(5)}  ${cells}  ${String(tool.declaredIn).padStart(11)}`);
    }
    out.push('  (per-category columns count calls)');
    out.push('');
  }
  const findings: string[] = [];
  if (s.weightWarnings.length) findings.push(`Failed call at weight 1: lines ${lineList(s.weightWarnings, 10)}`);
  for (const g of s.duplicates) findings.push(`Exact duplicates: lines ${lineList(g.lines, 10)}`);
  for (const g of s.nearDuplicates) findings.push(`Near duplicates (Jaccard >= ${g.similarity.toFixed(2)}): lines ${lineList(g.lines, 10)}`);
  for (const [name, variants] of Object.entries(s.declarationDrift)) findings.push(`"${name}" declared ${variants.length} ways: ${variants.map((v, i) => `#${i + 1} lines ${lineList(v.lines, 3)}`).join('; ')}`);
  if (s.overlap) {
    const o = s.overlap;
    findings.push(`Validation ${validationFile ?? ''}: ${o.validationExamples} examples, ${o.exact.length} exact and ${o.near.length} near repeats of training lines`);
    for (const e of o.exact) findings.push(`  validation line ${e.validation} = training line${e.train.length > 1 ? 's' : ''} ${lineList(e.train)}`);
    for (const e of o.near) findings.push(`  validation line ${e.validation} ~ training line ${e.train} (Jaccard ${e.similarity.toFixed(2)})`);
  }
  if (findings.length) out.push(...findings, '');
  if (s.hints.length) {
    out.push('Hints');
    for (const hint of s.hints) out.push(`  - ${hint}`);
  }
  return out.join('\n') + '\n';
}
