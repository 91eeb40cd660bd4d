// gradebench profile <model> [--backend b] [--batch n] [--steps n]: where one training step's time
// goes, per kernel, on synthetic inputs of the model's shape (kernel times do not depend on the
// pixel values; labels are random classes). See src/engine/profile.ts for the method.
import * as tf from '@tensorflow/tfjs';
import { initEngine, makeRng } from '../engine/index.ts';
import { registerFastGradients } from '../engine/gradients/index.ts';
import { formatProfile, profileStep, type StepProfile } from '../engine/profile.ts';
import { makeTrainStep } from '../engine/train-loop.ts';
import { lenet5 } from '../models/lenet5.ts';
import { mynet } from '../models/mynet.ts';
import { intOption, parse, UsageError } from './args.ts';

/** The models the profiler and the bench know, with their input shapes [h, w, c]. */
export const trainingModels: Record<string, { build: () => tf.LayersModel; input: [number, number, number] }> = {
  lenet5: { build: () => lenet5(), input: [28, 28, 1] },
  mynet: { build: () => mynet(), input: [32, 32, 1] },
};

const usage = `usage: gradebench profile <model> [--backend wasm|cpu|tensorflow] [--batch 64] [--steps 10]
                         [--by-shape] [--top 25] [--json]
  models: ${Object.keys(trainingModels).join(', ')}
  Runs warm-up, timed and profiled training steps (Adam, softmax cross-entropy, synthetic data)
  and prints the wall time per step, images/s and the time per kernel (--by-shape: per kernel and
  input shapes).`;

export async function profileCommand(argv: string[]): Promise<number> {
  const { values, positionals, help } = parse(argv, {
    backend: { type: 'string' }, batch: { type: 'string', default: '64' }, steps: { type: 'string', default: '10' },
    'by-shape': { type: 'boolean' }, top: { type: 'string', default: '25' }, json: { type: 'boolean' },
  }, usage, true);
  if (help) { console.log(usage); return 0; }
  const name = positionals[0];
  if (positionals.length !== 1 || !trainingModels[name]) throw new UsageError(`name one model (${Object.keys(trainingModels).join(', ')})\n\n${usage}`);
  await initEngine({ backend: values.backend as string | undefined, quiet: true });
  registerFastGradients();
  const p = await profileModel(name, intOption(values.batch, 'batch') ?? 64, intOption(values.steps, 'steps') ?? 10);
  console.log(values.json ? JSON.stringify(p, null, 2) : `${name}: ${formatProfile(p, intOption(values.top, 'top') ?? 25, !!values['by-shape'])}`);
  return 0;
}

/** Profiles training steps of a named model on random inputs [batch, ...input] and one-hot labels. */
export async function profileModel(name: string, batch: number, steps = 10): Promise<StepProfile> {
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
