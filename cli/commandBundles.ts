// dist/cli.js takes every command but eval from dist/cliCommands.js (scripts/build.mjs), loaded
// through V8's code cache: from the second run on, validate of a one-line file takes 620 M
// instructions instead of 939 M (a bare `node -e ''` 513 M), about 37 ms less CPU, and stats as
// much (measured with a cache made after the run; the cache is now made as soon as the bundle has
// loaded: one line, CPU ~130-150 ms without, ~90-100 ms with it). V8 takes a cache only under the
// flags it was made with: the binary sets each command's flags before loading anything
// (commandFlags.ts), hence one cache per command, written once the command has run (not after
// --help or a usage error). It lives in the user's cache folder, never the working directory; a
// cache that cannot be read or written is skipped.
// dist/cliEval.js is required plainly: it is 75 KB, and its cache would save less than loading
// node:crypto for the content hash costs (scoring predictions loads no crypto).
import { homedir } from 'node:os';
import * as path from 'node:path';
import { requireWithCodeCache, type CachedModule } from '../core/codeCache.ts';
import { afterCommand } from './afterCommand.ts';

/** TOOLCALL_CODE_CACHE=off loads the bundles without the cache (and writes none). */
export const CODE_CACHE_SETTING = 'TOOLCALL_CODE_CACHE';

/** The bundles loaded with the cache, by file (once each, as require() would). */
const loaded = new Map<string, CachedModule<unknown>>();

/** Where the code caches live: $XDG_CACHE_HOME/toolcall-studio/code-cache, else ~/.cache/...; undefined when turned off. */
export function codeCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env[CODE_CACHE_SETTING] === 'off') return undefined;
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(homedir(), '.cache');
  return path.join(base, 'toolcall-studio', 'code-cache');
}

/**
 * require(file) for `command`, with the code cache when there is a cache folder. The first
 * command asking for a bundle names its cache (--help asks for every command, and saves none).
 * The cache of a bundle loaded without one is made when it has loaded (core/codeCache.ts,
 * takenWhenLoaded) and written once the command has run.
 */
export function requireCommandBundle(file: string, command: string): unknown {
  const dir = codeCacheDir(process.env);
  if (dir === undefined) return require(file);
  let module = loaded.get(file);
  if (!module) {
    const loading = requireWithCodeCache<unknown>(file, dir, command, true);
    loaded.set(file, (module = loading));
    afterCommand(() => loading.save());
  }
  return module.exports;
}
