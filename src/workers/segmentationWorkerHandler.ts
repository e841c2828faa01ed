/**
 * The segmentation worker's logic without the Worker global: it receives
 * ToWorker messages and posts FromWorker messages through the functions it is
 * given, so Node tests can drive it directly. segmentation.worker.ts wires it
 * to `self`; the protocol is in segmentationProtocol.ts.
 */
import type { BackendChoice } from '../core/inference/chooseBackend';
import type { InitBackendOptions } from '../core/inference/initBackend';
import type { SegmentationModel } from '../core/inference/SegmentationModel';
import { measureLabels } from '../core/measurements/measureLabels';
import { listTumourRegions } from '../core/measurements/tumourRegions';
import { segmentVolume } from '../core/segmentation/segmentVolume';
import type { FromWorker, ToWorker } from './segmentationProtocol';

export interface WorkerHandlerDeps {
  /** Posts a message to the app; `transfer` lists buffers to move. */
  post(message: FromWorker, transfer?: Transferable[]): void;
  initBackend(options: InitBackendOptions): Promise<BackendChoice>;
  loadModel(manifestUrl: string): Promise<SegmentationModel>;
  /** tfjs's live tensors and bytes (tf.memory()); absent: reported as -1. */
  memory?(): { numTensors: number; numBytes: number };
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

/** Returns the message handler; call it with each message's data. */
export function createSegmentationWorkerHandler(deps: WorkerHandlerDeps) {
  let model: SegmentationModel | null = null;
  let current: { id: number; controller: AbortController } | null = null;

  async function init(message: Extract<ToWorker, { type: 'init' }>) {
    try {
      const backend = await deps.initBackend({ requested: message.backend });
      model?.dispose();
      model = await deps.loadModel(message.manifestUrl);
      const { name, version } = model.manifest;
      deps.post({ type: 'ready', backend, model: { name, version } });
    } catch (err) {
      deps.post({ type: 'init-error', message: (err as Error).message ?? String(err) });
    }
  }

  async function run(message: Extract<ToWorker, { type: 'run' }>) {
    const { id } = message;
    if (!model) {
      deps.post({
        type: 'error',
        id,
        message: 'the segmentation model is not loaded yet',
      });
      return;
    }
    if (current) {
      deps.post({ type: 'error', id, message: `run ${current.id} is still in progress` });
      return;
    }
    const controller = new AbortController();
    current = { id, controller };
    const started = performance.now();
    try {
      const labels = await segmentVolume({
        volume: message.volume,
        manifest: model.manifest,
        model: model.sliceModel,
        batchSize: message.batchSize,
        postprocess: message.raw ? false : undefined,
        signal: controller.signal,
        onProgress: (progress) => deps.post({ type: 'progress', id, progress }),
      });
      const measurements = measureLabels(labels);
      const durationSec = (performance.now() - started) / 1000;
      deps.post({ type: 'result', id, labels, measurements, durationSec }, [
        labels.labels.buffer,
      ]);
    } catch (err) {
      if (isAbort(err)) deps.post({ type: 'cancelled', id });
      else
        deps.post({ type: 'error', id, message: (err as Error).message ?? String(err) });
    } finally {
      current = null;
    }
  }

  return (message: ToWorker): Promise<void> => {
    switch (message.type) {
      case 'init':
        return init(message);
      case 'run':
        return run(message);
      case 'measure':
        try {
          const measurements = measureLabels(message.labels);
          deps.post({ type: 'measurements', id: message.id, measurements });
        } catch (err) {
          deps.post({ type: 'error', id: message.id, message: (err as Error).message });
        }
        return Promise.resolve();
      case 'list-regions':
        try {
          const tumourRegions = listTumourRegions(message.labels);
          deps.post(
            { type: 'regions', id: message.id, tumourRegions },
            tumourRegions.map((r) => r.voxels.buffer),
          );
        } catch (err) {
          deps.post({ type: 'error', id: message.id, message: (err as Error).message });
        }
        return Promise.resolve();
      case 'memory': {
        const m = deps.memory?.() ?? { numTensors: -1, numBytes: -1 };
        deps.post({ type: 'memory', id: message.id, ...m });
        return Promise.resolve();
      }
      case 'cancel':
        if (current?.id === message.id) current.controller.abort();
        return Promise.resolve();
    }
  };
}
