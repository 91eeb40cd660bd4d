// Decoded arrays kept on disk, so decoding 60000 JPEGs happens once. A loader passes a key (its
// options plus a fingerprint of the source files) and a build function; the result, any tree of
// typed arrays, strings and numbers, is written as one binary file:
//   "GBDC0002" | u32 JSON length | JSON (the tree, arrays as {$ta, n, o}) | arrays, each 8-aligned
//   | sha256 of every byte before it (32 bytes);
// o is an array's byte offset from the end of the header.
// Reading allocates each array on its own and reads into it (no views into a shared buffer, so
// a later structured clone copies only that array), hashing the bytes as they pass, and returns
// nothing until the hash matches: a truncated, altered or hash-less (GBDC0001) file is logged,
// removed and rebuilt (see cache-integrity.ts). Writing hashes the buffers it already holds.
// Cost of the hash, on decoded CIFAR-10 JPEG (60000 x 32x32x3 + labels, 184.6 MB; medians of 7 on
// the 2 shared cores of the dev machine): sha256 runs at ~1.6 GB/s (SHA-NI), 0.12 s. Reading and then touching
// every page, as the first consumer does, went from 0.71 s to 0.82 s (+0.12 s, the hash itself); the
// bare read from 0.51 s to 0.82 s, because hashing is now what first touches the freshly read pages
// (slow here), which the consumer used to pay. Fashion-MNIST (55 MB): +0.07 s. Writes (0.1-0.5 s,
// mostly page-cache writeback) showed no difference beyond their noise. Decoding takes ~10 s.
// Keys include folderFingerprint(): every file's name, size and mtime. A synchronous stat walk
// costs ~0.2 s for 60000 files (the async one ~2 s: thread-pool round trips) against ~10 s to
// decode them.
import { createHash, type Hash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CacheIntegrityError, failureReason, logRebuild } from './cache-integrity.ts';
import { cacheRoot, type SearchOptions } from './places.ts';

const MAGIC = 'GBDC0002';
const UNHASHED_MAGIC = 'GBDC0001'; // the format before the trailing sha256: never trusted
const HEAD = 12; // magic + u32 JSON length
const DIGEST = 32; // the trailing sha256
const ARRAYS = { Uint8Array, Int8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array };
type ArrayName = keyof typeof ARRAYS;
type Typed = InstanceType<(typeof ARRAYS)[ArrayName]>;

const pad8 = (n: number): number => Math.ceil(n / 8) * 8;
const bytesOf = (a: Typed): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function flatten(value: unknown, arrays: Typed[], at = { o: 0 }): unknown {
  if (ArrayBuffer.isView(value)) {
    const a = value as Typed;
    arrays.push(a);
    const rec = { $ta: a.constructor.name, n: a.length, o: at.o };
    at.o += pad8(a.byteLength);
    return rec;
  }
  if (Array.isArray(value)) return value.map((v) => flatten(v, arrays, at));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, flatten(v, arrays, at)]));
  }
  return value;
}

type Handle = Awaited<ReturnType<typeof open>>;

/** FileHandle.write/read may move fewer bytes than asked; these loop until all are moved. */
async function writeAll(fh: Handle, bytes: Uint8Array): Promise<void> {
  for (let done = 0; done < bytes.length;) done += (await fh.write(bytes, done, bytes.length - done)).bytesWritten;
}

async function readAll(fh: Handle, into: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < into.length;) {
    const { bytesRead } = await fh.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) throw new CacheIntegrityError('truncated');
    done += bytesRead;
  }
}

function encodeHead(tree: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(tree));
  const head = Buffer.alloc(pad8(HEAD + json.length));
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, 8);
  json.copy(head, HEAD);
  return head;
}

/** Writes head, arrays and padding, hashing each buffer on its way out, then the digest. */
async function writeHashed(fh: Handle, head: Uint8Array, arrays: Typed[]): Promise<void> {
  const hash = createHash('sha256');
  const put = async (bytes: Uint8Array): Promise<void> => { hash.update(bytes); await writeAll(fh, bytes); };
  await put(head);
  for (const a of arrays) {
    await put(bytesOf(a));
    await put(new Uint8Array(pad8(a.byteLength) - a.byteLength));
  }
  await writeAll(fh, hash.digest());
}

/** Written to a temporary file beside `path` and renamed over it, so a reader never sees half a file. */
export async function writeDecoded(path: string, value: unknown): Promise<void> {
  const arrays: Typed[] = [];
  const head = encodeHead(flatten(value, arrays));
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const fh = await open(tmp, 'w');
    try {
      await writeHashed(fh, head, arrays);
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }); // no half-written temporary left behind
    throw err;
  }
}

/**
 * Reads a file front to back up to `end` (where the stored digest starts), hashing every byte it
 * passes, the padding between arrays included, so the digest covers the whole file.
 */
class HashedReader {
  private pos = 0;
  private readonly hash: Hash = createHash('sha256');
  constructor(private readonly fh: Handle, private readonly end: number) {}

  /** Reads the next into.length bytes. */
  async read(into: Uint8Array): Promise<void> {
    this.within(into.length);
    await readAll(this.fh, into, this.pos);
    this.hash.update(into);
    this.pos += into.length;
  }

  /** Throws unless n more bytes lie before the digest; call it before allocating for them. */
  within(n: number): void {
    if (this.pos + n > this.end) throw new CacheIntegrityError('truncated');
  }

  /** Hashes the padding up to `at`; arrays are written in order, at most 7 bytes apart. */
  async skipTo(at: number): Promise<void> {
    if (at < this.pos || at - this.pos >= 8) throw new CacheIntegrityError('arrays not where the header says');
    if (at > this.pos) await this.read(new Uint8Array(at - this.pos));
  }

  /** Hashes the last padding, then compares with the stored digest. */
  async verify(): Promise<void> {
    await this.skipTo(this.end);
    const stored = new Uint8Array(DIGEST);
    await readAll(this.fh, stored, this.end);
    if (!this.hash.digest().equals(stored)) throw new CacheIntegrityError('sha256 mismatch');
  }
}

/** The header's tree, and where the arrays start. */
async function readTree(reader: HashedReader): Promise<{ tree: unknown; base: number }> {
  const head = Buffer.alloc(HEAD);
  await reader.read(head);
  const magic = head.toString('latin1', 0, 8);
  if (magic === UNHASHED_MAGIC) throw new CacheIntegrityError('no hash (old format)');
  if (magic !== MAGIC) throw new CacheIntegrityError('not a decoded-array file');
  const jsonLength = head.readUInt32LE(8);
  reader.within(jsonLength);
  const json = Buffer.alloc(jsonLength);
  await reader.read(json);
  try {
    return { tree: JSON.parse(json.toString('utf8')), base: pad8(HEAD + jsonLength) };
  } catch {
    throw new CacheIntegrityError('damaged header');
  }
}

/** The tree with each {$ta, n, o} replaced by its array, read in file order. */
async function revive(node: unknown, reader: HashedReader, base: number): Promise<unknown> {
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    for (const v of node) out.push(await revive(v, reader, base));
    return out;
  }
  if (!node || typeof node !== 'object') return node;
  const rec = node as { $ta?: ArrayName; n?: number; o?: number };
  if (rec.$ta && ARRAYS[rec.$ta]) {
    const Ctor = ARRAYS[rec.$ta];
    await reader.skipTo(base + (rec.o ?? 0));
    reader.within((rec.n ?? 0) * Ctor.BYTES_PER_ELEMENT); // before allocating what the header claims
    const arr = new Ctor(rec.n ?? 0);
    await reader.read(new Uint8Array(arr.buffer));
    return arr;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = await revive(v, reader, base);
  return out;
}

/** The stored tree; throws CacheIntegrityError for a truncated, altered or hash-less file. */
export async function readDecoded(path: string): Promise<unknown> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size < HEAD + DIGEST) throw new CacheIntegrityError('truncated');
    const reader = new HashedReader(fh, size - DIGEST);
    const { tree, base } = await readTree(reader);
    const value = await revive(tree, reader, base);
    await reader.verify(); // nothing is returned before the whole file has matched its digest
    return value;
  } finally {
    await fh.close();
  }
}

export interface CacheOptions extends SearchOptions {
  /** Use and fill the decoded-array cache (default true). */
  cache?: boolean;
}

/** The cached value for (name, key) if present and intact, else build() written to the cache. */
export async function withDecodedCache<T>(name: string, key: unknown, opts: CacheOptions, build: () => Promise<T>): Promise<T> {
  if (opts.cache === false) return build();
  const id = createHash('sha256').update(JSON.stringify([name, key])).digest('hex').slice(0, 24);
  const dir = join(cacheRoot(opts), 'decoded');
  const entry = `${name}-${id}`;
  const file = join(dir, `${entry}.bin`);
  const hit = await readEntry(file, entry);
  if (hit) return hit.value as T;
  const value = await build();
  try {
    await mkdir(dir, { recursive: true });
    await writeDecoded(file, value);
  } catch { /* an unwritable cache only costs time next run */ }
  return value;
}

/** {value} for an intact entry; undefined when absent, or when damaged (then logged and removed). */
async function readEntry(file: string, entry: string): Promise<{ value: unknown } | undefined> {
  try {
    return { value: await readDecoded(file) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // simply not cached yet
    logRebuild(entry, failureReason(err));
    await rm(file, { force: true }).catch(() => {}); // a read-only cache: rebuilt on every run, still never trusted
    return undefined;
  }
}

/** A hex digest of (path, size, mtime) of every entry directly in each of `dirs`. */
export async function folderFingerprint(dirs: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    let names: string[];
    try { names = readdirSync(dir).sort(); } catch { names = []; } // a missing folder: the loader reports it
    for (const n of names) {
      const st = statSync(join(dir, n), { throwIfNoEntry: false });
      hash.update(`${join(dir, n)}\0${st?.size}\0${st?.mtimeMs}\n`);
    }
  }
  return hash.digest('hex');
}
