/**
 * The app's handle on segmentation: starts the worker, loads the model,
 * reports which backend runs and why, and runs one study at a time with
 * progress and cancellation.
 *
 * The worker checks for a cancel only between batches, and a batch can take
 * many seconds on a slow backend (cpu). A run that has not stopped within
 * `cancelTimeoutMs` of its cancel is stopped by terminating the worker: the
 * run rejects as cancelled, the client is stopped for good (`onStopped`), and
 * the app starts a fresh client, which loads the model again.
 *
 * A cancelled run is over for the app at once: a result or progress that the
 * worker sends after the cancel (its last batch was already under way) is
 * dropped, and the run rejects as cancelled when the worker answers.
 *
 * @example
 * const client = await createSegmentationClient('/models/segmentation/', { backend });
 * showBackend(client.backendInfo); // { name: 'wasm', reason: '…' }
 * const { labels, measurements } = await client.run(volume, { signal, onProgress });
 */
import type { BackendChoice } from '../core/inference/chooseBackend';
import type { Measurements } from '../core/measurements/Measurements';
import type { TumourRegion } from '../core/measurements/tumourRegions';
import type { SegmentationProgress } from '../core/segmentation/segmentVolume';
import type { LabelVolume, Volume } from '../core/volume/Volume';
import type { FromWorker, ToWorker } from './segmentationProtocol';

/** The part of a Worker the client uses (lets tests supply their own). */
export interface WorkerLike {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<FromWorker>) => void,
  ): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export interface SegmentationClientOptions {
  /** Forced backend (from `?backend=` or a setting); default: automatic choice. */
  backend?: string | null;
  /** Creates the worker (default: segmentation.worker.ts as a module worker). */
  createWorker?: () => WorkerLike;
  /**
   * How long a cancelled run may take to stop at its next batch before the
   * worker is terminated instead, ms (default CANCEL_TIMEOUT_MS).
   */
  cancelTimeoutMs?: number;
  /** Called once when the worker was terminated because a run ignored its cancel. */
  onStopped?: () => void;
}

/** Default wait for a cancelled run to stop by itself, ms. */
export const CANCEL_TIMEOUT_MS = 1000;

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: SegmentationProgress) => void;
  /** Slices per network call (default 4). */
  batchSize?: number;
  /** Move the voxel buffer to the worker instead of copying it (the volume becomes unusable). */
  transferVoxels?: boolean;
  /** Return the network's argmax labels without post-processing. */
  raw?: boolean;
}

/** tfjs memory in the worker. */
export interface WorkerMemory {
  numTensors: number;
  numBytes: number;
}

export interface SegmentationResult {
  labels: LabelVolume;
  measurements: Measurements;
  durationSec: number;
}

export interface SegmentationClient {
  /** Which tfjs backend runs, and why. */
  readonly backendInfo: BackendChoice;
  readonly model: { name: string; version: string };
  /** Segments a volume; rejects with an AbortError when the signal fires. */
  run(volume: Volume, options?: RunOptions): Promise<SegmentationResult>;
  /** Measures a label volume in the worker (e.g. after a manual edit); labels are copied. */
  measure(labels: LabelVolume): Promise<Measurements>;
  /** Lists the tumour regions of a label volume in the worker; labels are copied. */
  listTumourRegions(labels: LabelVolume): Promise<TumourRegion[]>;
  /** Live tfjs tensors and bytes in the worker (leak checks). */
  memory(): Promise<WorkerMemory>;
  /**
   * True once the worker is gone (terminated after an ignored cancel, or
   * disposed): every call then rejects; start a new client.
   */
  readonly stopped: boolean;
  /** Stops the worker; pending runs reject. */
  dispose(): void;
}

function defaultWorker(): WorkerLike {
  return new Worker(new URL('./segmentation.worker.ts', import.meta.url), {
    type: 'module',
    name: 'segmentation',
  }) as unknown as WorkerLike;
}

function abortError(): Error {
  const err = new Error('segmentation cancelled');
  err.name = 'AbortError';
  return err;
}

/**
 * Starts a segmentation worker and loads the model.
 *
 * @param modelBaseUrl - folder URL holding manifest.json (relative to the page)
 * @param options - forced backend, worker factory
 * @throws Error when the model cannot be loaded or no backend starts
 */
export async function createSegmentationClient(
  modelBaseUrl: string,
  options: SegmentationClientOptions = {},
): Promise<SegmentationClient> {
  const base =
    typeof location === 'undefined'
      ? modelBaseUrl
      : new URL(modelBaseUrl, location.href).href;
  const manifestUrl = new URL('manifest.json', base.endsWith('/') ? base : `${base}/`)
    .href;
  const worker = (options.createWorker ?? defaultWorker)();

  type Pending = {
    resolve(result: SegmentationResult): void;
    measured?(measurements: Measurements): void;
    listed?(tumourRegions: TumourRegion[]): void;
    memory?(memory: WorkerMemory): void;
    reject(err: Error): void;
    onProgress?: (p: SegmentationProgress) => void;
  };
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let ready: (m: Extract<FromWorker, { type: 'ready' }>) => void = () => {};
  let failed: (err: Error) => void = () => {};
  const started = new Promise<Extract<FromWorker, { type: 'ready' }>>(
    (resolve, reject) => {
      ready = resolve;
      failed = reject;
    },
  );

  const failAll = (err: Error) => {
    failed(err);
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  let stopped = false;
  const stop = (err: Error) => {
    stopped = true;
    worker.terminate();
    failAll(err);
  };
  const stoppedError = () =>
    new Error('the segmentation worker was stopped; start a new client');
  /** Stops the worker when run `id` is still going `cancelTimeoutMs` after its cancel. */
  const stopUnlessCancelled = (id: number) =>
    setTimeout(() => {
      if (stopped || !pending.has(id)) return;
      const run = pending.get(id)!;
      pending.delete(id);
      run.reject(abortError());
      stop(new Error('the segmentation worker was stopped after a cancel'));
      options.onStopped?.();
    }, options.cancelTimeoutMs ?? CANCEL_TIMEOUT_MS);

  worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
    const m = event.data;
    if (m.type === 'ready') return ready(m);
    if (m.type === 'init-error') return failed(new Error(m.message));
    const p = pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') return p.onProgress?.(m.progress);
    pending.delete(m.id);
    if (m.type === 'memory') {
      p.memory?.({ numTensors: m.numTensors, numBytes: m.numBytes });
    } else if (m.type === 'measurements') {
      p.measured?.(m.measurements);
    } else if (m.type === 'regions') {
      p.listed?.(m.tumourRegions);
    } else if (m.type === 'result') {
      p.resolve({
        labels: m.labels,
        measurements: m.measurements,
        durationSec: m.durationSec,
      });
    } else if (m.type === 'cancelled') {
      p.reject(abortError());
    } else {
      p.reject(new Error(m.message));
    }
  });
  worker.addEventListener('error', (event: ErrorEvent) => {
    failAll(new Error(`segmentation worker failed: ${event.message}`));
  });

  worker.postMessage({ type: 'init', manifestUrl, backend: options.backend ?? null });
  let info: Extract<FromWorker, { type: 'ready' }>;
  try {
    info = await started;
  } catch (err) {
    worker.terminate();
    throw err;
  }

  return {
    backendInfo: info.backend,
    model: info.model,

    get stopped() {
      return stopped;
    },

    run(volume, runOptions = {}) {
      const { signal } = runOptions;
      if (stopped) return Promise.reject(stoppedError());
      if (signal?.aborted) return Promise.reject(abortError());
      const id = nextId++;
      return new Promise<SegmentationResult>((resolve, reject) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const onAbort = () => {
          worker.postMessage({ type: 'cancel', id });
          timer = stopUnlessCancelled(id);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        const settle = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        };
        pending.set(id, {
          // A result that crossed the cancel belongs to a cancelled run.
          resolve: (r) => (settle(), signal?.aborted ? reject(abortError()) : resolve(r)),
          reject: (e) => (settle(), reject(e)),
          onProgress: (p) => {
            if (!signal?.aborted) runOptions.onProgress?.(p);
          },
        });
        const transfer = runOptions.transferVoxels
          ? [volume.voxels.buffer as ArrayBuffer]
          : [];
        worker.postMessage(
          {
            type: 'run',
            id,
            volume,
            batchSize: runOptions.batchSize,
            raw: runOptions.raw,
          },
          transfer,
        );
      });
    },

    measure(labels) {
      if (stopped) return Promise.reject(stoppedError());
      const id = nextId++;
      return new Promise<Measurements>((resolve, reject) => {
        pending.set(id, { resolve: () => {}, measured: resolve, reject });
        worker.postMessage({ type: 'measure', id, labels });
      });
    },

    listTumourRegions(labels) {
      if (stopped) return Promise.reject(stoppedError());
      const id = nextId++;
      return new Promise<TumourRegion[]>((resolve, reject) => {
        pending.set(id, { resolve: () => {}, listed: resolve, reject });
        worker.postMessage({ type: 'list-regions', id, labels });
      });
    },

    memory() {
      if (stopped) return Promise.reject(stoppedError());
      const id = nextId++;
      return new Promise<WorkerMemory>((resolve, reject) => {
        pending.set(id, { resolve: () => {}, memory: resolve, reject });
        worker.postMessage({ type: 'memory', id });
      });
    },

    dispose() {
      stop(new Error('segmentation client disposed'));
    },
  };
}
