import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { countModelFlops, countTopologyFlops } from './flops';

/** 8×8×2 → conv 3×3 (3, relu) → max-pool 2 → transposed conv 2×2/2 (2) → dense 4. */
function tinyModel(size: number | null = 8): tf.LayersModel {
  const input = tf.input({ shape: [size, size, 2] });
  let x = tf.layers
    .conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' })
    .apply(input) as tf.SymbolicTensor;
  x = tf.layers.maxPooling2d({ poolSize: 2 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers
    .conv2dTranspose({ filters: 2, kernelSize: 2, strides: 2 })
    .apply(x) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: 4, useBias: false }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: x });
}

// Hand counts, one multiply-add = 2 FLOPs.
const CONV = 2 * (8 * 8 * 3) * (3 * 3 * 2) + 8 * 8 * 3 + 8 * 8 * 3; // MACs + bias + relu
const POOL = 4 * 4 * 3 * 4;
const CONV_T = 2 * (4 * 4 * 3) * (2 * 2 * 2) + 8 * 8 * 2; // MACs + bias
const BN = 2 * 8 * 8 * 2;
const DENSE = 2 * (8 * 8 * 4) * 2; // per pixel 2 → 4, no bias

describe('countModelFlops', () => {
  it('counts convolutions, transposed convolutions, pooling, batch norm and dense layers', () => {
    const model = tinyModel();
    const count = countModelFlops(model);
    model.dispose();

    const byClass = Object.fromEntries(count.layers.map((l) => [l.className, l.flops]));
    expect(byClass.Conv2D).toBe(CONV);
    expect(byClass.MaxPooling2D).toBe(POOL);
    expect(byClass.Conv2DTranspose).toBe(CONV_T);
    expect(byClass.BatchNormalization).toBe(BN);
    expect(byClass.Dense).toBe(DENSE);
    expect(count.total).toBe(CONV + POOL + CONV_T + BN + DENSE);
    expect(count.multiplyAdd).toBe(
      2 * (8 * 8 * 3) * 18 + 2 * (4 * 4 * 3) * 8 + 2 * (8 * 8 * 4) * 2,
    );
  });

  it('gives the same count from the serialised topology as from the model', async () => {
    const model = tinyModel();
    const direct = countModelFlops(model).total;
    const topology = model.toJSON(undefined, false) as object;
    model.dispose();

    expect((await countTopologyFlops(topology)).total).toBe(direct);
  });

  it('counts a fully convolutional topology (open height and width) at the given size', async () => {
    const model = tinyModel(null);
    const topology = model.toJSON(undefined, false) as object;
    model.dispose();

    expect((await countTopologyFlops(topology, 8)).total).toBe(
      CONV + POOL + CONV_T + BN + DENSE,
    );
  });
});
