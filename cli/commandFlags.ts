// The V8 flags each command runs with (core/v8Flags.ts, where each is measured). The `toolcall`
// binary sets them as its first act, before any command code is loaded or compiled: V8's compiler
// threads read flags while they work, and changing them under a running compile crashed V8 in CI
// (a fatal "Check failed: inlineability" in TurboFan's inliner). Set once, never set back; a run
// inside another process (a test runner, a host) sets none.
import { inlineOnlyTinyFunctions, keepYoungGenerationSmall, peelNoLoops } from '../core/v8Flags.ts';

const FLAGS_OF_COMMAND: Record<string, readonly (() => void)[]> = {
  // One pass over each line: compiling is much of the CPU, so compile less.
  validate: [inlineOnlyTinyFunctions, peelNoLoops],
  // Per-line garbage dies young; a young generation grown to 2 x 16 MB stays resident (peak RSS on
  // the generated bench file 260-297 -> 227-261 MB, real 238 -> 200 MB; CPU the same within noise).
  stats: [keepYoungGenerationSmall],
  // Scoring predictions is one pass too, and keeps no case once scored; asking a model spends its
  // time waiting, where these change nothing.
  eval: [keepYoungGenerationSmall, inlineOnlyTinyFunctions, peelNoLoops],
};

/** Sets the V8 flags of the command named first on the command line; other commands have none. */
export function setCommandFlags(commandName: string | undefined): void {
  if (commandName === undefined || !Object.hasOwn(FLAGS_OF_COMMAND, commandName)) return;
  for (const set of FLAGS_OF_COMMAND[commandName]!) set();
}

