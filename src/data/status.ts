// Where each registered dataset is, without downloading anything: the place it was found, its
// size and checksum-list sha256 (cached, see checksum.ts), every place searched, and how to get
// it when missing. The grader records these sums in results.json's run metadata.
import { datasetDigest } from './checksum.ts';
import { DATASET_SPECS } from './catalog.ts';
import { describeCause } from './errors.ts';
import type { SearchOptions } from './places.ts';
import { canDownload, locateDataset } from './resolve.ts';
import type { DatasetSpec, PlaceKind } from './spec.ts';

export interface DatasetStatus {
  name: string;
  found: boolean;
  path: string | null;
  place: PlaceKind | null;
  bytes: number | null;
  /** Data files counted (a folder's files, not the folder). */
  files: number | null;
  /** sha256 of the checksum list (the folder's SHA256SUMS, or one computed sorted by path). */
  sha256: string | null;
  searched: string[];
  howToGet: string;
  /** Why a found dataset could not be measured (unreadable file...). */
  problem?: string;
}

export async function statusOf(spec: DatasetSpec, opts: SearchOptions = {}): Promise<DatasetStatus> {
  const { found, searched } = locateDataset(spec, opts);
  if (!found && canDownload(spec)) {
    const url = spec.archive?.url ?? spec.files.find((f) => f.url)?.url;
    searched.push(`download: not tried here; \`gradebench data --fetch ${spec.name}\` fetches it from ${url}${spec.archive ? '' : ' (and the others)'}`);
  }
  const base = { name: spec.name, searched, howToGet: spec.howToGet };
  if (!found) return { ...base, found: false, path: null, place: null, bytes: null, files: null, sha256: null };
  try {
    const d = await datasetDigest(found, opts);
    return { ...base, found: true, path: found.dir, place: found.place, bytes: d.bytes, files: d.files, sha256: d.sha256 };
  } catch (e) {
    return { ...base, found: true, path: found.dir, place: found.place, bytes: null, files: null, sha256: null,
      problem: describeCause(e) };
  }
}

/** Every registered dataset's status, in registry order (one at a time: the disk is shared). */
export async function datasetStatus(opts: SearchOptions = {}, names?: string[]): Promise<DatasetStatus[]> {
  const specs = names ? DATASET_SPECS.filter((s) => names.includes(s.name)) : DATASET_SPECS;
  const out: DatasetStatus[] = [];
  for (const spec of specs) out.push(await statusOf(spec, opts));
  return out;
}
