import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { splitLines } from '../../core/dataset/lines.ts';
import { loadModelFiles } from '../../core/render/modelFiles.ts';
import { TemplateError } from '../../core/render/chatTemplate.ts';
import { markSpans, previewLine, PreviewError, type TrainingPreview } from '../../core/render/preview.ts';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO } from '../io.ts';

export const usage = `Usage: toolcall render FILE --template PATH [--line N] [--format text|json]

Renders dataset lines with an open model's chat template, marks the trained spans and counts tokens with its tokenizer.

  --template PATH     a model folder, its tokenizer_config.json, or a .jinja chat template
                      (token counts need a tokenizer.json beside it)
  --line N            only line N (1-based; default every line)
  --format text|json  text: the rendered text with [train]...[/train] around trained assistant turns
                      ([no-train] for "weight": 0), token counts and template findings;
                      json: one object per line {line, text, spans, tokens, findings}`;

const OPTIONS = {
  template: { type: 'string' },
  line: { type: 'string' },
  format: { type: 'string', default: 'text' },
} as const;

export async function renderCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('Give exactly one FILE.');
  if (!values.template) throw new UsageError('Give the chat template with --template PATH.');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format expects text or json, not "${values.format}".`);
  const only = values.line === undefined ? undefined : Number(values.line);
  if (only !== undefined && !(Number.isSafeInteger(only) && only >= 1)) throw new UsageError(`--line expects a line number from 1, not "${values.line}".`);

  const file = positionals[0];
  const text = await readFile(path.resolve(io.cwd, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read ${file} (${error.code ?? error.message}).`);
  });
  const model = await loadModelFiles(path.resolve(io.cwd, values.template)).catch((error: unknown) => {
    if (error instanceof TemplateError) throw new UsageError(`--template: ${error.message}`);
    throw error;
  });
  if (!model.tokenizer && values.format === 'text') io.stderr(`${values.template}: no tokenizer.json beside the template; tokens are not counted.\n`);

  let failed = 0;
  let findingsShown = false;
  for (const line of splitLines(text.replace(/^\uFEFF/, ''))) {
    const number = line.index + 1;
    if (only !== undefined && number !== only) continue;
    if (line.text.trim() === '') continue;
    let preview: TrainingPreview;
    try {
      preview = previewLine(line.text, number, model);
    } catch (error) {
      if (!(error instanceof PreviewError)) throw error;
      failed++;
      io.stderr(`${file}:${number}: ${error.message}\n`);
      continue;
    }
    if (values.format === 'json') {
      io.stdout(JSON.stringify(preview) + '\n');
      continue;
    }
    io.stdout(`${file}:${number}: ${summary(preview)}\n${markSpans(preview)}\n`);
    if (preview.spanProblem) io.stdout(`${file}:${number}: ${preview.spanProblem}\n`);
    // The template findings are the same for every line: print them once.
    if (!findingsShown) for (const f of preview.findings) io.stdout(`${values.template}: ${f.code} ${f.message}\n`);
    findingsShown = true;
  }
  if (only !== undefined && !findingsShown && failed === 0 && values.format === 'text') throw new UsageError(`${file} has no line ${only} with an example.`);
  return failed > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

function summary(p: TrainingPreview): string {
  const turns = p.spans.filter((s) => s.trained).length;
  const chars = `${p.text.length} characters, ${turns} trained assistant turn${turns === 1 ? '' : 's'}`;
  return p.tokens ? `${chars}, ${p.tokens.total} tokens of which ${p.tokens.trained} trained` : chars;
}
