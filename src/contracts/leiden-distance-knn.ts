// Contract for leiden-distance-knn (seed 004, "Data Dimensionality - Distance Based Classification"):
// a nearest-centroid ("distance-based") classifier and a k-nearest-neighbour classifier written from
// scratch, and 2-D embeddings of the digits by PCA, t-SNE and UMAP.
//
// The grader keeps the test labels: classify() gets labelled training images and unlabelled inputs
// and returns predictions; the grader counts correct / incorrect itself. Images are bytes 0..255,
// NHWC [n, 28, 28, 1]. Which features and which distance the classifiers use is the solution's
// choice (raw pixels, scaled, deskewed, cosine...), as long as the rules below hold.
import type { Array2 } from '../grading/types.ts';
import type { ImageBytes, LabelledImageBytes } from './images.ts';

export type ImageShape = [number, number, number, number]; // [n, h, w, c]

/** Unlabelled images: images [n, h, w, c] bytes. */
export type Images = ImageBytes;

/** Labelled images: labels [n], class ids 0..9. */
export type LabelledImages = LabelledImageBytes;

export type ClassifierMethod = 'centroid' | 'knn';

export interface ClassifyOptions {
  /**
   * 'centroid': predict the class whose mean feature vector (over its training images) is nearest.
   * 'knn': plain majority vote among the k nearest training images (every neighbour one vote, no
   * distance weighting); a tie between classes goes to the tied class with the nearest member.
   */
  method: ClassifierMethod;
  k?: number; // 'knn' only; 1 <= k <= number of training images
}

export type EmbeddingMethod = 'pca' | 'tsne' | 'umap';

export interface EmbedOptions {
  /** 'pca': projection of the centred pixel values on the top two principal axes. */
  method: EmbeddingMethod;
  seed: number; // seeds t-SNE's and UMAP's random initialisation
}

export interface LeidenDistanceKnn {
  /** train [n, 28, 28, 1] with labels [n]; inputs [m, 28, 28, 1] -> predicted classes [m]. */
  classify(train: LabelledImages, inputs: Images, options: ClassifyOptions): Promise<Int32Array> | Int32Array;
  /** images [n, 28, 28, 1] -> 2-D coordinates {data: [n * 2], shape: [n, 2]}, row i for image i. */
  embed(images: Images, options: EmbedOptions): Promise<Array2<Float32Array>> | Array2<Float32Array>;
}

export const distanceKnnFunctions = ['classify', 'embed'] as const;

/**
 * npm packages a solution may import for this assignment besides @tensorflow/tfjs and the kit: the
 * maintained embedding libraries the seed's course uses (PCA, exact t-SNE, UMAP). The isolated host
 * lets a submission load these and nothing else from node_modules.
 */
export const distanceKnnPackages = ['ml-pca', 'tsne-js', 'umap-js'] as const;
