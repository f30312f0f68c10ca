// Text from a dataset, a results file or a service reaches the user's terminal through the
// CLI's text output. Raw ESC/BEL/CSI bytes there can retitle the terminal, erase lines or fake
// output, and bidi overrides can reorder what is shown, so they are printed as escapes instead.

/** C0 controls but tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate marks. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Like UNSAFE, but also newline and tab: for one field of a one-line record. */
const UNSAFE_IN_FIELD = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const escape = (c: string) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');

/** `text` with every control character that a terminal would act on written as `\uXXXX`; tab and newline kept. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** One field of a one-line record (a file name, a message): newline and tab escaped too. */
export function printableField(text: string): string {
  return text.replace(UNSAFE_IN_FIELD, escape);
}
