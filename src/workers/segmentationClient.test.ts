/**
 * The client and the worker logic together, in one Node process: a fake
 * Worker passes structured clones between them, and the model is fetched
 * over HTTP from a server on 127.0.0.1, as the browser worker fetches it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initBackend } from '../core/inference/initBackend';
import { loadSegmentationModel } from '../core/inference/loadSegmentationModel';
import { measureLabels } from '../core/measurements/measureLabels';
import { listTumourRegions } from '../core/measurements/tumourRegions';
import { saveModelToDir, testManifest } from '../core/inference/testing/saveModelToDir';
import { buildThresholdNetwork } from '../core/inference/testing/testNetworks';
import type { SegmentationProgress } from '../core/segmentation/segmentVolume';
import { centredGrid, phantomVolume } from '../core/segmentation/testing/kidneyPhantom';
import { createSegmentationClient, type WorkerLike } from './segmentationClient';
import type { FromWorker, ToWorker } from './segmentationProtocol';
import { createSegmentationWorkerHandler } from './segmentationWorkerHandler';

let dir = '';
let server: Server;
let baseUrl = '';
const requests: string[] = [];

/** A Worker stand-in: messages cross as structured clones, asynchronously. */
function inProcessWorker(): WorkerLike {
  const listeners: ((e: MessageEvent<FromWorker>) => void)[] = [];
  let alive = true;
  const handle = createSegmentationWorkerHandler({
    post: (message, transfer) =>
      setTimeout(() => {
        if (!alive) return;
        const data = structuredClone(message, { transfer });
        listeners.forEach((l) => l({ data } as MessageEvent<FromWorker>));
      }),
    initBackend,
    loadModel: (url) => loadSegmentationModel(url),
  });
  return {
    postMessage: (message: ToWorker, transfer?: Transferable[]) => {
      const data = structuredClone(message, { transfer });
      setTimeout(() => alive && void handle(data));
    },
    addEventListener: (type: string, listener: (e: never) => void) => {
      if (type === 'message')
        listeners.push(listener as (e: MessageEvent<FromWorker>) => void);
    },
    terminate: () => {
      alive = false;
    },
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nephroplan-client-'));
  await initBackend({ requested: 'wasm' });
  await saveModelToDir(
    buildThresholdNetwork(64),
    testManifest(64, 3),
    join(dir, 'model'),
  );
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const path = normalize(
      join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)),
    );
    try {
      if (!path.startsWith(dir)) throw new Error('outside');
      res.end(readFileSync(path));
    } catch {
      res.statusCode = 404;
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const volume = () => phantomVolume(centredGrid([96, 80, 24], [2, 2, 4]));

/**
 * A scripted worker: it answers init, reports the first batch of a run, and
 * answers a cancel with `onCancel` (nothing: still busy in its batch).
 */
function scriptedWorker(
  name: string,
  total: number,
  onCancel: (id: number, send: (data: FromWorker) => void) => void = () => {},
) {
  const listeners: ((e: MessageEvent<FromWorker>) => void)[] = [];
  const send = (data: FromWorker) =>
    setTimeout(() => listeners.forEach((l) => l({ data } as MessageEvent<FromWorker>)));
  const worker = {
    received: [] as ToWorker['type'][],
    postMessage: (message: ToWorker) => {
      worker.received.push(message.type);
      if (message.type === 'init') {
        send({
          type: 'ready',
          backend: { name: 'cpu', reason: 'test' },
          model: { name, version: '0' },
        });
      }
      if (message.type === 'run') {
        const progress = { done: 1, total, slicesPerSec: 1 / total, etaSec: total - 1 };
        send({ type: 'progress', id: message.id, progress });
      }
      if (message.type === 'cancel') onCancel(message.id, send);
    },
    addEventListener: (type: string, listener: (e: never) => void) => {
      if (type === 'message')
        listeners.push(listener as (e: MessageEvent<FromWorker>) => void);
    },
    terminate: vi.fn(),
  };
  return worker;
}

/**
 * A worker busy in one long batch (as on the cpu backend): it never gets to
 * read a cancel.
 */
const busyWorker = () => scriptedWorker('busy', 24);

/**
 * A worker whose last batch is already under way when the cancel comes: it
 * reports that batch and sends its result after the cancel, as a real worker
 * does when the cancel arrives during the last batch.
 */
const finishingWorker = () =>
  scriptedWorker('finishing', 2, (id, send) => {
    send({
      type: 'progress',
      id,
      progress: { done: 2, total: 2, slicesPerSec: 1, etaSec: 0 },
    });
    const labels = { ...volume(), labels: new Uint8Array(96 * 80 * 24).fill(2) };
    const measurements = measureLabels(labels);
    send({ type: 'result', id, labels, measurements, durationSec: 1 });
  });

describe('createSegmentationClient', () => {
  it('loads the model over HTTP and reports the backend', async () => {
    const client = await createSegmentationClient(`${baseUrl}/model/`, {
      backend: 'wasm',
      createWorker: inProcessWorker,
    });
    expect(client.backendInfo).toEqual({
      name: 'wasm',
      reason: 'forced by setting (backend=wasm)',
    });
    expect(client.model).toEqual({ name: 'test-network', version: '0.0.0' });
    expect(requests).toEqual(
      expect.arrayContaining([
        '/model/manifest.json',
        '/model/model.json',
        '/model/weights.bin',
      ]),
    );
    client.dispose();
  });

  it('segments a study with progress and returns labels and measurements', async () => {
    const client = await createSegmentationClient(`${baseUrl}/model`, {
      createWorker: inProcessWorker,
    });
    const progress: SegmentationProgress[] = [];
    const v = volume();
    const baseline = tf.memory().numTensors;
    const result = await client.run(v, {
      onProgress: (p) => progress.push(p),
      batchSize: 8,
    });
    expect(result.labels.dims).toEqual(v.dims);
    expect(result.labels.labels).toBeInstanceOf(Uint8Array);
    expect(result.measurements.tumourSide).toBe('left');
    expect(result.measurements.tumourComponentCount).toBe(1);
    expect(progress.map((p) => p.done)).toEqual([8, 16, 24]);
    expect(v.voxels.length).toBe(96 * 80 * 24); // copied, not moved
    expect(tf.memory().numTensors).toBe(baseline);
    client.dispose();
  });

  it('cancels a run through its AbortSignal and stays usable', async () => {
    const client = await createSegmentationClient(`${baseUrl}/model/`, {
      createWorker: inProcessWorker,
    });
    const controller = new AbortController();
    const first = client.run(volume(), {
      signal: controller.signal,
      batchSize: 2,
      onProgress: () => controller.abort(),
    });
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    expect(client.stopped).toBe(false);
    const second = await client.run(volume(), { batchSize: 12 });
    expect(second.measurements.tumourVolumeMl).toBeGreaterThan(0);
    client.dispose();
  });

  it('terminates a worker that does not heed a cancel in time, and says it stopped', async () => {
    const worker = busyWorker();
    const onStopped = vi.fn();
    const client = await createSegmentationClient(`${baseUrl}/model/`, {
      createWorker: () => worker,
      cancelTimeoutMs: 50,
      onStopped,
    });
    const controller = new AbortController();
    const run = client.run(volume(), {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const measuring = client.measure({ ...volume(), labels: new Uint8Array(4) });

    const cancelled = performance.now();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - cancelled).toBeGreaterThanOrEqual(45);
    expect(worker.received).toEqual(['init', 'run', 'measure', 'cancel']);
    expect(worker.terminate).toHaveBeenCalledTimes(1);
    expect(onStopped).toHaveBeenCalledTimes(1);
    expect(client.stopped).toBe(true);
    // What else waited on that worker fails, and so does what comes after.
    await expect(measuring).rejects.toThrow('stopped after a cancel');
    await expect(client.run(volume())).rejects.toThrow('start a new client');
    await expect(client.memory()).rejects.toThrow('start a new client');
    expect(worker.received).toEqual(['init', 'run', 'measure', 'cancel']);
  });

  it('drops a result and progress that the worker sends after the cancel', async () => {
    const worker = finishingWorker();
    const client = await createSegmentationClient(`${baseUrl}/model/`, {
      createWorker: () => worker,
      cancelTimeoutMs: 5000,
    });
    const controller = new AbortController();
    const progress: number[] = [];
    const run = client.run(volume(), {
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p.done);
        controller.abort();
      },
    });

    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toEqual([1]);
    expect(worker.received).toEqual(['init', 'run', 'cancel']);
    // The worker answered: it is free, not stopped.
    expect(worker.terminate).not.toHaveBeenCalled();
    expect(client.stopped).toBe(false);
    client.dispose();
  });

  it('rejects with the reason when the model cannot be loaded', async () => {
    await expect(
      createSegmentationClient(`${baseUrl}/missing/`, { createWorker: inProcessWorker }),
    ).rejects.toThrow('HTTP 404');
  });
});

describe('measure in the worker', () => {
  it('re-measures edited labels without touching the caller’s copy', async () => {
    const client = await createSegmentationClient(`${baseUrl}/model/`, {
      createWorker: inProcessWorker,
    });
    const { labels, measurements } = await client.run(volume(), { batchSize: 12 });
    const edited = { ...labels, labels: labels.labels.map((l) => (l === 2 ? 1 : l)) };
    const again = await client.measure(edited);
    expect(again.tumourVolumeMl).toBe(0);
    expect(again.kidneys.left?.kidneyVolumeMl).toBeCloseTo(
      (measurements.kidneys.left?.kidneyVolumeMl ?? 0) + measurements.tumourVolumeMl,
      6,
    );
    expect(edited.labels.some((l) => l === 1)).toBe(true);
    client.dispose();
  });

  it('lists the tumour regions as the main thread would', async () => {
    const client = await createSegmentationClient(`${baseUrl}/model/`, {
      createWorker: inProcessWorker,
    });
    const { labels } = await client.run(volume(), { batchSize: 12 });
    const edited = { ...labels, labels: labels.labels.slice() };
    edited.labels[0] = 2;
    const regions = await client.listTumourRegions(edited);
    expect(regions).toEqual(listTumourRegions(edited));
    expect(regions.length).toBeGreaterThan(1);
    expect(edited.labels[0]).toBe(2);
    client.dispose();
  });
});
