/**
 * Cancel while the worker is stuck in a long batch (the cpu backend): the app
 * stops that worker after the client's timeout, keeps nothing of the run, and
 * the next run starts a fresh worker that loads the model again. Cancel just
 * as the last batch ends: the result that crosses the cancel is not shown.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { measureLabels } from '../../../core/measurements/measureLabels';
import type { LabelVolume, Volume } from '../../../core/volume/Volume';
import { axisAlignedGrid } from '../../../core/volume/testing/axisAlignedGrid';
import type { FromWorker, ToWorker } from '../../../workers/segmentationProtocol';

const grid = axisAlignedGrid([2, 2, 2]);
const volume = { ...grid, voxels: new Int16Array(8) } as Volume;

/**
 * How the fake worker answers a run: never (stuck in a batch), with its
 * result, or with its result only once the cancel came (the last batch was
 * under way).
 */
type RunAnswer = 'never' | 'result' | 'result-after-cancel';

const LABELS = Uint8Array.of(0, 1, 2, 2, 0, 1, 2, 0);
const LATE_LABELS = Uint8Array.of(2, 2, 2, 2, 2, 2, 2, 2);

/** One fake worker per client. */
interface FakeWorker {
  received: ToWorker['type'][];
  terminated: boolean;
}
const workers: FakeWorker[] = [];
let runAnswer: RunAnswer = 'never';

function fakeWorker() {
  const state: FakeWorker = { received: [], terminated: false };
  workers.push(state);
  const listeners: ((e: MessageEvent<FromWorker>) => void)[] = [];
  const send = (data: FromWorker) =>
    setTimeout(() => {
      if (!state.terminated)
        listeners.forEach((l) => l({ data } as MessageEvent<FromWorker>));
    });
  const sendResult = (id: number, values: Uint8Array) => {
    const labels: LabelVolume = { ...grid, labels: values.slice() };
    const measurements = measureLabels(labels);
    send({ type: 'result', id, labels, measurements, durationSec: 0 });
  };
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
        if (runAnswer === 'result') sendResult(message.id, LABELS);
      } else if (message.type === 'cancel' && runAnswer === 'result-after-cancel') {
        const progress = { done: 2, total: 2, slicesPerSec: 0.1, etaSec: 0 };
        send({ type: 'progress', id: message.id, progress });
        sendResult(message.id, LATE_LABELS);
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
    runAnswer = 'result';
    await actions.runSegmentation();
    expect(workers).toHaveLength(2);
    expect(workers[1].received).toEqual(['init', 'run']);
    expect(state().status).toBe('done');
    expect(state().labels?.labels).toEqual(LABELS);
    expect(state().measurements?.tumourComponentCount).toBeGreaterThan(0);
  });
});

describe('cancel as the last batch ends', () => {
  it('shows nothing of the result that crosses the cancel; the mask before stays', async () => {
    study.useStudyStore.setState({ volume });
    runAnswer = 'result';
    await actions.runSegmentation();
    const before = state();
    expect(before.labels?.labels).toEqual(LABELS);

    runAnswer = 'result-after-cancel';
    const run = actions.runSegmentation();
    await vi.waitFor(() => expect(state().progress?.done).toBe(1));
    actions.cancelSegmentation();
    await run;

    expect(state()).toMatchObject({
      status: 'cancelled',
      progress: null,
      message: 'Segmentation cancelled; nothing was changed.',
      labels: before.labels,
      labelsVersion: before.labelsVersion,
      maskId: before.maskId,
      measurements: before.measurements,
      source: before.source,
    });
    expect(state().labels?.labels).toEqual(LABELS);
    // The worker answered the cancel: it was kept, not stopped.
    expect(workers.at(-1)!.terminated).toBe(false);
  });
});
