// The registry: each dataset's spec (catalog-*.ts, pure data) with the loader that reads it.
// `gradebench data`, datasetStatus() and the grader's run metadata all iterate this one list.
import { DATASET_SPECS, getSpec } from './catalog.ts';
import { loadAdult } from './loaders/adult.ts';
import { loadAgNews } from './loaders/ag-news.ts';
import { loadAnimeFaces } from './loaders/anime-faces.ts';
import { loadBrainMri } from './loaders/brain-mri.ts';
import { loadCifar10Binary } from './loaders/cifar10.ts';
import { loadCifar10Jpeg } from './loaders/cifar10-jpeg.ts';
import { loadCifar10Png200 } from './loaders/cifar10-png.ts';
import { loadCmnEngHw8 } from './loaders/cmn-eng.ts';
import { loadLggSlices } from './loaders/lgg.ts';
import { loadFashionMnist, loadMnist } from './loaders/mnist.ts';
import { loadPm25 } from './loaders/pm25.ts';
import { loadSentiment } from './loaders/sentiment.ts';
import type { DatasetSpec } from './spec.ts';

// Each loader takes its own options object (all extend SearchOptions); the registry erases them.
type AnyLoader = (opts?: never) => Promise<unknown>;

const LOADERS: Record<string, { load: AnyLoader; loader: string }> = {
  'mnist': { load: loadMnist, loader: 'loadMnist' },
  'fashion-mnist': { load: loadFashionMnist, loader: 'loadFashionMnist' },
  'cifar10': { load: loadCifar10Binary, loader: 'loadCifar10Binary' },
  'ml2020-hw1-pm25': { load: loadPm25, loader: 'loadPm25' },
  'uci-adult': { load: loadAdult, loader: 'loadAdult' },
  'uci-sentiment-labelled-sentences': { load: loadSentiment, loader: 'loadSentiment' },
  'cmn-eng': { load: loadCmnEngHw8, loader: 'loadCmnEngHw8 / loadCmnTxt' },
  'ag-news-test': { load: loadAgNews, loader: 'loadAgNews' },
  'cifar10-jpeg': { load: loadCifar10Jpeg, loader: 'loadCifar10Jpeg' },
  'cifar10-kaggle-png-first200': { load: loadCifar10Png200, loader: 'loadCifar10Png200' },
  'brain-mri-tumor-yes-no': { load: loadBrainMri, loader: 'loadBrainMri' },
  'brain-mri-lgg-seg-subset': { load: loadLggSlices, loader: 'loadLggSlices' },
  'anime-faces-mlds-subset': { load: loadAnimeFaces, loader: 'loadAnimeFaces' },
};

export interface RegisteredDataset {
  spec: DatasetSpec;
  /** The loader's exported name (for docs and `gradebench data`). */
  loader: string;
  load: AnyLoader;
}

export function registeredDatasets(): RegisteredDataset[] {
  return DATASET_SPECS.map((spec) => ({ spec, ...LOADERS[spec.name] }));
}

export function registeredDataset(name: string): RegisteredDataset {
  const spec = getSpec(name);
  return { spec, ...LOADERS[spec.name] };
}
