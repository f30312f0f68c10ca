import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { glob } from 'tinyglobby';

/**
 * Expands the PATH arguments: a file as is, a folder to every `*.jsonl` under it, anything
 * else as a glob. Returns the files in a stable order and the arguments that matched nothing.
 */
export async function expandPaths(args: string[], cwd: string): Promise<{ files: string[]; unmatched: string[] }> {
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const arg of args) {
    const absolute = path.resolve(cwd, arg);
    const info = await stat(absolute).catch(() => undefined);
    let found: string[];
    if (info?.isFile()) found = [arg];
    else if (info?.isDirectory()) found = await glob('**/*.jsonl', { cwd: absolute, ignore: ['**/node_modules/**'] }).then((f) => f.sort().map((p) => path.join(arg, p)));
    else found = (await glob(arg, { cwd })).sort();
    if (found.length === 0) unmatched.push(arg);
    found.forEach((f) => files.add(f));
  }
  return { files: [...files], unmatched };
}
