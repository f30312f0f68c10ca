// Whether a file's bytes are all UTF-8, read a piece at a time through one buffer: the language
// server asks this of every open dataset (TC108), and holding a 50 MB file whole until V8's next
// full collection kept the real bench document's server at 4.6x its size after the edits.
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';

const PIECE_BYTES = 1 << 20;

/** True when every byte of `file` is UTF-8 (an empty file is). Throws as fs does. */
export async function isUtf8File(file: string, pieceBytes = PIECE_BYTES): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(Math.max(4, pieceBytes));
    let held = 0; // the bytes of a character cut by the last read, moved to the front
    for (;;) {
      const { bytesRead } = await handle.read(buffer, held, buffer.length - held, null);
      const filled = held + bytesRead;
      if (bytesRead === 0) return isUtf8(buffer.subarray(0, filled));
      const end = wholeCharactersEnd(buffer, filled);
      if (!isUtf8(buffer.subarray(0, end))) return false;
      buffer.copy(buffer, 0, end, filled);
      held = filled - end;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Where the bytes [0, filled) stop having a multi-byte character cut off at their end: before
 * the lead byte of a last character whose continuation bytes are not all there yet, else `filled`.
 * Bytes that are not UTF-8 at the end are left in (isUtf8 rejects them here or with the next piece).
 */
export function wholeCharactersEnd(bytes: Uint8Array, filled: number): number {
  let lead = filled - 1;
  while (lead >= 0 && filled - lead < 4 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return filled;
  const byte = bytes[lead]!;
  const length = byte >= 0xf8 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
  return filled - lead < length ? lead : filled;
}
