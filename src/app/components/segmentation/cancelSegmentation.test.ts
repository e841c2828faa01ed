/**
 * Cancel while the worker is stuck in a long batch (the cpu backend): the app
 * stops that worker after the client's timeout, keeps nothing of the run, and
 * the next run starts a fresh worker that loads the model again.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { measureLabels } from '../../../core/measurements/measureLabels';
import type { LabelVolume, Volume } from '../../../core/volume/Volume';
import { axisAlignedGrid } from '../../../core/volume/testing/axisAlignedGrid';
import type { FromWorker, ToWorker } from '../../../workers/segmentationProtocol';

const grid = axisAlignedGrid([2, 2, 2]);
const volume = { ...grid, voxels: new Int16Array(8) } as Volume;

/** One fake worker per client: it answers runs only when `answersRuns`. */
interface FakeWorker {
  answersRuns: boolean;
  received: ToWorker['type'][];
  terminated: boolean;
}
const workers: FakeWorker[] = [];
let nextAnswersRuns = false;

function fakeWorker() {
  const state: FakeWorker = {
    answersRuns: nextAnswersRuns,
    received: [],
    terminated: false,
  };
  workers.push(state);
  const listeners: ((e: MessageEvent<FromWorker>) => void)[] = [];
  const send = (data: FromWorker) =>
    setTimeout(() => {
      if (!state.terminated)
        listeners.forEach((l) => l({ data } as MessageEvent<FromWorker>));
    });
  return {
    postMessage(message: ToWorker) {
      state.received.push(message.type);
      if (message.type === 'init') {
        const backend = {
          name: 'cpu' as const,
          reason: 'forced by setting (backend=cpu)',
        };
        send({ type: 'ready', backend, model: { name: 'fake', version: '0' } });
      } else if (message.type === 'run') {
        const progress = { done: 1, total: 2, slicesPerSec: 0.1, etaSec: 10 };
        send({ type: 'progress', id: message.id, progress });
        if (!state.answersRuns) return;
        const labels: LabelVolume = {
          ...grid,
          labels: Uint8Array.of(0, 1, 2, 2, 0, 1, 2, 0),
        };
        const measurements = measureLabels(labels);
        send({ type: 'result', id: message.id, labels, measurements, durationSec: 0 });
      }
    },
    addEventListener(type: string, listener: (e: never) => void) {
      if (type === 'message')
        listeners.push(listener as (e: MessageEvent<FromWorker>) => void);
    },
    terminate() {
      state.terminated = true;
    },
  };
}

vi.mock('../../../workers/segmentationClient', async (importOriginal) => {
  const real =
    await importOriginal<typeof import('../../../workers/segmentationClient')>();
  return {
    ...real,
    createSegmentationClient: (
      url: string,
      options: Parameters<typeof real.createSegmentationClient>[1],
    ) =>
      real.createSegmentationClient(url, {
        ...options,
        createWorker: fakeWorker,
        cancelTimeoutMs: 50,
      }),
  };
});

let actions: typeof import('./segmentationActions');
let segmentation: typeof import('../../store/segmentationStore');
let study: typeof import('../../store/studyStore');

beforeAll(async () => {
  vi.stubGlobal('location', { search: '?backend=cpu', href: 'http://127.0.0.1/' });
  actions = await import('./segmentationActions');
  segmentation = await import('../../store/segmentationStore');
  study = await import('../../store/studyStore');
});

const state = () => segmentation.useSegmentationStore.getState();

describe('cancel on a worker stuck in a batch', () => {
  it('stops that worker, keeps nothing of the run, and the next run starts afresh', async () => {
    study.useStudyStore.setState({ volume });
    const run = actions.runSegmentation();
    await vi.waitFor(() => expect(state().progress?.done).toBe(1));

    actions.cancelSegmentation();
    await run;
    expect(workers).toHaveLength(1);
    expect(workers[0].received).toEqual(['init', 'run', 'cancel']);
    expect(workers[0].terminated).toBe(true);
    expect(state()).toMatchObject({
      status: 'cancelled',
      progress: null,
      labels: null,
      measurements: null,
      message: 'Segmentation cancelled; nothing was changed.',
    });

    // The app is usable: a new worker, the model loaded again, a full run.
    nextAnswersRuns = true;
    await actions.runSegmentation();
    expect(workers).toHaveLength(2);
    expect(workers[1].received).toEqual(['init', 'run']);
    expect(state().status).toBe('done');
    expect(state().labels?.labels).toEqual(Uint8Array.of(0, 1, 2, 2, 0, 1, 2, 0));
    expect(state().measurements?.tumourComponentCount).toBeGreaterThan(0);
  });
});
