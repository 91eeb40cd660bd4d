// Networks the grader trains itself and hands to solutions (the hw3 CNN that hw5 explains, the
// target of hw6's attack, hw7's teacher). Training one takes seconds to minutes on wasm, and several
// requirements and runs need the same one, so it is kept in the cache folder, keyed by everything
// that decides its weights: the recipe (hyperparameters, tier, seed, backend) and the source files
// that train it. A missing, stale or unreadable entry is retrained, never trusted.
// Each entry also holds integrity.json, the size and sha256 of its other files, written last, and
// every read checks them: a network altered on disk would otherwise be handed to solutions and
// graded against as if the grader had trained it. An entry without it (the format before) or whose
// bytes differ is logged and retrained (see data/cache-integrity.ts). Hashing the buffers already
// in hand (no second read) cost, medians of 7: a 2 MB model +1 ms to write, +7 ms to read; a 20 MB
// one +20 ms and +52 ms. Small beside training it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { CacheIntegrityError, failureReason, logRebuild, sha256Hex } from '../data/cache-integrity.ts';
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
  /** The folder holding model.json, weights.bin, info.json and integrity.json. */
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

/** The files of an entry, in the order they are written; integrity.json describes them and comes last. */
const FILES = ['model.json', 'weights.bin', 'info.json'] as const;
type EntryFile = (typeof FILES)[number];
const MANIFEST = 'integrity.json';
type Manifest = Record<EntryFile, { bytes: number; sha256: string }>;

/** The entry in dir; undefined when absent or when it fails its check (then logged and removed). */
function readEntry<Info>(dir: string): { artifact: ModelArtifact; info: Info } | undefined {
  if (!existsSync(dir)) return undefined;
  try {
    const files = readVerified(dir);
    const topology = JSON.parse(files['model.json'].toString('utf8')) as Omit<ModelArtifact, 'weightData'>;
    const bytes = files['weights.bin'];
    const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const info = JSON.parse(files['info.json'].toString('utf8')) as Info;
    return { artifact: { ...topology, weightData }, info };
  } catch (err) {
    logRebuild(basename(dir), failureReason(err));
    rmSync(dir, { recursive: true, force: true }); // retrain rather than trust it
    return undefined;
  }
}

/** Each file's bytes, read once and checked against integrity.json before anything parses them. */
function readVerified(dir: string): Record<EntryFile, Buffer> {
  const manifest = readManifest(dir);
  const out = {} as Record<EntryFile, Buffer>;
  for (const name of FILES) {
    const bytes = readFileSync(join(dir, name));
    const want = manifest[name];
    if (!want) throw new CacheIntegrityError(`integrity.json does not list ${name}`);
    if (bytes.length < want.bytes) throw new CacheIntegrityError(`${name} truncated (${bytes.length} of ${want.bytes} bytes)`);
    if (bytes.length !== want.bytes || sha256Hex(bytes) !== want.sha256) throw new CacheIntegrityError(`sha256 mismatch in ${name}`);
    out[name] = bytes;
  }
  return out;
}

function readManifest(dir: string): Partial<Manifest> {
  let text: string;
  try {
    text = readFileSync(join(dir, MANIFEST), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new CacheIntegrityError('no hash (old format)');
    throw err;
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch { /* reported below */ }
  if (!manifest || typeof manifest !== 'object') throw new CacheIntegrityError('damaged integrity.json');
  return manifest as Partial<Manifest>;
}

/** Writes into a temporary folder beside dir and renames it, so a crash never leaves half an entry. */
function writeEntry(dir: string, artifact: ModelArtifact, info: unknown): void {
  const files: Record<EntryFile, Uint8Array> = {
    'model.json': Buffer.from(JSON.stringify({ modelTopology: artifact.modelTopology, weightSpecs: artifact.weightSpecs })),
    'weights.bin': new Uint8Array(artifact.weightData),
    'info.json': Buffer.from(JSON.stringify(info)),
  };
  const manifest = {} as Manifest;
  for (const name of FILES) manifest[name] = { bytes: files[name].length, sha256: sha256Hex(files[name]) };
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const name of FILES) writeFileSync(join(tmp, name), files[name]);
  writeFileSync(join(tmp, MANIFEST), JSON.stringify(manifest, null, 1)); // last: it vouches for the others
  rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process stored it first: theirs is as good
  }
}
