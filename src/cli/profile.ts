// gradebench profile <model> [--backend b] [--batch n] [--steps n]: where one training step's time
// goes, per kernel, on synthetic inputs of the model's shape (kernel times do not depend on the
// pixel values; labels are random classes). See src/engine/profile.ts for the method.
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initEngine, makeRng } from '../engine/index.ts';
import { formatProfile, profileStep, type StepProfile } from '../engine/profile.ts';
import { makeTrainStep } from '../engine/train-loop.ts';
import { lenet5 } from '../models/lenet5.ts';
import { mynet } from '../models/mynet.ts';

/** The models the profiler and the bench know, with their input shapes [h, w, c]. */
export const trainingModels: Record<string, { build: () => tf.LayersModel; input: [number, number, number] }> = {
  lenet5: { build: () => lenet5(), input: [28, 28, 1] },
  mynet: { build: () => mynet(), input: [32, 32, 1] },
};

const usage = `usage: gradebench profile <model> [--backend wasm|cpu|tensorflow] [--batch 64] [--steps 5] [--json]
  models: ${Object.keys(trainingModels).join(', ')}
  Runs warm-up, timed and profiled training steps (Adam, softmax cross-entropy, synthetic data)
  and prints the wall time per step, images/s and the time per kernel.`;

export async function profileCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      backend: { type: 'string' }, batch: { type: 'string', default: '64' },
      steps: { type: 'string', default: '5' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1 || !trainingModels[positionals[0]]) {
    process.stderr.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  await initEngine({ backend: values.backend, quiet: true });
  const p = await profileModel(positionals[0], Number(values.batch), Number(values.steps));
  process.stdout.write(values.json ? `${JSON.stringify(p, null, 2)}\n` : `${positionals[0]}: ${formatProfile(p)}\n`);
  return 0;
}

/** Profiles training steps of a named model on random inputs [batch, ...input] and one-hot labels. */
export async function profileModel(name: string, batch: number, steps = 5): Promise<StepProfile> {
  const spec = trainingModels[name];
  const model = spec.build();
  const { x, y } = syntheticBatch(spec.input, batch, 1);
  const step = makeTrainStep(model);
  try {
    return await profileStep(() => step(x, y), { batch, steps });
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}

/** x [n, h, w, c] uniform in [0, 1); y one-hot [n, 10] of seeded random classes. */
export function syntheticBatch(input: [number, number, number], n: number, seed: number): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const rng = makeRng(`synthetic:${seed}`);
  const pixels = new Float32Array(n * input[0] * input[1] * input[2]).map(() => rng());
  const labels = new Int32Array(n).map(() => Math.floor(rng() * 10));
  const x = tf.tensor4d(pixels, [n, ...input]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat()) as tf.Tensor2D;
  return { x, y };
}
