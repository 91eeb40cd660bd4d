// Reference solution for ml2020-hw7-compression: pruning (prune.ts), knowledge distillation,
// 8-bit quantization, and the depthwise-separable redesign with its parameter-count formula.
import * as tf from '@tensorflow/tfjs';
import { exportModel, type ModelArtifact } from '../../src/kit.ts';
import type {
  ConvLayerSpec, DistillOptions, Images, LabelledImages, Ml2020Hw7Compression, QuantizedModel, StudentSpec, TrainOptions,
} from '../../src/contracts/ml2020-hw7-compression.ts';
import { crossEntropy, load, separableModel, studentModel, toInput, train } from './models.ts';
import { prune } from './prune.ts';

async function fitClassifier(model: tf.LayersModel, data: LabelledImages, o: TrainOptions, lr = 1e-3): Promise<ModelArtifact> {
  model.compile({ optimizer: tf.train.adam(lr), loss: crossEntropy });
  const x = toInput(data);
  const y = tf.oneHot(tf.tensor1d(data.labels, 'int32'), 10);
  await train(model, x, y, o);
  tf.dispose([x, y]);
  const artifact = await exportModel(model);
  model.dispose();
  return artifact;
}

// The student is tiny (6.8k parameters) and sees few steps: both ways of training it use Adam at 3e-3.
const STUDENT_LR = 3e-3;
const trainStudent = (data: LabelledImages, spec: StudentSpec, o: TrainOptions) => fitClassifier(studentModel(spec, o.seed), data, o, STUDENT_LR);

/**
 * Hinton et al.'s loss: alpha * T^2 * KL(softmax(t/T) || softmax(s/T)) + (1 - alpha) * CE(y, s), the
 * hard-label term only on labelled images. The targets ride in one tensor [N, 21]: one-hot labels
 * [N, 10] (zeros for transfer images), the teacher's logits [N, 10], and 1 / 0 for labelled / not.
 */
async function distill(teacherArtifact: ModelArtifact, data: LabelledImages, transfer: Images, spec: StudentSpec, o: DistillOptions): Promise<ModelArtifact> {
  const teacher = await load(teacherArtifact);
  const [nl, nt] = [data.shape[0], transfer.shape[0]];
  const images = new Uint8Array(data.images.length + transfer.images.length);
  images.set(data.images);
  images.set(transfer.images, data.images.length);
  const x = toInput({ images, shape: [nl + nt, 28, 28, 1] });
  const targets = tf.tidy(() => {
    const hard = tf.oneHot(tf.tensor1d(Int32Array.from({ length: nl + nt }, (_, i) => (i < nl ? data.labels[i] : -1)), 'int32'), 10).toFloat();
    const labelled = tf.tensor2d(Float32Array.from({ length: nl + nt }, (_, i) => (i < nl ? 1 : 0)), [nl + nt, 1]);
    return tf.concat([hard, teacher.predict(x) as tf.Tensor, labelled], 1);
  });
  teacher.dispose();
  const { temperature: T, alpha } = o;
  const loss = (yt: tf.Tensor, s: tf.Tensor) => tf.tidy(() => {
    const [hard, t, labelled] = tf.split(yt, [10, 10, 1], 1);
    const pT = tf.softmax(tf.div(t, T));
    const logS = tf.logSoftmax(tf.div(s, T));
    const kl = tf.sum(tf.mul(pT, tf.sub(tf.log(tf.add(pT, 1e-12)), logS)), -1); // [B]
    const ce = tf.neg(tf.sum(tf.mul(hard, tf.logSoftmax(s)), -1)); // [B], 0 where unlabelled
    return tf.add(tf.mul(alpha * T * T, kl), tf.mul(1 - alpha, tf.mul(ce, labelled.squeeze([1])))).mean() as tf.Scalar;
  });
  const student = studentModel(spec, o.seed);
  student.compile({ optimizer: tf.train.adam(STUDENT_LR), loss });
  await train(student, x, targets, o);
  tf.dispose([x, targets]);
  const artifact = await exportModel(student);
  student.dispose();
  return artifact;
}

/** Symmetric per-tensor int8: scale = max|w| / 127, q = round(w / scale), zero point 0. */
async function quantize(artifact: ModelArtifact): Promise<QuantizedModel> {
  const model = await load(artifact);
  const specs = artifact.weightSpecs;
  const tensors = model.getWeights().map((w, i) => {
    const v = w.dataSync() as Float32Array;
    const max = v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    const scale = max > 0 ? max / 127 : 1;
    const values = Int8Array.from(v, (x) => Math.max(-127, Math.min(127, Math.round(x / scale))));
    return { name: specs[i]?.name ?? `weight ${i}`, shape: w.shape, values, scale, zeroPoint: 0 };
  });
  model.dispose();
  return { tensors };
}

/** Weights of one conv layer: k*k*cin*cout for a full conv; k*k*cin*dm depthwise (+ cin*dm*cout pointwise). */
function convParams({ kind, kernelSize: k, inChannels: cin, outChannels: cout, depthMultiplier: dm, useBias }: ConvLayerSpec): number {
  if (kind === 'conv2d') return k * k * cin * cout + (useBias ? cout : 0);
  if (kind === 'depthwise') return k * k * cin * dm + (useBias ? cin * dm : 0);
  return k * k * cin * dm + cin * dm * cout + (useBias ? cout : 0);
}

const trainSeparable = (data: LabelledImages, o: TrainOptions) => fitClassifier(separableModel(o.seed), data, o, 3e-3); // deeper, no dense hidden layer: learns faster at 3e-3

const solution: Ml2020Hw7Compression = {
  prune: (teacher, data, sparsity, o) => prune(teacher, data, sparsity, o), trainStudent, distill, quantize, convParams, trainSeparable,
};
export default solution;
