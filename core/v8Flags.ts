// V8 flags a process sets for itself at run time, each read by V8 whenever it applies (so setting
// them after start-up works). Process-wide: call them only from a process's entry (the server's,
// a worker's, the CLI's: cli/commandFlags.ts), before it compiles much, and never set one back
// (V8's compiler threads read flags while they work); never from code run inside a host.
import { setFlagsFromString } from 'node:v8';

/**
 * Keeps V8's young generation at its initial size. Under fast allocation V8 doubles it up to
 * 2 x 16 MB, which then stays as resident memory, while what a check or a scored case allocates
 * dies young either way. Measured: the language server on the real 50 MB bench file, RSS after
 * the edits 207 -> 178 MB with no more CPU for the first check; `toolcall eval --predictions` on
 * the real eval bench, peak RSS 73 -> 59 MB for ~0.6% more instructions. V8 reads the flag
 * whenever it would grow the space, so setting it at run time works (on the command line V8
 * overrides it).
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString(SMALL_YOUNG_GENERATION);
}

/** The flag of `keepYoungGenerationSmall` (a worker thread's code sets it before it loads anything). */
export const SMALL_YOUNG_GENERATION = '--semi-space-growth-factor=1';

/**
 * Tells V8's optimizing compiler to inline only tiny functions (up to 30 bytes of bytecode, not
 * 460). A run that reads each line once spends much of its CPU compiling, and inlining makes each
 * optimized function bigger to compile and to throw away on a deoptimization. `toolcall eval
 * --predictions`, whole process (cachegrind, node --single-threaded), real eval bench set: 9.86 G
 * instructions, 9.17 G without inlining, 9.07 G with this; generated: 6.23, 5.42, 5.33 G.
 * `toolcall validate`, first 20,000 lines of each bench file: real 8.97 -> 7.84 G, generated
 * 5.64 -> 5.21 G. Same output. Read whenever a function is optimized, so setting it at run time works.
 */
export function inlineOnlyTinyFunctions(): void {
  setFlagsFromString('--max-inlined-bytecode-size=30');
}

/**
 * Tells V8's optimizing compiler not to peel loops (copy a loop's first iteration out of it so
 * that what it checks once need not be checked again). A run that reads each line once compiles
 * much of what it runs, and peeling makes every loop's graph bigger to compile. `toolcall eval
 * --predictions`, whole process (cachegrind, node --single-threaded), on top of
 * inlineOnlyTinyFunctions: generated eval bench set 4.16 -> 4.05 G instructions, real 5.73 ->
 * 5.57 G; `toolcall validate --format json`, first 20,000 lines of each bench file: generated
 * 4.98 -> 4.76 G, real 7.01 -> 6.78 G. Same output. Read whenever a function is optimized, so
 * setting it at run time works.
 */
export function peelNoLoops(): void {
  setFlagsFromString('--no-turbo-loop-peeling');
}

/**
 * Tells V8 to optimize a function after less work in its slower tiers (an interrupt budget of
 * 40 KB of bytecode run, not 132 KB). A run that reads each line once spends much of it in code
 * not yet optimized: `toolcall eval --predictions`, whole process (cachegrind, node
 * --single-threaded --predictable), generated eval bench set 2,575 -> 2,546 M instructions, real
 * 3,882 -> 3,855 M; 20 KB optimized too much too soon (2,600 / 3,935 M), 70 KB gave 2,579 /
 * 3,888 M. Read when a function's feedback is first allocated: set before the command's code loads.
 */
export function tierUpSooner(): void {
  setFlagsFromString('--interrupt-budget=40960');
}
