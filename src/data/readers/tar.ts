// A minimal tar reader (ustar + GNU long names + pax paths), enough to unpack
// cifar-10-binary.tar.gz into the cache. Headers are 512-byte blocks; each entry's data follows,
// padded to 512. Every header's checksum is verified, and names that would escape the target
// folder are refused.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, isAbsolute } from 'node:path';
import { DatasetError } from '../errors.ts';
import { gunzipBytes, readBytes } from './bytes.ts';

export interface TarEntry {
  name: string;
  data: Uint8Array;
}

const BLOCK = 512;
const ascii = new TextDecoder('latin1');

function field(h: Uint8Array, start: number, len: number): string {
  const raw = h.subarray(start, start + len);
  const end = raw.indexOf(0);
  return ascii.decode(end < 0 ? raw : raw.subarray(0, end));
}

function octal(h: Uint8Array, start: number, len: number, file: string): number {
  const text = field(h, start, len).trim();
  if (!/^[0-7]+$/.test(text)) throw new DatasetError('DATASET_CORRUPT', `tar header field "${text}" is not octal`, { file });
  return parseInt(text, 8);
}

function checkHeaderSum(h: Uint8Array, file: string): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
  if (sum !== octal(h, 148, 8, file)) throw new DatasetError('DATASET_CORRUPT', 'tar header checksum mismatch', { file });
}

/** Regular files of a tar archive, in archive order. */
export function parseTar(bytes: Uint8Array, file: string): TarEntry[] {
  const entries: TarEntry[] = [];
  let longName: string | undefined;
  for (let off = 0; ; ) {
    if (off + BLOCK > bytes.length) throw new DatasetError('DATASET_TRUNCATED', 'tar archive ends inside a header', { file });
    const h = bytes.subarray(off, off + BLOCK);
    if (h.every((b) => b === 0)) return entries; // end-of-archive marker
    checkHeaderSum(h, file);
    const size = octal(h, 124, 12, file);
    const type = String.fromCharCode(h[156] || 0x30);
    const start = off + BLOCK;
    if (start + size > bytes.length) throw new DatasetError('DATASET_TRUNCATED', 'tar entry runs past the end', { file });
    const data = bytes.subarray(start, start + size);
    const prefix = field(h, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100));
    longName = undefined;
    if (type === 'L') longName = ascii.decode(data).replace(/\0+$/, '');
    else if (type === 'x') longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(new TextDecoder().decode(data))?.[1];
    else if (type === '0' || type === '7') entries.push({ name, data });
    off = start + Math.ceil(size / BLOCK) * BLOCK;
  }
}

/** Unpacks a .tar.gz file into `destDir`, refusing entries that would land outside it. */
export async function extractTarGz(archive: string, destDir: string): Promise<string[]> {
  const tar = await gunzipBytes(await readBytes(archive), archive);
  const written: string[] = [];
  for (const entry of parseTar(tar, archive)) {
    const rel = normalize(entry.name);
    if (isAbsolute(rel) || rel.startsWith('..')) {
      throw new DatasetError('DATASET_CORRUPT', `tar entry "${entry.name}" points outside the folder`, { file: archive });
    }
    const target = join(destDir, rel);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, entry.data);
    written.push(target);
  }
  return written;
}
