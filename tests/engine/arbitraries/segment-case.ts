// A random UnsortedSegmentSum case: x [K, ...innerShape], segment ids [K] with repeats,
// some ids outside [0, numSegments) (TF drops those rows), float32 or int32 data from a seed.
import fc from 'fast-check';

export interface SegmentCase {
  idsShape: [number]; // rank 1, as tf.unsortedSegmentSum takes (cpu sums only axis 0 anyway)
  innerShape: number[]; // rank 0 to 2
  numSegments: number;
  ids: number[]; // flattened, length = prod(idsShape)
  dtype: 'float32' | 'int32';
  seed: number;
}

export interface SegmentCaseConstraints {
  maxSegments?: number; // default 6
  maxDim?: number; // every dim of idsShape and innerShape, default 5
  outOfRange?: boolean; // allow ids < 0 or >= numSegments, default true
}

export function segmentCase(c: SegmentCaseConstraints = {}): fc.Arbitrary<SegmentCase> {
  const { maxSegments = 6, maxDim = 5, outOfRange = true } = c;
  const dims = (minLength: number, maxLength: number) => fc.array(fc.integer({ min: 1, max: maxDim }), { minLength, maxLength });
  return fc
    .record({
      idsShape: fc.tuple(fc.integer({ min: 1, max: 3 * maxDim })),
      innerShape: dims(0, 2),
      numSegments: fc.integer({ min: 1, max: maxSegments }),
      dtype: fc.constantFrom('float32' as const, 'int32' as const),
      seed: fc.integer(),
    })
    .chain((r) => {
      const k = r.idsShape[0];
      const id = outOfRange ? fc.integer({ min: -2, max: r.numSegments + 1 }) : fc.integer({ min: 0, max: r.numSegments - 1 });
      return fc.array(id, { minLength: k, maxLength: k }).map((ids) => ({ ...r, ids }));
    });
}
