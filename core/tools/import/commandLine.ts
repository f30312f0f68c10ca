// A command line typed by a person ("node server.js --root 'my dir'") as argv, and the
// per-command memory of the person's consent to run it.
import type { McpServerSource } from './sourceConfig.ts';

/** Splits like a POSIX shell without expansions: whitespace separates, quotes group, backslash escapes (not in single quotes). */
export function splitCommandLine(text: string): string[] | { error: string } {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (quote) return { error: `The command line has an unclosed ${quote} quote.` };
  if (inWord) args.push(current);
  return args;
}

/** What a consent is remembered by: the exact command line and the directory it runs in. */
export function consentKey(commandLine: string, cwd: string): string {
  return JSON.stringify([commandLine, cwd]);
}

/**
 * Remembers which command lines a person allowed to run (per workspace). `ask` shows the exact
 * command and resolves true only on an explicit yes; the answer is remembered only when yes.
 */
export class CommandConsent {
  constructor(
    private readonly store: { get(): string[]; set(keys: string[]): Thenable<void> | Promise<void> | void },
    private readonly ask: (commandLine: string, cwd: string) => Thenable<boolean> | Promise<boolean>,
  ) {}

  /** True when the command was allowed before (no question asked). */
  allowed(commandLine: string, cwd: string): boolean {
    return this.store.get().includes(consentKey(commandLine, cwd));
  }

  /** Asks the first time; true when the command may run. */
  async request(commandLine: string, cwd: string): Promise<boolean> {
    if (this.allowed(commandLine, cwd)) return true;
    if (!(await this.ask(commandLine, cwd))) return false;
    await this.store.set([...this.store.get(), consentKey(commandLine, cwd)]);
    return true;
  }
}

/** `{command, args}` or `{url}` from what was typed, or a message saying what is wrong. */
export function mcpServerOf(typed: string): McpServerSource | { error: string } {
  const text = typed.trim();
  if (/^https?:\/\//i.test(text)) return { url: text };
  const argv = splitCommandLine(text);
  if ('error' in argv) return argv;
  if (argv.length === 0) return { error: 'Type the command that starts the MCP server, or its http(s) URL.' };
  return { command: argv[0], args: argv.slice(1) };
}
