// One error type for everything the dataset layer can refuse, with a stable `code` so callers
// (the CLI, the grader's results writer) can branch on it, and a message that says what was
// wrong and what to do about it. Readers never let a TypeError/RangeError from deep inside a
// parser escape: they check first, or wrap the library's own error into one of these.

export type DatasetErrorCode =
  | 'DATASET_NOT_FOUND' // no place holds the files, and they could not be downloaded
  | 'DATASET_TRUNCATED' // shorter than its header (or record size) says
  | 'DATASET_BAD_MAGIC' // not the file type the reader expects
  | 'DATASET_CORRUPT' // right type, impossible content (label 37, trailing bytes, bad gzip)
  | 'DATASET_CHECKSUM' // a download did not hash to the registry's sha256
  | 'DATASET_BAD_FORMAT' // text/CSV/image content not in the documented layout
  | 'DATASET_DOWNLOAD' // the canonical URL failed (network, HTTP status)
  | 'DATASET_UNKNOWN' // no dataset of that name in the registry
  | 'DATASET_BAD_OPTION'; // a loader option that cannot be satisfied (subset larger than the set)

/** What to do about each kind of failure; appended to messages that do not say it themselves. */
const FIX_HINTS: Record<DatasetErrorCode, string> = {
  DATASET_NOT_FOUND: 'Put the files in one of the places listed, or pass --data-dir DIR.',
  DATASET_TRUNCATED:
    'The file is incomplete (an interrupted copy or download): delete it and fetch it again.',
  DATASET_BAD_MAGIC: 'The file is not of the expected type: check that the right file is in place.',
  DATASET_CORRUPT: 'The file is damaged: delete it and fetch it again from the source.',
  DATASET_CHECKSUM: 'The download was deleted; retry, and if it persists the source has changed.',
  DATASET_BAD_FORMAT: 'The file does not have the documented layout: compare it with MANIFEST.md.',
  DATASET_DOWNLOAD: 'Check the network, or fetch the file by hand into the cache folder.',
  DATASET_UNKNOWN: 'Run `gradebench data` to list the known datasets.',
  DATASET_BAD_OPTION: 'Change the option to one the dataset can satisfy.',
};

export interface DatasetErrorDetails {
  file?: string;
  dataset?: string;
  cause?: unknown;
  /** Overrides the generic hint for this code. */
  fix?: string;
}

export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  readonly code: DatasetErrorCode;
  readonly file?: string;
  readonly dataset?: string;

  constructor(code: DatasetErrorCode, problem: string, details: DatasetErrorDetails = {}) {
    const where = details.file ? `${details.file}: ` : '';
    super(`${where}${problem}\n${details.fix ?? FIX_HINTS[code]}`, { cause: details.cause });
    this.code = code;
    this.file = details.file;
    this.dataset = details.dataset;
  }
}

export function isDatasetError(e: unknown): e is DatasetError {
  return e instanceof DatasetError;
}

/** A library's exception, as text for a message (some libraries throw strings). */
export function describeCause(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
