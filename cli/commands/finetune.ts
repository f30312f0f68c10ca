// `toolcall finetune SUBCOMMAND`: launch and follow OpenAI fine-tuning jobs.
import { DEFAULT_BASE_URL } from '../../core/openai/client.ts';
import { EXIT_PROBLEMS, UsageError, type CliIO } from '../io.ts';
import { finetuneCreate } from './finetuneCreate.ts';
import { finetuneCancel, finetuneEvents, finetuneFind, finetuneList, finetuneStatus } from './finetuneJobs.ts';
import { failureMessage, MissingKeyError } from './finetuneShared.ts';

export const usage = `Usage: toolcall finetune create FILE --model M [options] [--wait]
       toolcall finetune list|status JOB|events JOB|cancel JOB|find TOKEN

Launches and follows OpenAI fine-tuning jobs (validates, uploads, creates exactly once).

The API key comes from OPENAI_API_KEY; the base URL from --base-url or OPENAI_BASE_URL
(default ${DEFAULT_BASE_URL}). create prints the job id as its last line.

create FILE --model M   validate FILE (errors refuse the launch), upload it, create a supervised job
  --epochs N|auto       n_epochs, 1..50        --batch-size N|auto   batch_size, 1..256
  --lr-multiplier X|auto  learning_rate_multiplier, > 0
  --suffix S            1..64 characters       --seed N              0..2147483647
  --validation FILE     validation file (validated too; lines shared with FILE are reported)
  --severity CODE=LEVEL override a rule's severity while validating; repeatable
  --wait                follow the job; exit 0 when it succeeds, 1 otherwise
  --poll-ms N           first poll interval with --wait, and first wait between look-ups of the
                        token after a create with no clear answer (default 2000)
list [--limit N]        newest jobs first
status JOB              the job's fields; a failed job's error and the line it names
events JOB [--limit N]  the job's events, oldest first
cancel JOB              cancel a job that is still running
find TOKEN              the job a create made, by the idempotency token create printed; after a
                        create with no clear answer, run this before creating again
Every subcommand: --base-url URL, --debug (SDK debug log on stderr; the key is never printed).`;

const SUBCOMMANDS: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
  create: finetuneCreate,
  list: finetuneList,
  status: finetuneStatus,
  events: finetuneEvents,
  cancel: finetuneCancel,
  find: finetuneFind,
};

export async function finetuneCommand(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  const sub = name === undefined ? undefined : SUBCOMMANDS[name];
  if (!sub) throw new UsageError(name === undefined ? 'Give a subcommand: create, list, status, events, cancel or find.' : `Unknown subcommand "${name}".`);
  try {
    return await sub(rest, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw error;
    if (error instanceof MissingKeyError) {
      io.stderr(`toolcall finetune: ${error.message}\n`);
      return EXIT_PROBLEMS;
    }
    io.stderr(`toolcall finetune ${name}: ${failureMessage(error, io.env['OPENAI_API_KEY'])}\n`);
    return EXIT_PROBLEMS;
  }
}
