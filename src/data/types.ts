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
