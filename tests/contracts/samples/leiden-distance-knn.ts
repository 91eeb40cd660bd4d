import fc from 'fast-check';
import { images, labels } from './shapes.ts';

const labelled = images(28, 28, 1).chain((set) => labels(set.shape[0], 10).map((l) => ({ ...set, labels: l })));
export const leidenDistanceKnn = {
  classify: fc.tuple(labelled, images(28, 28, 1), fc.constantFrom('centroid', 'knn'), fc.integer({ min: 1, max: 4 }))
    .map(([train, inputs, method, k]) => ({ args: [train, inputs, { method, k }], result: new Int32Array(inputs.shape[0]) })),
  embed: fc.tuple(images(28, 28, 1), fc.constantFrom('pca', 'tsne', 'umap'), fc.nat())
    .map(([set, method, seed]) => ({ args: [set, { method, seed }], result: { data: new Float32Array(2 * set.shape[0]), shape: [set.shape[0], 2] } })),
};
