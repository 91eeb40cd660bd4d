// Networks the grader trains itself and hands to solutions (the hw3 CNN that hw5 explains, the
// target of hw6's attack, hw7's teacher). Training one takes seconds to minutes on wasm, and several
// requirements and runs need the same one, so it is kept in the cache folder, keyed by everything
// that decides its weights: the recipe (hyperparameters, tier, seed, backend) and the source files
// that train it. A missing, stale or unreadable entry is retrained, never trusted.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { cacheRoot } from '../data/places.ts';
import { exportModel, importModel, type ModelArtifact } from './model-artifact.ts';

export interface CachedModelSpec<Info> {
  /** Short name, part of the folder name: e.g. 'ml2020-hw3-cnn-reference'. */
  name: string;
  /** Everything that decides the weights (tier, seed, epochs, sizes...): JSON-serialisable. */
  recipe: object;
  /** Source files whose contents also key the entry (the trainer's module: pass import.meta.url, a URL or a path). */
  sources: (string | URL)[];
  /** Trains the model; `info` (JSON) is stored beside it (e.g. its test accuracy, training time). */
  train: () => Promise<{ model: tf.LayersModel; info: Info }>;
}

export interface CachedModel<Info> {
  artifact: ModelArtifact;
  info: Info;
  /** True when read from the cache rather than trained in this call. */
  fromCache: boolean;
  /** The folder holding model.json, weights.bin and info.json. */
  dir: string;
}

/** Returns the cached model for spec, training and storing it first when it is not there. */
export async function cachedModel<Info>(spec: CachedModelSpec<Info>): Promise<CachedModel<Info>> {
  const dir = join(cacheRoot(), 'models', `${spec.name}-${entryKey(spec)}`);
  const hit = readEntry<Info>(dir);
  if (hit) return { ...hit, fromCache: true, dir };
  const { model, info } = await spec.train();
  try {
    const artifact = await exportModel(model);
    writeEntry(dir, artifact, info);
    return { artifact, info, fromCache: false, dir };
  } finally {
    model.dispose();
  }
}

/** Loads a cached model's artifact as a live model (the grader's side). */
export function loadArtifact(artifact: ModelArtifact): Promise<tf.LayersModel> {
  return importModel(artifact);
}

function entryKey(spec: CachedModelSpec<unknown>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ recipe: spec.recipe, backend: tf.getBackend(), tfjs: tf.version.tfjs }));
  for (const source of spec.sources) hash.update(readFileSync(typeof source === 'string' && source.startsWith('file:') ? new URL(source) : source));
  return hash.digest('hex').slice(0, 16);
}

function readEntry<Info>(dir: string): { artifact: ModelArtifact; info: Info } | undefined {
  try {
    if (!existsSync(join(dir, 'info.json'))) return undefined; // written last: its presence means complete
    const topology = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Omit<ModelArtifact, 'weightData'>;
    const bytes = readFileSync(join(dir, 'weights.bin'));
    const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const info = JSON.parse(readFileSync(join(dir, 'info.json'), 'utf8')) as Info;
    return { artifact: { ...topology, weightData }, info };
  } catch {
    rmSync(dir, { recursive: true, force: true }); // unreadable: retrain rather than trust it
    return undefined;
  }
}

/** Writes into a temporary folder and renames it, so a crash never leaves half an entry. */
function writeEntry(dir: string, artifact: ModelArtifact, info: unknown): void {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'model.json'), JSON.stringify({ modelTopology: artifact.modelTopology, weightSpecs: artifact.weightSpecs }));
  writeFileSync(join(tmp, 'weights.bin'), new Uint8Array(artifact.weightData));
  writeFileSync(join(tmp, 'info.json'), JSON.stringify(info));
  rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process stored it first: theirs is as good
  }
}
