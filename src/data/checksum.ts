// Size and sha256 of a dataset as found. A dataset is many files, so its sha256 is that of its
// checksum list: the folder's own SHA256SUMS when it has one (the mirror's image folders), else a
// list we compute in the same `sha256sum` format, sorted by path. Hashing 60000 JPEGs takes a
// while, so results are cached under <cache>/checksums/, keyed by every file's path, size and
// mtime (a stat walk is ~0.3 s for 60000 files; reading them all is far more).
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { cacheRoot, type SearchOptions } from './places.ts';
import type { ResolvedDataset } from './resolve.ts';
import { isFolderEntry } from './spec.ts';

export interface ContentFile { rel: string; abs: string; size: number; mtimeMs: number }
export interface Digest { bytes: number; files: number; sha256: string; fromSums: boolean }

const SUMS = 'SHA256SUMS';
const NOT_DATA = new Set([SUMS, 'MANIFEST.md']);

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function walk(dir: string, out: string[]): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

/** The data files of a resolved dataset (folders expanded), sorted by relative path. */
export async function contentFiles(ds: ResolvedDataset): Promise<ContentFile[]> {
  const paths: string[] = [];
  if (ds.spec.wholeFolder) await walk(ds.dir, paths);
  else {
    for (const file of ds.spec.files) {
      const abs = ds.files[file.path];
      if (!abs) continue;
      if (isFolderEntry(file)) await walk(abs, paths);
      else paths.push(abs);
    }
  }
  const files = paths.map((abs) => { // sync stat: ~10x faster than async for 60000 small files
    const st = statSync(abs);
    return { rel: relative(ds.dir, abs).split(sep).join('/'), abs, size: st.size, mtimeMs: st.mtimeMs };
  });
  return files.filter((f) => !NOT_DATA.has(f.rel)).sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/** `sha256  path` lines, as sha256sum writes them (8 files hashed at a time). */
export async function checksumList(files: ContentFile[]): Promise<string> {
  const sums = new Array<string>(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      sums[i] = files[i].size > 1 << 24 ? await sha256File(files[i].abs)
        : createHash('sha256').update(await readFile(files[i].abs)).digest('hex');
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return files.map((f, i) => `${sums[i]}  ${f.rel}\n`).join('');
}

/** Size and checksum-list sha256 of a dataset, from the cache when nothing changed. */
export async function datasetDigest(ds: ResolvedDataset, opts: SearchOptions = {}): Promise<Digest> {
  const files = await contentFiles(ds);
  const sumsFile = ds.files[SUMS];
  const sumsStat = sumsFile ? await stat(sumsFile) : undefined;
  const key = createHash('sha256').update(JSON.stringify([ds.dir, sumsStat?.size, sumsStat?.mtimeMs,
    files.map((f) => [f.rel, f.size, f.mtimeMs])])).digest('hex').slice(0, 32);
  const cacheFile = join(cacheRoot(opts), 'checksums', `${ds.spec.name}-${key}.json`);
  try {
    return JSON.parse(await readFile(cacheFile, 'utf8')) as Digest;
  } catch { /* not cached yet, or unreadable: compute */ }
  const bytes = files.reduce((a, f) => a + f.size, 0);
  const sha256 = sumsFile ? await sha256File(sumsFile)
    : createHash('sha256').update(await checksumList(files)).digest('hex');
  const digest: Digest = { bytes, files: files.length, sha256, fromSums: sumsFile !== undefined };
  try {
    await mkdir(join(cacheRoot(opts), 'checksums'), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`; // rename is atomic: concurrent runs never read half a file
    await writeFile(tmp, JSON.stringify(digest));
    await rename(tmp, cacheFile);
  } catch { /* an unwritable cache only costs time next run */ }
  return digest;
}

/** Hashes every data file and compares with the folder's SHA256SUMS: the paths that differ. */
export async function verifyAgainstSums(ds: ResolvedDataset): Promise<{ checked: number; bad: string[] } | undefined> {
  const sumsFile = ds.files[SUMS];
  if (!sumsFile) return undefined; // nothing to compare with
  const files = await contentFiles(ds);
  const actual = (await checksumList(files)).split('\n').filter(Boolean);
  const listed = new Map((await readFile(sumsFile, 'utf8')).split('\n').filter(Boolean)
    .map((l) => [l.slice(66), l.slice(0, 64)] as [string, string]));
  const bad = actual.filter((l) => listed.get(l.slice(66)) !== l.slice(0, 64)).map((l) => l.slice(66));
  return { checked: files.length, bad };
}
