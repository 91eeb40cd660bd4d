// Rotation prediction as a pretext task (Gidaris et al. 2018, RotNet): a small CNN learns to tell
// which of 0 / 90 / 180 / 270 degrees an unlabelled image was turned by, which needs the shapes
// and orientation of clothes; the classifier then starts from that trunk instead of from noise.
//   [N,28,28,1] avgpool 2 -> [N,14,14,1] conv 16 3x3 relu -> pool 2 -> [N,7,7,16] conv 32 3x3 relu
//   -> pool 2 -> [N,3,3,32] flatten 288 -> dense 64 relu (the features) -> dense k (logits):
//   k = 4 rotations or 10 classes.
import * as tf from '@tensorflow/tfjs';
import type { FashionImages, LabelledImages, TrainOptions } from '../../src/contracts/iust-p6-metrics-ssl.ts';
import { exportModel, fitFast, importModel, seedEverything, type ModelArtifact } from '../../src/kit.ts';

const LR = 2e-3;

export function convNet(outputs: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.averagePooling2d({ inputShape: [28, 28, 1], poolSize: 2 })); // 14x14: 4x less convolution
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: outputs }));
  model.compile({ optimizer: tf.train.adam(LR), loss: tf.losses.softmaxCrossEntropy });
  return model;
}

/** np.rot90(image, k) of a 28x28 image: k quarter turns counter-clockwise. */
export function rot90(src: Uint8Array, k: number): Uint8Array {
  const out = new Uint8Array(784);
  for (let i = 0; i < 28; i++) for (let j = 0; j < 28; j++) {
    const [si, sj] = k === 0 ? [i, j] : k === 1 ? [j, 27 - i] : k === 2 ? [27 - i, 27 - j] : [27 - j, i];
    out[i * 28 + j] = src[si * 28 + sj];
  }
  return out;
}

export async function pretrainRotation(set: FashionImages, o: TrainOptions) {
  seedEverything(o.seed);
  const n = set.shape[0];
  const images = new Uint8Array(4 * n * 784), labels = new Int32Array(4 * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < 4; k++) { // every image in all four rotations
    images.set(rot90(set.images.subarray(i * 784, (i + 1) * 784), k), (4 * i + k) * 784);
    labels[4 * i + k] = k;
  }
  return fit(convNet(4), images, labels, 4, o);
}

export async function trainClassifier(data: LabelledImages, o: TrainOptions & { pretrained?: ModelArtifact }) {
  seedEverything(o.seed);
  const model = convNet(10);
  if (o.pretrained) {
    // The convolutions start from the rotation model's; the dense layers, which had specialised in
    // rotations, start afresh. (Copying dense 64 too, or freezing the convolutions, did no better in
    // our runs with 100 labels.)
    const rotation = await importModel(o.pretrained);
    model.layers.forEach((l, i) => { if (l.getClassName() === 'Conv2D') l.setWeights(rotation.layers[i].getWeights()); });
    rotation.dispose();
  }
  return fit(model, data.images, data.labels, 10, o);
}

export async function fit(model: tf.LayersModel, images: Uint8Array, labels: Int32Array, classes: number, o: TrainOptions) {
  const x = tf.tidy(() => tf.tensor4d(images, [labels.length, 28, 28, 1], 'float32').div(255));
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), classes);
  const history = await fitFast(model, x, y, { epochs: o.epochs, batchSize: o.batchSize, seed: o.seed });
  tf.dispose([x, y]);
  const artifact = await exportModel(model);
  model.dispose();
  return { model: artifact, loss: history.map((h) => h.loss) };
}
