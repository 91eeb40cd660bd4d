// AG News v3 test.csv: 7600 rows of "class","title","description" (class 1..4, every field
// quoted, inner quotes doubled), no header; class names from classes.txt. Only the test split
// exists in the mirror: split it yourself (stratifiedly) for a train/test homework.
// The text keeps the original's "\" line breaks and "#36;"-style entity remnants.
import { getSpec } from '../catalog.ts';
import { DatasetError } from '../errors.ts';
import type { SearchOptions } from '../places.ts';
import { readCsv } from '../readers/csv.ts';
import { readTextLines } from '../readers/text.ts';
import { datasetFile, resolveDataset } from '../resolve.ts';
import type { TextSet } from '../types.ts';

export interface AgNewsSet extends TextSet {
  titles: string[];
  descriptions: string[];
  // texts[i] = `${titles[i]} ${descriptions[i]}`; labels[i] = class - 1 (0..3)
}

export async function loadAgNews(opts: SearchOptions = {}): Promise<AgNewsSet> {
  const ds = await resolveDataset(getSpec('ag-news-test'), opts);
  const classNames = (await readTextLines(datasetFile(ds, 'classes.txt'))).filter((l) => l.trim() !== '');
  const file = datasetFile(ds, 'test.csv');
  const rows = await readCsv(file, { columns: 3 });
  const labels = Int32Array.from(rows, ([cls], i) => {
    const k = Number(cls) - 1;
    if (!Number.isInteger(k) || k < 0 || k >= classNames.length) {
      throw new DatasetError('DATASET_BAD_FORMAT', `row ${i + 1} has class "${cls}", expected 1..${classNames.length}`, { file });
    }
    return k;
  });
  const titles = rows.map((r) => r[1]);
  const descriptions = rows.map((r) => r[2]);
  return { texts: titles.map((t, i) => `${t} ${descriptions[i]}`), labels, classNames, titles, descriptions };
}
