// The grader's own trained hw3 network (hw5 explains it), trained once per recipe and cached with
// grading/model-cache.ts: CI starts empty, so the standard recipe trains in seconds.
import type { ModelArtifact } from '../../grading/model-artifact.ts';
import { cachedModel } from '../../grading/model-cache.ts';
import { accuracy } from '../../grading/checks.ts';
import { loadCifar10Jpeg } from '../../data/index.ts';
import { buildHw3Network, predictClasses, toInput, trainHw3Network } from './network.ts';
import { hw5ReferenceRecipe } from './plan.ts';

export interface ReferenceInfo {
  testAccuracy: number; // on the tier's CIFAR-10 test images (testPerClass per class)
  testImages: number;
  trainSeconds: number;
  params: number;
  losses: number[]; // [epochs]
}

export const REFERENCE_TEST_PER_CLASS = 100;

/** The reference network's artifact and what its training measured; trained only on a cache miss. */
export async function hw3ReferenceModel(seed: number, progress: (m: string) => void = () => {}): Promise<{ artifact: ModelArtifact; info: ReferenceInfo; fromCache: boolean; recipe: ReturnType<typeof hw5ReferenceRecipe> }> {
  const recipe = hw5ReferenceRecipe(seed);
  const got = await cachedModel<ReferenceInfo>({
    name: 'ml2020-hw3-cnn-reference',
    recipe: { ...recipe, testPerClass: REFERENCE_TEST_PER_CLASS },
    sources: [new URL('./network.ts', import.meta.url), new URL('./augment.ts', import.meta.url), new URL(import.meta.url)],
    train: async () => {
      const data = await loadCifar10Jpeg({ trainPerClass: recipe.trainPerClass, testPerClass: REFERENCE_TEST_PER_CLASS });
      const model = buildHw3Network(recipe.widths, seed);
      const losses: number[] = [];
      const start = performance.now();
      progress(`training the hw3 reference network (${recipe.trainImages} images, ${recipe.epochs} epochs)`);
      await trainHw3Network(model, data.train.images, data.train.labels, recipe, (_, loss) => { losses.push(loss); });
      const trainSeconds = (performance.now() - start) / 1000;
      const x = toInput(data.test.images, data.test.labels.length);
      const testAccuracy = accuracy(predictClasses(model, x), data.test.labels);
      x.dispose();
      return { model, info: { testAccuracy, testImages: data.test.labels.length, trainSeconds, params: model.countParams(), losses } };
    },
  });
  return { ...got, recipe };
}
