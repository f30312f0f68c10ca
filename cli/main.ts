import { EXIT_USAGE, UsageError, type CliIO } from './io.ts';
import { runAfterCommand } from './afterCommand.ts';
import { DescriptorOutput } from './descriptorOutput.ts';
import { BufferedOutput } from './output.ts';
import { printable } from '../core/text/printable.ts';
import { setCommandFlags, setLoadedCommandFlags } from './commandFlags.ts';

type Command = { run: (argv: string[], io: CliIO) => Promise<number>; usage: string };

/**
 * Every subcommand, by name, loaded on use: a `require` the bundler keeps lazy, so `toolcall
 * validate` never evaluates the statistics, fine-tuning or evaluation code.
 */
const COMMANDS: Record<string, () => Command> = {
  validate: () => {
    const m = require('./commands/validate.ts') as typeof import('./commands/validate.ts');
    return { run: m.validateCommand, usage: m.usage };
  },
  stats: () => {
    const m = require('./commands/stats.ts') as typeof import('./commands/stats.ts');
    return { run: m.statsCommand, usage: m.usage };
  },
  split: () => {
    const m = require('./commands/split.ts') as typeof import('./commands/split.ts');
    return { run: m.splitCommand, usage: m.usage };
  },
  finetune: () => {
    const m = require('./commands/finetune.ts') as typeof import('./commands/finetune.ts');
    return { run: m.finetuneCommand, usage: m.usage };
  },
  eval: () => {
    const m = require('./commands/eval.ts') as typeof import('./commands/eval.ts');
    return { run: m.evalCommand, usage: m.usage };
  },
  convert: () => {
    const m = require('./commands/convert.ts') as typeof import('./commands/convert.ts');
    return { run: m.convertCommand, usage: m.usage };
  },
  render: () => {
    const m = require('./commands/render.ts') as typeof import('./commands/render.ts');
    return { run: m.renderCommand, usage: m.usage };
  },
  tools: () => {
    const m = require('./commands/tools.ts') as typeof import('./commands/tools.ts');
    return { run: m.toolsCommand, usage: m.usage };
  },
};

const help = () => `toolcall: check, train and evaluate OpenAI tool-calling datasets

Commands:
${Object.entries(COMMANDS).map(([name, load]) => `  ${name.padEnd(10)} ${summaryOf(load().usage)}`).join('\n')}

Run "toolcall COMMAND --help" for a command's options.`;

/** A command's one-line description: the first line after its usage lines (some take two). */
export function summaryOf(usage: string): string {
  return usage.split('\n\n')[1]?.split('\n')[0] ?? '';
}

/** `onLoaded`: called with the command's name once its code has loaded, before it runs (the binary's late flags). */
export async function runCli(argv: string[], rawIO: CliIO, onLoaded?: (commandName: string) => void): Promise<number> {
  // Diagnostics on stderr quote the data (names, service messages): never let them drive the terminal.
  const io: CliIO = { ...rawIO, stderr: (text) => rawIO.stderr(printable(text)) };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.stdout(help() + '\n');
    return name ? 0 : EXIT_USAGE;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name]() : undefined;
  if (!command) {
    io.stderr(`toolcall: unknown command "${name}".\n${help()}\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage + '\n');
    return 0;
  }
  onLoaded?.(name);
  try {
    const code = await command.run(rest, io);
    runAfterCommand();
    return code;
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
  // The compiler's flags only in the built binary (dist/cli.js), where this is the first code to
  // run. Run from its sources under a loader (the tests' tsx), the loader's own code is being
  // compiled on V8's threads as this line runs, and changing them there crashed V8 in CI ("Check
  // failed: inlineability", brokenPipe.test.ts).
  if (__filename.endsWith('.js')) setCommandFlags(process.argv[2]);
  // A reader that stops early (`toolcall validate data.jsonl | head`) closes the pipe, and the rest
  // of the output has nowhere to go: end quietly with status 1, as Python does on a broken pipe
  // (the run did not finish), instead of an unhandled 'error' event and its stack trace.
  const readerGone = () => process.exit(1);
  const stdoutStream = () => {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      readerGone();
    });
    return process.stdout;
  };
  // Diagnostics nobody reads any more are dropped; the run goes on.
  const stderrStream = () =>
    process.stderr.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  const windows = process.platform === 'win32';
  const stdout = new BufferedOutput(windows ? stdoutStream() : new DescriptorOutput(1, stdoutStream, readerGone));
  const stderr = windows ? stderrStream() : new DescriptorOutput(2, stderrStream, () => undefined);
  const io: CliIO = {
    stdout: (t) => stdout.write(t),
    writable: () => stdout.writable(),
    flush: () => stdout.flush(),
    stderr: (t) => stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
  };
  runCli(process.argv.slice(2), io, setLoadedCommandFlags)
    .then(async (code) => {
      await stdout.flush();
      process.exitCode = code;
    });
}
