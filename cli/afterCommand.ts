// Work that waits until a command has run to its end (not after --help or a usage error): the
// code cache of a command's bundle is written then, so that it holds the functions the command
// compiled (cli/commandBundles.ts). A file of its own so that dist/cli.js's dispatcher imports
// nothing of the code cache: the bundler initialises that code, and requires the built-ins it
// uses (crypto, vm, v8...), only when a command's bundle is loaded, so `toolcall eval` never does
// (imported up front, they cost eval +14 M instructions).
const tasks: (() => void)[] = [];

/** Runs `task` once the command has run. */
export function afterCommand(task: () => void): void {
  tasks.push(task);
}

/** Called by the dispatcher (cli/main.ts) when a command has returned its exit code. */
export function runAfterCommand(): void {
  for (const task of tasks.splice(0)) task();
}
