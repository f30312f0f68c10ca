// Loads a CommonJS bundle as require() does, compiled with V8's code cache (the bytecode of the
// functions that ran, as VS Code's own loader and v8-compile-cache keep it): on every start after
// the first, V8 skips parsing and compiling what start-up runs, about half of the language client's
// load. The cache is a file per bundle content (a content hash names it: V8 itself only checks the
// source's length), rewritten when V8 rejects it (another Node or V8 flags). The extension's
// session file and the CLI's command bundle (cli/commandBundles.ts) load through it.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire, wrap } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** A module loaded with the code cache. */
export interface CachedModule<T> {
  readonly exports: T;
  /** True when V8 took the cached code (false on a first start or a rejected cache). */
  readonly cacheHit: boolean;
  /**
   * Writes the cache when there was none or V8 rejected it; call it once start-up has run, so the
   * functions it compiled are in. Never throws: a cache that cannot be written is only slower.
   */
  save(): void;
}

/**
 * The cache file of `file`'s current content in `cacheDir`. A `variant` keeps caches of one file
 * apart when what runs after loading differs (each CLI command compiles its own functions).
 */
export function cacheFileFor(file: string, source: string, cacheDir: string, variant = ''): string {
  const hash = createHash('sha1').update(source).digest('hex').slice(0, 20);
  return path.join(cacheDir, `${cacheName(file, variant)}.${hash}.v8cache`);
}

const cacheName = (file: string, variant: string) => (variant ? `${path.basename(file)}.${variant}` : path.basename(file));

/**
 * require(file), with the code cache kept in `cacheDir` (not shared with require's module cache).
 * `takenWhenLoaded`: the cache is made as soon as the module has run, and `save` writes that one
 * (the CLI's commands: it is the moment the fewest compile jobs run; a cache made after the run
 * holds more functions, but saved validate of one line only 745 -> 727 M instructions).
 */
export function requireWithCodeCache<T>(file: string, cacheDir: string, variant = '', takenWhenLoaded = false): CachedModule<T> {
  const source = fs.readFileSync(file, 'utf8');
  const cacheFile = cacheFileFor(file, source, cacheDir, variant);
  const cachedData = readIfPresent(cacheFile);
  const script = new vm.Script(wrap(source), { filename: file, cachedData });
  const cacheHit = cachedData !== undefined && !script.cachedDataRejected;
  const module = { exports: {} as T };
  const run = script.runInThisContext() as (exports: T, require: NodeJS.Require, module: { exports: T }, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  const taken = takenWhenLoaded && !cacheHit ? script.createCachedData() : undefined;
  return {
    exports: module.exports,
    cacheHit,
    save: () => {
      if (cacheHit) return;
      try {
        fs.mkdirSync(cacheDir, { recursive: true });
        // Two windows may start at once: write aside, then rename (readers see all or nothing).
        const partial = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(partial, taken ?? script.createCachedData());
        fs.renameSync(partial, cacheFile);
        removeStale(cacheName(file, variant), cacheFile, cacheDir);
      } catch {
        // best effort: the next start compiles again
      }
    },
  };
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Caches of the bundle's earlier contents (an update of the extension) are of no further use. */
function removeStale(name: string, current: string, cacheDir: string): void {
  for (const entry of fs.readdirSync(cacheDir)) {
    // The name, then a hash alone: another variant's caches stay.
    const earlier = entry.startsWith(`${name}.`) && /^[0-9a-f]{20}\.v8cache$/.test(entry.slice(name.length + 1));
    if (earlier && path.join(cacheDir, entry) !== current) fs.rmSync(path.join(cacheDir, entry), { force: true });
  }
}
