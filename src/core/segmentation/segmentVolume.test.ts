import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../inference/initBackend';
import { testManifest } from '../inference/testing/saveModelToDir';
import { buildThresholdNetwork, buildTinyUnet } from '../inference/testing/testNetworks';
import { createTfSliceModel } from '../inference/tfSliceModel';
import type { Vec3 } from '../volume/Volume';
import { segmentVolume, type SegmentationProgress } from './segmentVolume';
import type { SliceModel } from './SliceModel';
import { centredGrid, phantomLabels, phantomVolume } from './testing/kidneyPhantom';

const manifest = testManifest(64, 3);
const dims: Vec3 = [96, 80, 40];
const spacing: Vec3 = [2, 2, 2.5];

function dice(a: Uint8Array, b: Uint8Array, label: number): number {
  let both = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] === label;
    const y = b[i] === label;
    if (x && y) both++;
    sum += Number(x) + Number(y);
  }
  return (2 * both) / sum;
}

beforeAll(async () => {
  await initBackend({ requested: 'wasm' });
});

describe('segmentVolume with a threshold network', () => {
  let model: SliceModel;
  beforeAll(() => {
    model = createTfSliceModel(buildThresholdNetwork(64), manifest);
  });

  it('recovers the phantom kidneys and tumour on the study grid', async () => {
    const grid = centredGrid(dims, spacing);
    const result = await segmentVolume({ volume: phantomVolume(grid), manifest, model });
    const truth = phantomLabels(grid);
    expect(result.dims).toEqual(dims);
    expect(result.originMm).toEqual(grid.originMm);
    expect(dice(result.labels, truth, 1)).toBeGreaterThan(0.9);
    expect(dice(result.labels, truth, 2)).toBeGreaterThan(0.9);
  });

  it('gives the same anatomy whatever the stored orientation', async () => {
    const lps = centredGrid(dims, spacing);
    const ras = centredGrid(dims, spacing, [
      [-1, 0, 0],
      [0, -1, 0],
      [0, 0, 1],
    ]);
    const sagittalFirst = centredGrid(
      [dims[2], dims[0], dims[1]],
      [spacing[2], spacing[0], spacing[1]],
      [
        [0, 0, 1],
        [1, 0, 0],
        [0, 1, 0],
      ],
    );
    const [a, b, c] = await Promise.all(
      [lps, ras, sagittalFirst].map((g) =>
        segmentVolume({ volume: phantomVolume(g), manifest, model }),
      ),
    );
    const [nx, ny, nz] = dims;
    let differences = 0;
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const label = a.labels[i + j * nx + k * nx * ny];
          if (b.labels[nx - 1 - i + (ny - 1 - j) * nx + k * nx * ny] !== label)
            differences++;
          if (c.labels[k + i * nz + j * nz * nx] !== label) differences++;
        }
      }
    }
    expect(differences).toBe(0);
  });
});

describe('segmentVolume with a U-Net-shaped network', () => {
  const unetManifest = testManifest(32, 6);
  let network: tf.LayersModel;
  let model: SliceModel;
  beforeAll(() => {
    network = buildTinyUnet(32, 4, 2);
    model = createTfSliceModel(network, unetManifest);
  });
  const volume = phantomVolume(centredGrid([48, 40, 12], [4, 4, 5]));

  it('reports progress per batch and releases every tensor', async () => {
    const baseline = tf.memory().numTensors;
    const progress: SegmentationProgress[] = [];
    const result = await segmentVolume({
      volume,
      manifest: unetManifest,
      model,
      batchSize: 5,
      onProgress: (p) => progress.push(p),
    });
    expect(result.labels.length).toBe(48 * 40 * 12);
    expect(result.labels.every((l) => l <= 2)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([5, 10, 12]);
    expect(progress.every((p) => p.total === 12 && p.slicesPerSec > 0)).toBe(true);
    expect(progress.at(-1)?.etaSec).toBe(0);
    expect(progress[0].etaSec).toBeCloseTo(7 / progress[0].slicesPerSec, 6);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('stops when cancelled and still releases every tensor', async () => {
    const baseline = tf.memory().numTensors;
    const controller = new AbortController();
    const done: number[] = [];
    const run = segmentVolume({
      volume,
      manifest: unetManifest,
      model,
      batchSize: 2,
      signal: controller.signal,
      onProgress: (p) => {
        done.push(p.done);
        if (p.done === 4) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(done).toEqual([2, 4]);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('refuses a network whose input size differs from the manifest', () => {
    expect(() => createTfSliceModel(network, testManifest(64, 6))).toThrow(
      'does not match the manifest',
    );
  });
});
