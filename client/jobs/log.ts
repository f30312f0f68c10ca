// Everything the jobs feature writes to the output channel goes through here: each line is
// redacted (the current key, Bearer tokens, anything shaped like `sk-...`) before it reaches
// the channel, and the last lines are kept so tests can read exactly what was written.
import { redactSecrets, type LogLevel } from '../../core/openai/client.ts';

export type Level = Exclude<LogLevel, 'off'>;

/** Where redacted lines go (the LogOutputChannel's methods). */
export type LineSink = (level: Level, text: string) => void;

export class JobsLog {
  private readonly lines: string[] = [];
  private readonly secrets = new Set<string>();

  constructor(
    private readonly sink: LineSink,
    private readonly keep = 2000,
  ) {}

  /** A secret to remove from every later line (the key in use). */
  addSecret(secret: string | undefined): void {
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  write(level: Level, text: string): void {
    const clean = redactSecrets(text, [...this.secrets]);
    this.lines.push(`[${level}] ${clean}`);
    if (this.lines.length > this.keep) this.lines.splice(0, this.lines.length - this.keep);
    this.sink(level, clean);
  }

  info(text: string): void {
    this.write('info', text);
  }

  warn(text: string): void {
    this.write('warn', text);
  }

  error(text: string): void {
    this.write('error', text);
  }

  /** Every line written so far (bounded), as written to the channel. */
  text(): string {
    return this.lines.join('\n');
  }
}
