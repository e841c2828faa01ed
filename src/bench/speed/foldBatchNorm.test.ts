import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { foldBatchNorm } from './foldBatchNorm';

/** conv → BN → ReLU, transposed conv → BN, concat skip, conv → softmax. */
function smallUnet(): tf.LayersModel {
  const L = tf.layers;
  const input = tf.input({ shape: [16, 16, 1] });
  let a = L.conv2d({ filters: 4, kernelSize: 3, padding: 'same' }).apply(
    input,
  ) as tf.SymbolicTensor;
  a = L.batchNormalization({ epsilon: 1e-5 }).apply(a) as tf.SymbolicTensor;
  a = L.reLU().apply(a) as tf.SymbolicTensor;
  let b = L.maxPooling2d({ poolSize: 2 }).apply(a) as tf.SymbolicTensor;
  b = L.conv2d({ filters: 8, kernelSize: 3, padding: 'same', useBias: false }).apply(
    b,
  ) as tf.SymbolicTensor;
  b = L.batchNormalization().apply(b) as tf.SymbolicTensor;
  b = L.activation({ activation: 'relu' }).apply(b) as tf.SymbolicTensor;
  b = L.conv2dTranspose({ filters: 4, kernelSize: 2, strides: 2 }).apply(
    b,
  ) as tf.SymbolicTensor;
  b = L.batchNormalization().apply(b) as tf.SymbolicTensor;
  const c = L.concatenate().apply([a, b]) as tf.SymbolicTensor;
  const out = L.conv2d({ filters: 3, kernelSize: 1, activation: 'softmax' }).apply(c);
  return tf.model({ inputs: input, outputs: out as tf.SymbolicTensor });
}

/** Gives every batch norm non-trivial statistics, as training would. */
function randomiseBatchNorms(model: tf.LayersModel): void {
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'BatchNormalization') continue;
    const n = layer.getWeights()[0].shape[0];
    layer.setWeights([
      tf.randomUniform([n], 0.5, 1.5, 'float32', 1),
      tf.randomUniform([n], -0.3, 0.3, 'float32', 2),
      tf.randomUniform([n], -0.5, 0.5, 'float32', 3),
      tf.randomUniform([n], 0.2, 2, 'float32', 4),
    ]);
  }
}

describe('foldBatchNorm', () => {
  it('removes every batch norm and the ReLUs after them, with the same output', async () => {
    await tf.setBackend('cpu');
    const model = smallUnet();
    randomiseBatchNorms(model);
    const tensorsBefore = tf.memory().numTensors;
    const {
      model: folded,
      foldedBatchNorms,
      mergedActivations,
    } = await foldBatchNorm(tf, model);
    // Only the new model's weights were added.
    const weightCount = folded.weights.length;
    expect(tf.memory().numTensors - tensorsBefore).toBe(weightCount);

    expect(foldedBatchNorms).toBe(3);
    expect(mergedActivations).toBe(2);
    const classes = folded.layers.map((l) => l.getClassName());
    expect(classes).not.toContain('BatchNormalization');
    expect(classes).not.toContain('ReLU');

    const x = tf.randomUniform([2, 16, 16, 1], 0, 1, 'float32', 7);
    const before = (model.predict(x) as tf.Tensor).dataSync();
    const after = (folded.predict(x) as tf.Tensor).dataSync();
    let maxDiff = 0;
    for (let i = 0; i < before.length; i++)
      maxDiff = Math.max(maxDiff, Math.abs(before[i] - after[i]));
    expect(maxDiff).toBeLessThan(1e-5);
    model.dispose();
    folded.dispose();
  });

  it('keeps a capped ReLU (ReLU6) as its own layer', async () => {
    await tf.setBackend('cpu');
    const input = tf.input({ shape: [8, 8, 1] });
    let x = tf.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same' }).apply(input);
    x = tf.layers.batchNormalization().apply(x);
    x = tf.layers.reLU({ maxValue: 6 }).apply(x);
    const model = tf.model({ inputs: input, outputs: x as tf.SymbolicTensor });
    const {
      model: folded,
      foldedBatchNorms,
      mergedActivations,
    } = await foldBatchNorm(tf, model);

    expect([foldedBatchNorms, mergedActivations]).toEqual([1, 0]);
    expect(folded.layers.map((l) => l.getClassName())).toContain('ReLU');
    model.dispose();
    folded.dispose();
  });
});
