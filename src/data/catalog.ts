// All registered datasets as data, in the order `gradebench data` lists them.
import { classicSpecs } from './catalog-classic.ts';
import { imageFolderSpecs } from './catalog-images.ts';
import { textSpecs } from './catalog-text.ts';
import { DatasetError } from './errors.ts';
import type { DatasetSpec } from './spec.ts';

export const DATASET_SPECS: readonly DatasetSpec[] = [...classicSpecs, ...textSpecs, ...imageFolderSpecs];

export function datasetNames(): string[] {
  return DATASET_SPECS.map((s) => s.name);
}

export function getSpec(name: string): DatasetSpec {
  const spec = DATASET_SPECS.find((s) => s.name === name);
  if (!spec) {
    throw new DatasetError('DATASET_UNKNOWN', `no dataset named "${name}"; known: ${datasetNames().join(', ')}`,
      { dataset: name });
  }
  return spec;
}
