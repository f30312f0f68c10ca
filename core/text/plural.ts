// Every count we print beside its noun: "1 example", "0 examples", "2 errors".

/** `n` (written by `show`) and `word`, with an "s" unless `n` is 1. */
export function plural(n: number, word: string, show: (n: number) => string = String): string {
  return `${show(n)} ${word}${n === 1 ? '' : 's'}`;
}
