import fc from 'fast-check';
import { matrix64 } from './shapes.ts';

const theta = (d: number) => fc.float64Array({ minLength: d + 1, maxLength: d + 1, noNaN: true });
const raw = fc.integer({ min: 1, max: 2 }).chain((days) => fc.float64Array({ minLength: days * 18 * 24, maxLength: days * 18 * 24, noNaN: true })
  .map((values) => ({ values, shape: [days * 18, 24] as [number, number], daysPerMonth: days })));
const opts = fc.record({ hours: fc.integer({ min: 1, max: 12 }), pm25Only: fc.boolean() }, { noNullPrototype: true });

export const ml2020Hw1Pm25 = {
  extractFeatures: fc.tuple(raw, opts, matrix64(9)).map(([r, o, x]) => ({ args: [r, o], result: { x, y: new Float64Array(x.shape[0]) } })),
  predict: fc.tuple(theta(3), matrix64(3)).map(([w, x]) => ({ args: [w, x], result: new Float64Array(x.shape[0]) })),
  gradient: fc.tuple(theta(4), matrix64(4)).map(([w, x]) => ({ args: [w, x, new Float64Array(x.shape[0])], result: Float64Array.from(w) })),
  fit: fc.tuple(matrix64(5), fc.record({ lr: fc.double({ min: 0, max: 100, noNaN: true }), iterations: fc.nat(50) }, { noNullPrototype: true }))
    .map(([x, o]) => ({ args: [x, new Float64Array(x.shape[0]), o], result: { weights: new Float64Array(6), lossCurve: new Float64Array(o.iterations) } })),
};
