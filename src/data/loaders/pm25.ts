// ML2020 HW1 PM2.5. train.csv is Big5 (header 日期,測站,測項,0..23): per day 18 rows, one per
// feature, 24 hourly values; 20 days x 12 months = 240 days = 4320 rows. We keep the homework's
// raw table shape, values [4320, 24] with 'NR' (no rain) as 0, exactly what
// `data.iloc[:, 3:]; data[data == 'NR'] = 0` gives. test.csv (ASCII, no header) is 240 ids x 18
// rows of 9 hours: values [4320, 9].
import { getSpec } from '../catalog.ts';
import { DatasetError } from '../errors.ts';
import type { SearchOptions } from '../places.ts';
import { parseNumber, readCsv } from '../readers/csv.ts';
import { datasetFile, resolveDataset } from '../resolve.ts';

export const PM25_FEATURES = ['AMB_TEMP', 'CH4', 'CO', 'NMHC', 'NO', 'NO2', 'NOx', 'O3', 'PM10', 'PM2.5',
  'RAINFALL', 'RH', 'SO2', 'THC', 'WD_HR', 'WIND_DIREC', 'WIND_SPEED', 'WS_HR'];

export interface Pm25Train {
  values: Float64Array; // [days * 18, 24]: row d*18+f is feature f on day d
  shape: [number, number];
  dates: string[]; // [days], '2014/1/1'
  features: string[]; // [18]
}

export interface Pm25Test {
  values: Float64Array; // [ids * 18, 9]
  shape: [number, number];
  ids: string[]; // [ids], 'id_0'
  features: string[];
}

/** Rows grouped 18 at a time, each group in PM25_FEATURES order; returns the numbers [rows, hours]. */
function numericBlock(rows: string[][], first: number, hours: number, file: string): Float64Array {
  const values = new Float64Array(rows.length * hours);
  rows.forEach((row, r) => {
    const feature = row[first - 1];
    if (feature !== PM25_FEATURES[r % 18]) {
      throw new DatasetError('DATASET_BAD_FORMAT', `row ${r + 1} is feature "${feature}", expected "${PM25_FEATURES[r % 18]}" (18 rows per day in a fixed order)`, { file });
    }
    for (let h = 0; h < hours; h++) values[r * hours + h] = parseNumber(row[first + h], ['NR'], file, `row ${r + 1} hour ${h}`) ?? 0;
  });
  if (rows.length % 18 !== 0) throw new DatasetError('DATASET_BAD_FORMAT', `${rows.length} rows is not a whole number of 18-feature blocks`, { file });
  return values;
}

export async function loadPm25(opts: SearchOptions = {}): Promise<{ train: Pm25Train; test: Pm25Test }> {
  const ds = await resolveDataset(getSpec('ml2020-hw1-pm25'), opts);
  const trainFile = datasetFile(ds, 'train.csv');
  const testFile = datasetFile(ds, 'test.csv');
  const trainRows = await readCsv(trainFile, { encoding: 'big5', columns: 27 });
  const header = trainRows.shift() ?? [];
  if (header[0] !== '日期' || header[2] !== '測項') {
    throw new DatasetError('DATASET_BAD_FORMAT', `header starts "${header.slice(0, 3).join(',')}", expected "日期,測站,測項" (a re-headered copy?)`, { file: trainFile });
  }
  const testRows = await readCsv(testFile, { encoding: 'ascii', columns: 11 });
  const train: Pm25Train = {
    values: numericBlock(trainRows, 3, 24, trainFile),
    shape: [trainRows.length, 24],
    dates: trainRows.filter((_, r) => r % 18 === 0).map((row) => row[0]),
    features: PM25_FEATURES,
  };
  const test: Pm25Test = {
    values: numericBlock(testRows, 2, 9, testFile),
    shape: [testRows.length, 9],
    ids: testRows.filter((_, r) => r % 18 === 0).map((row) => row[0]),
    features: PM25_FEATURES,
  };
  return { train, test };
}
