/**
 * The fused plan gives what the LayersModel gives, on the shipped network and
 * on networks with layers it does not fuse, and leaks no tensor.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileLayersModel } from './compileLayersModel';
import { fileSystemIOHandler } from './loadSegmentationModelFromDir';

const modelJson = join(resolve(__dirname, '../../..'), 'models/segmentation/model.json');

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

/** Runs both paths on `x`, returns the largest difference; checks the tensor count. */
function compareOn(model: tf.LayersModel, x: tf.Tensor) {
  const compiled = compileLayersModel(tf, model);
  if (!compiled) throw new Error('did not compile');
  const before = tf.memory().numTensors;
  const y = compiled.predict(x) as tf.Tensor;
  expect(tf.memory().numTensors).toBe(before + 1);
  const ref = model.predict(x) as tf.Tensor;
  const diff = maxAbsDiff(y, ref);
  expect(y.shape).toEqual(ref.shape);
  tf.dispose([y, ref]);
  return { compiled, diff };
}

describe.skipIf(!existsSync(modelJson))('the shipped network', () => {
  it('fuses every batch norm, activation and padding, and matches predict', async () => {
    const model = await tf.loadLayersModel(fileSystemIOHandler(modelJson));
    const x = tf.randomUniform([2, 256, 256, 1], 0, 1, 'float32', 3);
    const { compiled, diff } = compareOn(model, x);
    const count = (cls: string) =>
      model.layers.filter((l) => l.getClassName() === cls).length;
    expect(compiled.fusedLayers).toBe(
      count('BatchNormalization') +
        count('LeakyReLU') +
        count('ZeroPadding2D') +
        count('Concatenate'),
    );
    expect(compiled.steps).toBe(count('Conv2D') + count('Conv2DTranspose'));
    expect(diff).toBeLessThan(1e-5);
    const tensors = tf.memory().numTensors;
    compiled.dispose();
    expect(tf.memory().numTensors).toBeLessThan(tensors);
    x.dispose();
  }, 120_000);
});

describe('networks with other layers', () => {
  it('runs layers it cannot fuse through the layer itself', () => {
    const input = tf.input({ shape: [16, 16, 2] });
    let x = tf.layers
      .conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'tanh' })
      .apply(input) as tf.SymbolicTensor;
    x = tf.layers.dropout({ rate: 0.5 }).apply(x) as tf.SymbolicTensor;
    const bn = tf.layers.batchNormalization({ movingMeanInitializer: 'randomNormal' });
    x = bn.apply(x) as tf.SymbolicTensor;
    x = tf.layers
      .zeroPadding2d({
        padding: [
          [1, 2],
          [1, 2],
        ],
      })
      .apply(x) as tf.SymbolicTensor;
    x = tf.layers
      .conv2d({ filters: 3, kernelSize: 3, strides: 2, padding: 'valid' })
      .apply(x) as tf.SymbolicTensor;
    x = tf.layers
      .conv2dTranspose({ filters: 5, kernelSize: 3, strides: 2, padding: 'same' })
      .apply(x) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: x });
    const data = tf.randomNormal([3, 16, 16, 2], 0, 1, 'float32', 1);
    const { compiled, diff } = compareOn(model, data);
    expect(compiled.fusedLayers).toBe(0);
    expect(diff).toBeLessThan(1e-5);
    compiled.dispose();
    data.dispose();
  });

  it('folds a batch norm into a 2×2 transposed convolution and fuses a ReLU after it', () => {
    const input = tf.input({ shape: [8, 8, 3] });
    let x = tf.layers
      .conv2dTranspose({
        filters: 4,
        kernelSize: 2,
        strides: 2,
        padding: 'same',
        biasInitializer: 'randomNormal',
      })
      .apply(input) as tf.SymbolicTensor;
    x = tf.layers
      .batchNormalization({
        movingVarianceInitializer: 'ones',
        movingMeanInitializer: 'randomNormal',
        gammaInitializer: 'randomNormal',
      })
      .apply(x) as tf.SymbolicTensor;
    x = tf.layers.reLU().apply(x) as tf.SymbolicTensor;
    x = tf.layers.zeroPadding2d({ padding: 1 }).apply(x) as tf.SymbolicTensor;
    x = tf.layers
      .conv2d({
        filters: 2,
        kernelSize: 3,
        strides: 2,
        padding: 'valid',
        activation: 'softmax',
      })
      .apply(x) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: x });
    const data = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 2);
    const { compiled, diff } = compareOn(model, data);
    expect(compiled.fusedLayers).toBe(3);
    expect(compiled.steps).toBe(2);
    expect(diff).toBeLessThan(1e-5);
    compiled.dispose();
    data.dispose();
  });
});

describe('a concatenation before a convolution', () => {
  it('concatenates on small maps, reads the inputs apart on large ones, and matches predict', async () => {
    for (const [size, concatenates] of [
      [16, true],
      [128, false],
    ] as const) {
      const input = tf.input({ shape: [size, size, 2] });
      const x0 = tf.layers
        .conv2d({ filters: 4, kernelSize: 3, padding: 'same' })
        .apply(input) as tf.SymbolicTensor;
      const x1 = tf.layers
        .conv2d({ filters: 6, kernelSize: 1 })
        .apply(input) as tf.SymbolicTensor;
      const cat = tf.layers.concatenate().apply([x0, x1]) as tf.SymbolicTensor;
      let y = tf.layers
        .conv2d({ filters: 3, kernelSize: 3, padding: 'same', useBias: false })
        .apply(cat) as tf.SymbolicTensor;
      y = tf.layers
        .batchNormalization({
          movingMeanInitializer: 'randomNormal',
          gammaInitializer: 'randomNormal',
        })
        .apply(y) as tf.SymbolicTensor;
      y = tf.layers.leakyReLU({ alpha: 0.1 }).apply(y) as tf.SymbolicTensor;
      const model = tf.model({ inputs: input, outputs: y });
      const data = tf.randomNormal([2, size, size, 2], 0, 1, 'float32', 6);
      const { compiled, diff } = compareOn(model, data);
      expect(compiled.steps).toBe(3);
      expect(compiled.fusedLayers).toBe(3);
      expect(diff).toBeLessThan(1e-4);
      const { kernelNames, result } = await tf.profile(
        () => compiled.predict(data) as tf.Tensor,
      );
      expect(kernelNames.includes('Concat'), `${size}²: ${kernelNames.join(' ')}`).toBe(
        concatenates,
      );
      tf.dispose(result);
      compiled.dispose();
      data.dispose();
    }
  });
});

describe('a Sequential model', () => {
  it('compiles and matches predict', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [8, 8, 1],
          filters: 3,
          kernelSize: 1,
          activation: 'softmax',
        }),
      ],
    });
    const data = tf.randomNormal([1, 8, 8, 1], 0, 1, 'float32', 4);
    const { compiled, diff } = compareOn(model, data);
    expect(compiled.steps).toBe(1);
    expect(diff).toBeLessThan(1e-6);
    compiled.dispose();
    data.dispose();
  });
});
