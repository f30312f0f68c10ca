// cli/descriptorOutput.ts writes the command line's stdout and stderr to their descriptors with
// fs.writeSync: every byte in order through a real file, partial writes finished, a descriptor
// answering EAGAIN handing the rest to the stream (which then makes the writer wait for 'drain'),
// a reader gone (EPIPE) said once, any other error thrown.
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import { DescriptorOutput } from '../../../cli/descriptorOutput.ts';
import { BufferedOutput } from '../../../cli/output.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-descriptor-output-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const TEXTS = ['plain\n', 'é😀 ünïcödé\n', '', 'x'.repeat(100_000) + '\n', 'last'];

/** A stream that keeps what it is given, and says it is full (write false) while `full`. */
class Kept extends Writable {
  text = '';
  full = false;
  override write(chunk: string | Uint8Array): boolean {
    this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return !this.full;
  }
}

const noStream = () => assert.fail('no stream is opened');

test('every byte, in order, to a real file', () => {
  const file = path.join(dir, 'out.txt');
  const fd = openSync(file, 'w');
  const out = new DescriptorOutput(fd, noStream, () => assert.fail('no EPIPE'));
  for (const t of TEXTS) assert.equal(out.write(t), true);
  out.write(Buffer.from('bytes too\n'));
  closeSync(fd);
  assert.equal(readFileSync(file, 'utf8'), TEXTS.join('') + 'bytes too\n');
});

test('partial writes are finished', () => {
  const written: number[] = [];
  // A descriptor that takes at most 7 bytes a call.
  const out = new DescriptorOutput(9, noStream, () => assert.fail('no EPIPE'), (fd, bytes, offset) => {
    assert.equal(fd, 9);
    const n = Math.min(7, bytes.length - offset);
    written.push(...bytes.subarray(offset, offset + n));
    return n;
  });
  for (const t of TEXTS) out.write(t);
  assert.equal(Buffer.from(written).toString('utf8'), TEXTS.join(''));
});

test('EAGAIN: the write\'s rest and every later write go to the stream, which makes BufferedOutput wait for drain', async () => {
  const stream = new Kept();
  let direct = '';
  let calls = 0;
  const out = new DescriptorOutput(1, () => stream, () => assert.fail('no EPIPE'), (_fd, bytes, offset) => {
    // The third call finds the descriptor full, after taking 3 bytes in the second.
    if (++calls === 3) throw Object.assign(new Error('EAGAIN: resource temporarily unavailable, write'), { code: 'EAGAIN' });
    const n = calls === 2 ? 3 : bytes.length - offset;
    direct += Buffer.from(bytes.subarray(offset, offset + n)).toString('utf8');
    return n;
  });
  out.write('first\n');
  out.write('second\n');
  out.write('third\n');
  assert.deepEqual([direct, stream.text, calls], ['first\nsec', 'ond\nthird\n', 3]);
  // Through BufferedOutput: a full stream holds the writer until it drains.
  stream.full = true;
  const buffered = new BufferedOutput(out, 4);
  buffered.write('waits\n');
  let waited = true;
  const writable = buffered.writable().then(() => (waited = false));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(waited, true);
  stream.full = false;
  stream.emit('drain');
  await writable;
  assert.equal(stream.text, 'ond\nthird\nwaits\n');
});

test('EPIPE: the reader gone is said and the text dropped; another error is thrown', () => {
  let gone = 0;
  const epipe = new DescriptorOutput(1, noStream, () => gone++, () => {
    throw Object.assign(new Error('EPIPE: broken pipe, write'), { code: 'EPIPE' });
  });
  assert.equal(epipe.write('lost\n'), true);
  assert.equal(gone, 1);
  const eio = new DescriptorOutput(1, noStream, () => gone++, () => {
    throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
  });
  assert.throws(() => eio.write('x'), /EIO/);
  assert.equal(gone, 1);
});
