import { EXIT_USAGE, UsageError, type CliIO } from './io.ts';
import { BufferedOutput } from './output.ts';
import { validateCommand, usage as validateUsage } from './commands/validate.ts';
import { statsCommand, usage as statsUsage } from './commands/stats.ts';
import { splitCommand, usage as splitUsage } from './commands/split.ts';
import { finetuneCommand, usage as finetuneUsage } from './commands/finetune.ts';
import { evalCommand, usage as evalUsage } from './commands/eval.ts';
import { toolsCommand, usage as toolsUsage } from './commands/tools.ts';

type Command = { run: (argv: string[], io: CliIO) => Promise<number>; usage: string };

/** Every subcommand, by name. */
const COMMANDS: Record<string, Command> = {
  validate: { run: validateCommand, usage: validateUsage },
  stats: { run: statsCommand, usage: statsUsage },
  split: { run: splitCommand, usage: splitUsage },
  finetune: { run: finetuneCommand, usage: finetuneUsage },
  eval: { run: evalCommand, usage: evalUsage },
  tools: { run: toolsCommand, usage: toolsUsage },
};

const HELP = `toolcall: check, train and evaluate OpenAI tool-calling datasets

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.usage.split('\n')[2] ?? ''}`).join('\n')}

Run "toolcall COMMAND --help" for a command's options.`;

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.stdout(HELP + '\n');
    return name ? 0 : EXIT_USAGE;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`toolcall: unknown command "${name}".\n${HELP}\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`toolcall ${name}: ${(error as Error).message}\n${command.usage}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`toolcall ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}

// Run when bundled as dist/cli.js or executed directly, not when imported by tests.
if (require.main === module) {
  const stdout = new BufferedOutput(process.stdout);
  const io: CliIO = {
    stdout: (t) => stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
  };
  runCli(process.argv.slice(2), io)
    .then(async (code) => {
      await stdout.flush();
      process.exitCode = code;
    });
}
