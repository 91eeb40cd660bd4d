// UCI Adult: adult.data (32561 records) and adult.test (16281; its first line is
// "|1x3 Cross validator" and labels end in '.'). Fields are separated by ", "; ' ?' means
// missing. Each split comes back as records with the column names from adult.names, numbers as
// numbers, categories as trimmed strings, missing as null, and labels [n] with 1 = ">50K".
import { getSpec } from '../catalog.ts';
import { DatasetError } from '../errors.ts';
import type { SearchOptions } from '../places.ts';
import { parseNumber, readCsv } from '../readers/csv.ts';
import { datasetFile, resolveDataset } from '../resolve.ts';
import type { MixedTable } from '../types.ts';

export const ADULT_COLUMNS = ['age', 'workclass', 'fnlwgt', 'education', 'education-num', 'marital-status',
  'occupation', 'relationship', 'race', 'sex', 'capital-gain', 'capital-loss', 'hours-per-week', 'native-country'];
const NUMERIC = new Set(['age', 'fnlwgt', 'education-num', 'capital-gain', 'capital-loss', 'hours-per-week']);
export const ADULT_CLASSES = ['<=50K', '>50K'];

export interface AdultSplit extends MixedTable {
  labels: Int32Array; // [n], index into ADULT_CLASSES
}

function toSplit(rows: string[][], file: string): AdultSplit {
  const kinds = ADULT_COLUMNS.map((c): 'numeric' | 'categorical' => (NUMERIC.has(c) ? 'numeric' : 'categorical'));
  const labels = new Int32Array(rows.length);
  const records = rows.map((row, r) => {
    const label = row[14].replace(/\.$/, ''); // adult.test writes "<=50K."
    labels[r] = ADULT_CLASSES.indexOf(label);
    if (labels[r] < 0) throw new DatasetError('DATASET_BAD_FORMAT', `record ${r + 1} has income "${row[14]}", expected <=50K or >50K`, { file });
    return ADULT_COLUMNS.map((col, c) => kinds[c] === 'numeric'
      ? parseNumber(row[c], ['?'], file, `record ${r + 1} ${col}`)
      : row[c] === '?' ? null : row[c]);
  });
  return { columns: ADULT_COLUMNS, kinds, rows: records, labels };
}

async function readSplit(file: string, skipLines: number): Promise<AdultSplit> {
  return toSplit(await readCsv(file, { skipLines, trim: true, columns: 15 }), file);
}

/** UCI Adult: train 32561 and test 16281 records, 14 feature columns + income label. */
export async function loadAdult(opts: SearchOptions = {}): Promise<{ train: AdultSplit; test: AdultSplit }> {
  const ds = await resolveDataset(getSpec('uci-adult'), opts);
  const [train, test] = await Promise.all([
    readSplit(datasetFile(ds, 'adult.data'), 0),
    readSplit(datasetFile(ds, 'adult.test'), 1),
  ]);
  return { train, test };
}
