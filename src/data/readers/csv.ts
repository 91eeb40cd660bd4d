// CSV through csv-parse, after decoding the bytes in the manifest's encoding. Column counts are
// strict (a short row is reported with its line number, never padded), and csv-parse's own errors
// become DatasetErrors that name the file.
import { parse } from 'csv-parse/sync';
import { DatasetError, describeCause } from '../errors.ts';
import { readMaybeGzip } from './bytes.ts';
import { decodeText, type TextEncoding } from './text.ts';

export interface CsvOptions {
  encoding?: TextEncoding;
  delimiter?: string;
  /** Lines to drop before parsing (adult.test's "|1x3 Cross validator"). */
  skipLines?: number;
  /** Trim spaces around fields (adult's ", " separators). */
  trim?: boolean;
  /** Expected number of columns; unset means "whatever the first row has". */
  columns?: number;
}

export function parseCsv(text: string, opts: CsvOptions = {}, file = '<csv text>'): string[][] {
  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter: opts.delimiter ?? ',',
      from_line: (opts.skipLines ?? 0) + 1,
      trim: opts.trim ?? false,
      skip_empty_lines: true,
      relax_column_count: false,
      bom: true,
    }) as string[][];
  } catch (e) {
    throw new DatasetError('DATASET_BAD_FORMAT', `not parseable as CSV (${describeCause(e)})`, { file, cause: e });
  }
  if (opts.columns !== undefined && rows.length > 0 && rows[0].length !== opts.columns) {
    throw new DatasetError('DATASET_BAD_FORMAT', `rows have ${rows[0].length} columns, expected ${opts.columns}`, { file });
  }
  return rows;
}

export async function readCsv(path: string, opts: CsvOptions = {}): Promise<string[][]> {
  return parseCsv(decodeText(await readMaybeGzip(path), opts.encoding ?? 'utf-8', path), opts, path);
}

/** A number from a CSV field; `missing` values map to null, anything else non-numeric is an error. */
export function parseNumber(field: string, missing: string[], file: string, where: string): number | null {
  if (missing.includes(field)) return null;
  const value = Number(field);
  if (field.trim() === '' || !Number.isFinite(value)) {
    throw new DatasetError('DATASET_BAD_FORMAT', `${where}: "${field}" is not a number`, { file });
  }
  return value;
}
