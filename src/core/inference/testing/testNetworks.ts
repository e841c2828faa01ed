/**
 * Small tfjs networks for tests and the benchmark, never for clinical use.
 *
 * - `buildTinyUnet`: a U-Net-shaped LayersModel with random weights, for
 *   plumbing, speed and memory tests (its labels mean nothing);
 * - `buildThresholdNetwork`: a 1×1-convolution softmax whose argmax is an
 *   intensity threshold (input < 0.3 background, 0.3–0.6 kidney, > 0.6
 *   tumour), so that a phantom's segmentation is known in advance.
 */
import * as tf from '@tensorflow/tfjs';

function conv(filters: number, name: string, kernelSize = 3): tf.layers.Layer {
  return tf.layers.conv2d({
    filters,
    kernelSize,
    padding: 'same',
    activation: 'relu',
    name,
  });
}

/**
 * @param sizePx - input side, pixels
 * @param baseFilters - filters of the first level (doubles per level)
 * @param levels - down-sampling levels
 */
export function buildTinyUnet(
  sizePx: number,
  baseFilters = 8,
  levels = 2,
): tf.LayersModel {
  const input = tf.input({ shape: [sizePx, sizePx, 1], name: 'image' });
  const skips: tf.SymbolicTensor[] = [];
  let x: tf.SymbolicTensor = input;
  for (let l = 0; l < levels; l++) {
    x = conv(baseFilters << l, `down${l}`).apply(x) as tf.SymbolicTensor;
    skips.push(x);
    x = tf.layers
      .maxPooling2d({ poolSize: 2, name: `pool${l}` })
      .apply(x) as tf.SymbolicTensor;
  }
  x = conv(baseFilters << levels, 'bottom').apply(x) as tf.SymbolicTensor;
  for (let l = levels - 1; l >= 0; l--) {
    x = tf.layers
      .upSampling2d({ size: [2, 2], name: `up${l}` })
      .apply(x) as tf.SymbolicTensor;
    x = tf.layers
      .concatenate({ name: `cat${l}` })
      .apply([x, skips[l]]) as tf.SymbolicTensor;
    x = conv(baseFilters << l, `dec${l}`).apply(x) as tf.SymbolicTensor;
  }
  const output = tf.layers
    .conv2d({ filters: 3, kernelSize: 1, activation: 'softmax', name: 'probs' })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'tiny_unet' });
}

/**
 * Logits (0, 10x − 3, 20x − 9): background below 0.3, kidney from 0.3 to 0.6,
 * tumour above 0.6 (x is the windowed input in [0, 1]).
 */
export function buildThresholdNetwork(sizePx: number | null = null): tf.LayersModel {
  const model = tf.sequential({ name: 'threshold' });
  model.add(
    tf.layers.conv2d({
      inputShape: [sizePx, sizePx, 1],
      filters: 3,
      kernelSize: 1,
      activation: 'softmax',
      name: 'probs',
      weights: [tf.tensor4d([0, 10, 20], [1, 1, 1, 3]), tf.tensor1d([0, -3, -9])],
    }),
  );
  return model;
}
