// The teacher every hw7 requirement compresses, trained by the grader (never by the solution) and
// cached: conv 16 3x3 same relu -> pool -> conv 32 3x3 same relu -> pool -> flatten [N,1568]
// -> dense 64 relu -> dense 10 logits, 105,866 parameters, on x = pixel / 255 [N,28,28,1].
import * as tf from '@tensorflow/tfjs';
import { fitFast } from '../../engine/train-loop.ts';
import { cachedModel, type CachedModel } from '../../grading/model-cache.ts';
import type { ImageSet } from '../../data/index.ts';

export interface TeacherRecipe {
  tier: string;
  seed: number;
  trainImages: number; // the first stratified subset of this size of Fashion-MNIST train
  epochs: number;
  batchSize: number;
  learningRate: number;
}

export interface TeacherInfo {
  seconds: number;
  finalLoss: number;
}

/** [n,28,28,1] bytes -> float tensor pixel / 255 (the caller disposes it). */
export function toInput(set: { images: Uint8Array; shape: number[] }): tf.Tensor4D {
  const [n, h, w, c] = set.shape;
  return tf.tidy(() => tf.tensor4d(set.images, [n, h, w, c], 'int32').toFloat().div(255) as tf.Tensor4D);
}

export function teacherModel(seed: number): tf.LayersModel {
  const init = (k: number) => tf.initializers.glorotUniform({ seed: 1000 * seed + k });
  const model = tf.sequential({ name: 'hw7_teacher' });
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(2) }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init(3) }));
  model.add(tf.layers.dense({ units: 10, kernelInitializer: init(4) }));
  return model;
}

/** The cached teacher for this recipe, trained on `train` (a stratified subset chosen by the caller). */
export function cachedTeacher(recipe: TeacherRecipe, train: ImageSet): Promise<CachedModel<TeacherInfo>> {
  return cachedModel<TeacherInfo>({
    name: 'ml2020-hw7-compression-teacher',
    recipe,
    sources: [new URL(import.meta.url)],
    train: async () => {
      const start = performance.now();
      const model = teacherModel(recipe.seed);
      model.compile({ optimizer: tf.train.adam(recipe.learningRate), loss: (y: tf.Tensor, p: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, p) });
      const x = toInput(train);
      const y = tf.oneHot(tf.tensor1d(train.labels, 'int32'), 10);
      try {
        const logs = await fitFast(model, x, y, { epochs: recipe.epochs, batchSize: recipe.batchSize, seed: recipe.seed });
        return { model, info: { seconds: (performance.now() - start) / 1000, finalLoss: logs[logs.length - 1].loss } };
      } finally {
        tf.dispose([x, y]);
      }
    },
  });
}
