// The V8 flags each command runs with (core/v8Flags.ts, where each is measured). The `toolcall`
// binary sets them as its first act, before any command code is loaded or compiled: V8's compiler
// threads read flags while they work, and changing them under a running compile crashed V8 in CI
// (a fatal "Check failed: inlineability" in TurboFan's inliner). Set once, never set back; a run
// inside another process (a test runner, a host) sets none, and the sources run under a loader set
// only the heap's (main.ts).
import { inlineOnlyTinyFunctions, keepYoungGenerationSmall, peelNoLoops, tierUpSooner } from '../core/v8Flags.ts';

const FLAGS_OF_COMMAND: Record<string, readonly (() => void)[]> = {
  // One pass over each line: compiling is much of the CPU, so compile less.
  validate: [inlineOnlyTinyFunctions, peelNoLoops],
  // Scoring predictions is one pass too, and keeps no case once scored; asking a model spends its
  // time waiting, where these change nothing. A young generation left to grow was scavenged 30
  // times instead of 102 on the generated eval bench set (2,571 against 2,611 M instructions), but
  // its peak RSS went to 63 and 73 MB (bench), 1.9x the lesson's Python's on the real set.
  eval: [keepYoungGenerationSmall, inlineOnlyTinyFunctions, peelNoLoops, tierUpSooner],
};

/**
 * Flags set once the command's code has loaded. Only flags no compiler reads (the heap's): stats
 * keeps its young generation at the size loading its code grows it to (4 MB). Per-line garbage
 * dies young, and a young generation grown to 2 x 16 MB stays resident (peak RSS on the generated
 * bench file 260-297 -> 227-261 MB, real 238 -> 200 MB); kept at the initial 1 MB from the start,
 * a run scavenged twice as often (first 30,000 generated lines: 388 against 202 scavenges).
 */
const FLAGS_ONCE_LOADED: Record<string, readonly (() => void)[]> = {
  stats: [keepYoungGenerationSmall],
};

/** Sets the V8 flags of the command named first on the command line; other commands have none. */
export function setCommandFlags(commandName: string | undefined): void {
  for (const set of flagsOf(FLAGS_OF_COMMAND, commandName)) set();
}

/** Sets the command's flags that wait for its code to load (FLAGS_ONCE_LOADED). */
export function setLoadedCommandFlags(commandName: string): void {
  for (const set of flagsOf(FLAGS_ONCE_LOADED, commandName)) set();
}

function flagsOf(table: Record<string, readonly (() => void)[]>, commandName: string | undefined): readonly (() => void)[] {
  return commandName !== undefined && Object.hasOwn(table, commandName) ? table[commandName]! : [];
}
