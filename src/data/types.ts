// Shapes of what the dataset layer returns. Everything is a typed array with its shape, never a
// tensor: the grader-solution boundary is data (structured-cloneable).

/** Images stored as bytes 0..255, NHWC. images: [n, h, w, c]; labels: [n] */
export interface ImageSet {
  images: Uint8Array;
  shape: [number, number, number, number];
  labels: Int32Array;
  classNames?: string[];
}

export interface SplitImageSet {
  train: ImageSet;
  test: ImageSet;
}

/** A dense float table. x: [n, d] row-major; y: [n] (optional) */
export interface Table {
  x: Float64Array;
  shape: [number, number];
  columns: string[];
  y?: Float64Array;
}

/** Labelled short texts. */
export interface TextSet {
  texts: string[];
  labels: Int32Array;
  classNames: string[];
}

/** A table whose columns mix numbers and categories. rows: [n][columns.length]; null = missing. */
export interface MixedTable {
  columns: string[];
  kinds: Array<'numeric' | 'categorical'>;
  rows: Array<Array<number | string | null>>;
}

/** Parallel sentences: en[i] and zh[i] are one pair. */
export interface SentencePairs {
  en: string[];
  zh: string[];
}

/** Images with per-pixel masks. images: [n, h, w, c]; masks: [n, h, w, 1] with values 0/1. */
export interface SegmentationSet {
  images: Uint8Array;
  shape: [number, number, number, number];
  masks: Uint8Array;
  maskShape: [number, number, number, number];
  /** Which case each slice belongs to (split by this, never by slice, to avoid leakage): [n] */
  groups: string[];
  files: string[];
}
