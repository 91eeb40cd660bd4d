// The grader's side of 8-bit quantization: validate the solution's tensors, dequantize them
// (w = scale * (q - zeroPoint)), count the bytes they take, and measure how far they are from the
// float32 weights they stand for.
import type * as tf from '@tensorflow/tfjs';
import type { QuantizedModel } from '../../contracts/ml2020-hw7-compression.ts';
import { RequirementFailed } from '../../grading/errors.ts';

export interface Dequantized {
  weights: Float32Array[]; // one per model weight, in order
  bytes: number; // 1 per value + 4 for the scale + 4 for the zero point, per tensor
  relativeError: number; // ||w_q - w|| / ||w|| over all weights together
  worstTensor: { name: string; relativeError: number };
}

const prod = (s: number[]) => s.reduce((a, b) => a * b, 1);

export function dequantize(q: QuantizedModel, model: tf.LayersModel): Dequantized {
  const originals = model.getWeights();
  if (!q || !Array.isArray(q.tensors)) throw new RequirementFailed('quantize returned no tensors array');
  if (q.tensors.length !== originals.length) throw new RequirementFailed(`quantize returned ${q.tensors.length} tensors; the model has ${originals.length} weights`);
  const weights: Float32Array[] = [];
  let bytes = 0, errSq = 0, normSq = 0;
  let worstTensor = { name: '', relativeError: 0 };
  q.tensors.forEach((t, i) => {
    const ref = originals[i].dataSync() as Float32Array;
    const name = t?.name ?? `tensor ${i}`;
    if (!(t?.values instanceof Int8Array) && !(t?.values instanceof Uint8Array)) throw new RequirementFailed(`${name}: values must be an Int8Array or Uint8Array (got ${Object.prototype.toString.call(t?.values)})`);
    if (t.values.length !== ref.length || prod(t.shape ?? []) !== ref.length) throw new RequirementFailed(`${name}: ${t.values.length} values for shape [${t.shape}]; the weight has shape [${originals[i].shape}]`);
    if (!Number.isFinite(t.scale) || t.scale <= 0) throw new RequirementFailed(`${name}: scale ${t.scale} is not a positive number`);
    const lo = t.values instanceof Int8Array ? -128 : 0;
    if (!Number.isInteger(t.zeroPoint) || t.zeroPoint < lo || t.zeroPoint > lo + 255) throw new RequirementFailed(`${name}: zero point ${t.zeroPoint} is not an integer in the values' range`);
    const scale = Math.fround(t.scale);
    const w = Float32Array.from(t.values, (v) => scale * (v - t.zeroPoint));
    let e = 0, n = 0;
    for (let k = 0; k < w.length; k++) { e += (w[k] - ref[k]) ** 2; n += ref[k] ** 2; }
    const rel = n > 0 ? Math.sqrt(e / n) : Math.sqrt(e);
    if (rel > worstTensor.relativeError) worstTensor = { name, relativeError: rel };
    errSq += e; normSq += n;
    bytes += t.values.byteLength + 8;
    weights.push(w);
  });
  return { weights, bytes, relativeError: Math.sqrt(errSq / normSq), worstTensor };
}
