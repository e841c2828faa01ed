/**
 * The slice runner: segments a whole volume axial slice by axial slice.
 * Each batch of canonical slices is preprocessed per the manifest, run through
 * the network, mapped back to the study grid (bilinear + argmax) and written
 * into a LabelVolume with the volume's own geometry; post-processing follows.
 *
 * Progress is reported after every batch; an AbortSignal cancels between
 * batches (the promise rejects with the signal's reason). The runner yields to
 * the event loop after each batch, so a worker can receive a cancel message.
 *
 * Works with axialLayout.ts, preprocessSlice.ts, probabilitiesToLabels.ts,
 * postprocessLabels.ts and a SliceModel (src/core/inference/tfSliceModel.ts).
 */
import type { LabelVolume, Volume } from '../volume/Volume';
import { voxelCount } from '../volume/Volume';
import { computeAxialLayout, readAxialSlice, writeAxialSlice } from './axialLayout';
import { postprocessLabels, type PostprocessOptions } from './postprocessLabels';
import { preprocessSlice, type CanonicalSlice } from './preprocessSlice';
import { probabilitiesToLabels } from './probabilitiesToLabels';
import type { SegmentationManifest } from './SegmentationManifest';
import type { SliceModel } from './SliceModel';

export interface SegmentationProgress {
  /** Slices finished. */
  done: number;
  /** Slices in the study. */
  total: number;
  /** Mean speed so far. */
  slicesPerSec: number;
  /** Estimated seconds left at that speed. */
  etaSec: number;
}

export interface SegmentVolumeParams {
  volume: Volume;
  manifest: Pick<SegmentationManifest, 'input' | 'intensity'>;
  model: SliceModel;
  /** Slices per network call (default 4). */
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: SegmentationProgress) => void;
  /** Post-processing settings, or false to return the raw argmax labels. */
  postprocess?: PostprocessOptions | false;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Segments a volume into background (0), kidney (1) and tumour (2).
 *
 * @returns labels on the volume's own grid
 * @throws the signal's reason when cancelled
 */
export async function segmentVolume(params: SegmentVolumeParams): Promise<LabelVolume> {
  const { volume, manifest, model, signal, onProgress } = params;
  const batchSize = Math.max(1, Math.floor(params.batchSize ?? 4));
  const size = manifest.input.sizePx;
  if (model.sizePx !== size) {
    throw new Error(`model input is ${model.sizePx} px, manifest says ${size} px`);
  }

  if (volume.voxels.length !== voxelCount(volume.dims)) {
    throw new Error(
      `volume has ${volume.voxels.length} voxels, its dims ${volume.dims.join('×')} need ` +
        `${voxelCount(volume.dims)}`,
    );
  }

  const layout = computeAxialLayout(volume);
  const labels = new Uint8Array(voxelCount(volume.dims));
  const hu = new Float32Array(layout.height * layout.width);
  const sliceLabels = new Uint8Array(layout.height * layout.width);
  const batch = new Float32Array(batchSize * size * size);
  const slice: CanonicalSlice = { ...layout, hu };
  const total = layout.sliceCount;
  const started = performance.now();

  for (let first = 0; first < total; first += batchSize) {
    signal?.throwIfAborted();
    const count = Math.min(batchSize, total - first);

    for (let n = 0; n < count; n++) {
      readAxialSlice(volume.voxels, layout, first + n, hu);
      preprocessSlice(
        slice,
        manifest,
        batch.subarray(n * size * size, (n + 1) * size * size),
      );
    }
    const probs = await model.predict(batch.subarray(0, count * size * size), count);

    const perSlice = size * size * model.labelCount;
    for (let n = 0; n < count; n++) {
      const maps = {
        probs: probs.subarray(n * perSlice, (n + 1) * perSlice),
        sizePx: size,
        spacingMm: manifest.input.spacingMm,
        labelCount: model.labelCount,
      };
      probabilitiesToLabels(maps, layout, sliceLabels);
      writeAxialSlice(labels, layout, first + n, sliceLabels);
    }

    const done = first + count;
    const seconds = (performance.now() - started) / 1000;
    const slicesPerSec = seconds > 0 ? done / seconds : 0;
    onProgress?.({
      done,
      total,
      slicesPerSec,
      etaSec: slicesPerSec > 0 ? (total - done) / slicesPerSec : 0,
    });
    await yieldToEventLoop();
  }
  signal?.throwIfAborted();

  const result: LabelVolume = {
    labels,
    dims: [...volume.dims],
    spacingMm: [...volume.spacingMm],
    originMm: [...volume.originMm],
    direction: [
      [...volume.direction[0]],
      [...volume.direction[1]],
      [...volume.direction[2]],
    ],
  };
  if (params.postprocess !== false) postprocessLabels(result, params.postprocess ?? {});
  return result;
}
