// Finding a dataset: the first candidate folder holding every required file wins; when none
// does, the canonical URLs are tried into the cache; when that is impossible or fails, the
// error names every place searched (and what each lacked) and how to get the data.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { getSpec } from './catalog.ts';
import { downloadIntoCache } from './download.ts';
import { DatasetError, describeCause } from './errors.ts';
import { candidatePlaces, cacheRoot, downloadAllowed, npmPackageDir, type SearchOptions } from './places.ts';
import { acceptedNames, isFolderEntry, type DatasetSpec, type PlaceKind } from './spec.ts';

export interface ResolvedDataset {
  spec: DatasetSpec;
  dir: string;
  place: PlaceKind;
  /** Absolute path of each file found, keyed by the spec's canonical relative path. */
  files: Record<string, string>;
}

export interface Located {
  found?: ResolvedDataset;
  /** One line per place looked at: "mirror /x/y: missing train.csv". */
  searched: string[];
}

function kindOf(path: string): 'file' | 'dir' | undefined {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

/** Which of the spec's files a folder holds; `missing` lists required ones it lacks. */
export function inspectFolder(spec: DatasetSpec, dir: string): { files: Record<string, string>; missing: string[] } {
  const files: Record<string, string> = {};
  const missing: string[] = [];
  for (const file of spec.files) {
    const want = isFolderEntry(file) ? 'dir' : 'file';
    const hit = acceptedNames(file).map((n) => join(dir, n)).find((p) => kindOf(p) === want);
    if (hit) files[file.path] = hit;
    else if (!file.optional) missing.push(file.path);
  }
  return { files, missing };
}

/** Looks in every candidate folder (no download). */
export function locateDataset(spec: DatasetSpec, opts: SearchOptions = {}): Located {
  const searched: string[] = [];
  if (spec.npmPackage && opts.systemPlaces !== false && !npmPackageDir(spec.npmPackage)) {
    searched.push(`package ${spec.npmPackage.name}: not installed`);
  }
  for (const place of candidatePlaces(spec, opts)) {
    if (kindOf(place.dir) !== 'dir') {
      searched.push(`${place.kind} ${place.dir}: no such folder`);
      continue;
    }
    const { files, missing } = inspectFolder(spec, place.dir);
    if (missing.length === 0) {
      searched.push(`${place.kind} ${place.dir}: found`);
      return { found: { spec, dir: place.dir, place: place.kind, files }, searched };
    }
    searched.push(`${place.kind} ${place.dir}: missing ${missing.join(', ')}`);
  }
  return { searched };
}

export function notFoundError(spec: DatasetSpec, searched: string[], extra?: string): DatasetError {
  const lines = [`dataset "${spec.name}" (${spec.description}) was not found.`, 'Searched, in order:',
    ...searched.map((s) => `  - ${s}`)];
  if (extra) lines.push(extra);
  return new DatasetError('DATASET_NOT_FOUND', lines.join('\n'), {
    dataset: spec.name,
    fix: `How to get it: ${spec.howToGet}\nThen put the files in <dir>/${spec.name}/ and pass `
      + '--data-dir <dir> (or set GRADEBENCH_DATA), or set GRADEBENCH_MIRROR to a folder holding it.',
  });
}

/** Whether the registry knows an anonymous URL for every required file (or one archive). */
export function canDownload(spec: DatasetSpec): boolean {
  return spec.archive !== undefined || spec.files.every((f) => f.optional || f.url !== undefined);
}

/** Finds a dataset, downloading it into the cache as a last resort. */
export async function resolveDataset(nameOrSpec: string | DatasetSpec, opts: SearchOptions = {}): Promise<ResolvedDataset> {
  const spec = typeof nameOrSpec === 'string' ? getSpec(nameOrSpec) : nameOrSpec;
  const { found, searched } = locateDataset(spec, opts);
  if (found) return found;
  if (!canDownload(spec)) throw notFoundError(spec, searched, 'download: no anonymous canonical URL for this set');
  if (!downloadAllowed(opts)) throw notFoundError(spec, searched, 'download: disabled (offline)');
  const dir = join(cacheRoot(opts), spec.name);
  try {
    await downloadIntoCache(spec, dir);
  } catch (e) {
    // A checksum mismatch is its own, more useful, error; network failures mean "not found".
    if (e instanceof DatasetError && e.code === 'DATASET_CHECKSUM') throw e;
    throw notFoundError(spec, searched, `download into ${dir} failed: ${describeCause(e)}`);
  }
  const { files, missing } = inspectFolder(spec, dir);
  if (missing.length > 0) {
    throw notFoundError(spec, searched, `download into ${dir} left out ${missing.join(', ')}`);
  }
  return { spec, dir, place: 'download', files };
}

/** Absolute path of one of a resolved dataset's files (an absent optional file throws). */
export function datasetFile(ds: ResolvedDataset, path: string): string {
  const hit = ds.files[path];
  if (!hit) {
    throw new DatasetError('DATASET_NOT_FOUND', `${ds.spec.name}: ${path} is not in ${ds.dir}`,
      { dataset: ds.spec.name, file: join(ds.dir, path), fix: `How to get it: ${ds.spec.howToGet}` });
  }
  return hit;
}
