// tfjs models cross the grader-solution boundary as artifacts: topology JSON + one weight buffer,
// both structured-cloneable. A solution exports its trained model; the grader imports it and
// computes every metric itself on data whose labels it never handed out.
import * as tf from '@tensorflow/tfjs';

export interface ModelArtifact {
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
}

/** Serialises a trained tf.LayersModel (what a solution returns). */
export async function exportModel(model: tf.LayersModel): Promise<ModelArtifact> {
  let saved: ModelArtifact | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const data = artifacts.weightData;
    const weightData = Array.isArray(data) ? concat(data) : (data as ArrayBuffer);
    saved = { modelTopology: artifacts.modelTopology as object, weightSpecs: artifacts.weightSpecs ?? [], weightData: weightData.slice(0) };
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return saved!;
}

/** Rebuilds the model on the grader's side. */
export async function importModel(artifact: ModelArtifact): Promise<tf.LayersModel> {
  if (!artifact || typeof artifact.modelTopology !== 'object' || !(artifact.weightData instanceof ArrayBuffer)) {
    throw new Error('expected a model artifact {modelTopology, weightSpecs, weightData: ArrayBuffer}; build it with exportModel(model)');
  }
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: artifact.modelTopology, weightSpecs: artifact.weightSpecs, weightData: artifact.weightData }));
}

function concat(buffers: ArrayBuffer[]): ArrayBuffer {
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let at = 0;
  for (const b of buffers) { out.set(new Uint8Array(b), at); at += b.byteLength; }
  return out.buffer;
}
