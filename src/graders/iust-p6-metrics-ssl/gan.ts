// GAN sample quality, measured by a classifier the grader trains itself on real Fashion-MNIST
// (784 -> 128 relu -> 10, Adam, a few epochs). For samples x with class probabilities p(y|x):
//   inception-like score = exp(mean_x KL(p(y|x) || p(y))), p(y) the mean over the samples: high
//     when each sample is confidently one class and the samples spread over classes (1 .. 10);
//   mean max-probability = mean_x max_y p(y|x): confidence alone.
import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import type { LabelledImages } from '../../contracts/iust-p6-metrics-ssl.ts';
import { fitFast } from '../../engine/train-loop.ts';

export async function trainJudge(data: LabelledImages, epochs: number, seed: number): Promise<tf.LayersModel> {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10 }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: tf.losses.softmaxCrossEntropy });
  const n = data.labels.length;
  const x = tf.tidy(() => tf.tensor2d(data.images, [n, 784], 'float32').div(255));
  const y = tf.oneHot(tf.tensor1d(data.labels, 'int32'), 10);
  await fitFast(model, x, y, { epochs, batchSize: 64, seed });
  tf.dispose([x, y]);
  return model;
}

/** Class probabilities [n, 10] of images under the judge. */
export async function judgeProbabilities(judge: tf.LayersModel, images: Uint8Array): Promise<Float32Array> {
  const n = images.length / 784;
  const p = tf.tidy(() => tf.softmax(judge.predict(tf.tensor2d(images, [n, 784], 'float32').div(255)) as tf.Tensor));
  const out = await p.data() as Float32Array;
  p.dispose();
  return out;
}

export function qualityScores(p: Float32Array): { inceptionLike: number; meanMaxProb: number; classesCovered: number } {
  const n = p.length / 10;
  const marginal = new Float64Array(10);
  for (let i = 0; i < n * 10; i++) marginal[i % 10] += p[i] / n;
  let kl = 0, maxProb = 0;
  const argmaxes = new Set<number>();
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 0; c < 10; c++) {
      const q = p[i * 10 + c];
      if (q > 1e-12) kl += (q * Math.log(q / marginal[c])) / n;
      if (q > p[i * 10 + best]) best = c;
    }
    maxProb += p[i * 10 + best] / n;
    argmaxes.add(best);
  }
  return { inceptionLike: Math.exp(kl), meanMaxProb: maxProb, classesCovered: argmaxes.size };
}

/** A PNG grid of the first rows * cols images [n, 28, 28, 1], 2-pixel gaps, one row per checkpoint if given. */
export function imageGrid(rowsOfImages: Uint8Array[], cols: number): Buffer {
  const rows = rowsOfImages.length, cell = 30;
  const png = new PNG({ width: cols * cell, height: rows * cell });
  png.data.fill(255);
  rowsOfImages.forEach((imgs, r) => {
    for (let c = 0; c < cols && (c + 1) * 784 <= imgs.length; c++) for (let i = 0; i < 28; i++) for (let j = 0; j < 28; j++) {
      const v = imgs[c * 784 + i * 28 + j];
      const at = ((r * cell + 1 + i) * png.width + c * cell + 1 + j) * 4;
      png.data[at] = png.data[at + 1] = png.data[at + 2] = 255 - v; // dark clothes on white
      png.data[at + 3] = 255;
    }
  });
  return PNG.sync.write(png);
}

