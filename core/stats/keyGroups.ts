// Examples grouped by their exact key (a 20-byte sha1 digest, exactKeys.ts), in typed arrays: a
// Map of 100,000 hex strings to arrays of line numbers was ~18 MB of the heap of `toolcall stats`
// on the generated file, three objects per example for the collector to trace. Digests are compared
// in full, so the groups are exactly those of the string keys.
import { Int32List } from './int32List.ts';

const DIGEST_BYTES = 20;
const EMPTY = -1;

export class KeyGroups {
  private digests = new Uint8Array(DIGEST_BYTES * 1024);
  /** Open-addressing table, at most half full: slot -> first member of a group, or EMPTY. */
  private slots = new Int32Array(2048).fill(EMPTY);
  /** Per member: the first member of its group, the next member (or EMPTY), and for a first member its group's last one. */
  private readonly heads = new Int32List();
  private readonly nexts = new Int32List();
  private readonly tails = new Int32List();
  private groups = 0;

  /** Members added. */
  get size(): number {
    return this.heads.length;
  }

  /** Adds a member with this digest (ids count from 0 in order); returns the first member of its group. */
  add(digest: Uint8Array): number {
    const id = this.size;
    const found = this.find(digest);
    if (this.digests.length < (id + 1) * DIGEST_BYTES) {
      // Doubled until it holds this one: members added alone before took no room.
      let length = this.digests.length * 2;
      while (length < (id + 1) * DIGEST_BYTES) length *= 2;
      const grown = new Uint8Array(length);
      grown.set(this.digests);
      this.digests = grown;
    }
    this.digests.set(digest.subarray(0, DIGEST_BYTES), id * DIGEST_BYTES);
    this.nexts.push(EMPTY);
    this.tails.push(id);
    if (found !== EMPTY) {
      this.heads.push(found);
      this.nexts.set(this.tails.get(found), id);
      this.tails.set(found, id);
      return found;
    }
    // A new group: the table grows (placing the groups before this one) before it is placed.
    if ((this.groups + 1) * 2 > this.slots.length) this.grow();
    this.heads.push(id);
    this.groups++;
    this.place(id);
    return id;
  }

  /**
   * Adds a member known to have no copy (deferredKeys.ts): a group of its own, without a digest,
   * so `find` never answers it.
   */
  addAlone(): number {
    const id = this.size;
    this.heads.push(id);
    this.nexts.push(EMPTY);
    this.tails.push(id);
    return id;
  }

  /** The first member whose digest is `digest`, or -1. */
  find(digest: Uint8Array): number {
    const mask = this.slots.length - 1;
    for (let slot = slotHash(digest, 0) & mask; ; slot = (slot + 1) & mask) {
      const member = this.slots[slot];
      if (member === EMPTY || this.sameDigest(member, digest)) return member;
    }
  }

  /** The first member of the group of `id`. */
  headOf(id: number): number {
    return this.heads.get(id);
  }

  /** The members of the group whose first member is `head`, in the order they were added. */
  members(head: number): number[] {
    const members: number[] = [];
    for (let id = head; id !== EMPTY; id = this.nexts.get(id)) members.push(id);
    return members;
  }

  /** Whether the group of `head` has two or more members. */
  isShared(head: number): boolean {
    return this.nexts.get(head) !== EMPTY;
  }

  private sameDigest(member: number, digest: Uint8Array): boolean {
    const at = member * DIGEST_BYTES;
    for (let i = 0; i < DIGEST_BYTES; i++) if (this.digests[at + i] !== digest[i]) return false;
    return true;
  }

  private place(head: number): void {
    const mask = this.slots.length - 1;
    let slot = slotHash(this.digests, head * DIGEST_BYTES) & mask;
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.slots[slot] = head;
  }

  // The groups in the table are placed again (not every first member: those added alone have no digest).
  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(EMPTY);
    for (const head of old) if (head !== EMPTY) this.place(head);
  }
}

/** The digest's first four bytes: a sha1 digest is already uniformly spread. */
function slotHash(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}
