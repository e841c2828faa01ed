/**
 * Messages between the app and the segmentation worker
 * (segmentation.worker.ts). One worker serves one model; runs are numbered by
 * the app and handled one at a time.
 *
 * App → worker:
 * - `init`: load the model named by `manifestUrl` (absolute) and choose the
 *   tfjs backend (`backend` forces one: webgpu, wasm, webgl or cpu).
 *   Answered by `ready` or `init-error`.
 * - `run`: segment `volume` (its voxels are copied, or moved when the app
 *   transfers the buffer). Answered by any number of `progress`, then exactly
 *   one of `result`, `cancelled` or `error` with the same `id`.
 * - `cancel`: stop run `id` at the next batch boundary (→ `cancelled`). A
 *   worker that has not answered within the client's cancel timeout is
 *   terminated instead (segmentationClient.ts). A `result` or `progress`
 *   already on its way when the cancel arrives is dropped by the client.
 * - `measure`: re-measure `labels` (after a manual edit) off the main thread.
 *   Answered by `measurements` or `error` with the same `id`; allowed while
 *   a run is in progress.
 * - `list-regions`: list the tumour regions of `labels` (tumourRegions.ts)
 *   off the main thread. Answered by `regions` or `error` with the same `id`;
 *   allowed while a run is in progress.
 * - `memory`: report tfjs's live tensors and bytes (leak checks). Answered
 *   by `memory` with the same `id`.
 *
 * A `run` with `raw: true` returns the network's argmax labels without the
 * post-processing (backend comparisons).
 *
 * The `result` labels buffer is transferred to the app, not copied.
 */
import type { BackendChoice } from '../core/inference/chooseBackend';
import type { Measurements } from '../core/measurements/Measurements';
import type { TumourRegion } from '../core/measurements/tumourRegions';
import type { SegmentationProgress } from '../core/segmentation/segmentVolume';
import type { LabelVolume, Volume } from '../core/volume/Volume';

export type ToWorker =
  | { type: 'init'; manifestUrl: string; backend?: string | null }
  | { type: 'run'; id: number; volume: Volume; batchSize?: number; raw?: boolean }
  | { type: 'cancel'; id: number }
  | { type: 'measure'; id: number; labels: LabelVolume }
  | { type: 'list-regions'; id: number; labels: LabelVolume }
  | { type: 'memory'; id: number };

export type FromWorker =
  | { type: 'ready'; backend: BackendChoice; model: { name: string; version: string } }
  | { type: 'init-error'; message: string }
  | { type: 'progress'; id: number; progress: SegmentationProgress }
  | {
      type: 'result';
      id: number;
      labels: LabelVolume;
      measurements: Measurements;
      durationSec: number;
    }
  | { type: 'measurements'; id: number; measurements: Measurements }
  | { type: 'regions'; id: number; tumourRegions: TumourRegion[] }
  | { type: 'memory'; id: number; numTensors: number; numBytes: number }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; message: string };
