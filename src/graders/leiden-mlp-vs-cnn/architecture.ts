// The seed's two architectures, checked on the imported model: the MLP has no convolution and
// 3 hidden dense layers plus the dense output (4 Dense); the CNN has 3 Conv2D layers and 2 dense
// layers (one hidden, one output). Pooling, dropout, batch norm, flatten and activations are free.
// The model must take the dataset's images as stored ([N, 28, 28, 1] or [N, 32, 32, 3]).
import type * as tf from '@tensorflow/tfjs';
import { expectedLayers, inputShapes, type Arch, type Dataset } from '../../contracts/leiden-mlp-vs-cnn.ts';

const CONV = new Set(['Conv2D', 'SeparableConv2D', 'DepthwiseConv2D', 'Conv1D', 'Conv2DTranspose']);

export interface ArchitectureCheck {
  layers: string[]; // class names in order, e.g. ["Flatten", "Dense", ...]
  conv: number;
  dense: number;
  params: number;
  problems: string[]; // empty when the model is the assignment's network
}

/** Layers of a model, looking inside a nested Sequential (a functional wrapper around one). */
function flatLayers(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.flatMap((l) => ('layers' in l && Array.isArray((l as unknown as tf.LayersModel).layers)
    ? flatLayers(l as unknown as tf.LayersModel) : [l]));
}

export function checkArchitecture(model: tf.LayersModel, dataset: Dataset, arch: Arch): ArchitectureCheck {
  const layers = flatLayers(model).map((l) => l.getClassName()).filter((c) => c !== 'InputLayer');
  const conv = layers.filter((c) => CONV.has(c)).length;
  const dense = layers.filter((c) => c === 'Dense').length;
  const want = expectedLayers[arch];
  const problems: string[] = [];
  const input = model.inputs[0].shape.slice(1).join(',');
  if (input !== inputShapes[dataset].join(',')) problems.push(`input [N,${input}], expected [N,${inputShapes[dataset]}]`);
  if (conv !== want.conv) problems.push(`${conv} conv layer(s), expected ${want.conv}`);
  if (dense !== want.dense) problems.push(`${dense} dense layer(s), expected ${want.dense} (${arch === 'mlp' ? '3 hidden + output' : '1 hidden + output'})`);
  return { layers, conv, dense, params: model.countParams(), problems };
}
