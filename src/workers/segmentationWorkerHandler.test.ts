/**
 * The worker handler's raw runs (no post-processing), its tumour region list
 * and its tfjs memory report, with a stand-in network: every pixel "kidney".
 */
import { describe, expect, it } from 'vitest';
import type * as tf from '@tensorflow/tfjs';
import { testManifest } from '../core/inference/testing/saveModelToDir';
import { listTumourRegions } from '../core/measurements/tumourRegions';
import type { LabelVolume, Volume } from '../core/volume/Volume';
import { axisAlignedGrid } from '../core/volume/testing/axisAlignedGrid';
import type { FromWorker } from './segmentationProtocol';
import { createSegmentationWorkerHandler } from './segmentationWorkerHandler';

const SIZE = 16;

function handler(memory?: () => { numTensors: number; numBytes: number }) {
  const posted: FromWorker[] = [];
  const manifest = testManifest(SIZE, 1);
  const handle = createSegmentationWorkerHandler({
    post: (m) => posted.push(m),
    initBackend: async () => ({ name: 'cpu', reason: 'test' }),
    loadModel: async () => ({
      manifest,
      network: {} as tf.LayersModel,
      dispose: () => {},
      sliceModel: {
        sizePx: SIZE,
        labelCount: 3,
        predict: async (_batch, count) => {
          const probs = new Float32Array(count * SIZE * SIZE * 3);
          for (let p = 1; p < probs.length; p += 3) probs[p] = 1;
          return probs;
        },
      },
    }),
    memory,
  });
  return { handle, posted };
}

/** 8 × 8 × 4 voxels of 1 mm: 0.256 mL, below the smallest kept kidney. */
const volume: Volume = {
  voxels: new Int16Array(8 * 8 * 4).fill(100),
  ...axisAlignedGrid([8, 8, 4]),
};

function labelsOf(posted: FromWorker[], id: number): Uint8Array {
  const m = posted.find((p) => p.type === 'result' && p.id === id);
  if (!m || m.type !== 'result') throw new Error(`no result for run ${id}`);
  return m.labels.labels;
}

describe('segmentation worker handler', () => {
  it('returns the raw argmax when asked, the cleaned labels otherwise', async () => {
    const { handle, posted } = handler();
    await handle({ type: 'init', manifestUrl: 'x', backend: null });
    await handle({ type: 'run', id: 1, volume, raw: true });
    await handle({ type: 'run', id: 2, volume });
    expect(labelsOf(posted, 1).every((v) => v === 1)).toBe(true);
    // The clean-up drops a kidney this small.
    expect(labelsOf(posted, 2).every((v) => v === 0)).toBe(true);
  });

  it('lists the tumour regions, moving their voxel arrays to the app', async () => {
    const posted: { message: FromWorker; transfer?: Transferable[] }[] = [];
    const handle = createSegmentationWorkerHandler({
      post: (message, transfer) => posted.push({ message, transfer }),
      initBackend: async () => ({ name: 'cpu', reason: 'test' }),
      loadModel: async () => {
        throw new Error('no model needed to list regions');
      },
    });
    const labels: LabelVolume = {
      ...axisAlignedGrid([8, 8, 4]),
      labels: new Uint8Array(8 * 8 * 4).fill(1, 0, 64),
    };
    labels.labels[10] = 2;
    labels.labels[200] = 2;

    await handle({ type: 'list-regions', id: 5, labels });
    const tumourRegions = listTumourRegions(labels);
    expect(tumourRegions).toHaveLength(2);
    expect(posted).toEqual([
      {
        message: { type: 'regions', id: 5, tumourRegions },
        transfer: tumourRegions.map((r) => r.voxels.buffer),
      },
    ]);
  });

  it('reports tfjs memory, or -1 without a probe', async () => {
    const a = handler(() => ({ numTensors: 7, numBytes: 42 }));
    await a.handle({ type: 'memory', id: 3 });
    expect(a.posted).toEqual([{ type: 'memory', id: 3, numTensors: 7, numBytes: 42 }]);
    const b = handler();
    await b.handle({ type: 'memory', id: 4 });
    expect(b.posted).toEqual([{ type: 'memory', id: 4, numTensors: -1, numBytes: -1 }]);
  });
});
