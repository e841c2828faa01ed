/**
 * Builds the HU {@link Volume} of one DICOM series: the grid is planned
 * ({@link planVolume}), every frame decoded and the modality LUT applied;
 * the places of missing slices (a gap of whole slice spacings) are filled
 * with empty slices at the lowest value of the series (air on CT), as the
 * voxels outside a gantry-tilted stack are, so every real slice keeps its
 * true position; a gantry-tilted stack is resampled onto an orthogonal grid.
 * The browser and the CLI both call this, so both see the same voxels.
 */
import type { Volume } from '../volume/Volume';
import type { DicomInstance } from './DicomInstance';
import type { DicomSeries } from './StudySeries';
import type { StudyMessage } from './StudyMessage';
import { decodeFrame } from './codecs/decodeFrame';
import type { StoredPixels } from './codecs/DecodedFrame';
import { applyModalityLut } from './modalityLut';
import { planVolume } from './planVolume';
import { minimum, resampleSheared, type SliceShift } from './tiltCorrection';
import { addScaled } from '../volume/vec3';

/** Resamples a gantry-tilted stack in place onto its orthogonal grid. */
function correctTilt(volume: Volume, shifts: SliceShift[]): void {
  const sheared = resampleSheared(
    volume.voxels as Int16Array | Float32Array,
    volume.dims,
    shifts,
  );
  const [fi, fj] = sheared.firstPixelAt;
  const [row, col] = volume.direction;
  volume.originMm = addScaled(
    addScaled(volume.originMm, -fi * volume.spacingMm[0], row),
    -fj * volume.spacingMm[1],
    col,
  );
  volume.voxels = sheared.voxels;
  volume.dims = sheared.dims;
}

/**
 * Spreads the decoded slices over `depth` slices at their volume indices;
 * the slices between them (missing from the series) take the lowest value.
 */
function fillGaps(
  voxels: Int16Array | Float32Array,
  indices: number[],
  depth: number,
  perSlice: number,
): Int16Array | Float32Array {
  if (depth === indices.length) return voxels;
  const filled =
    voxels instanceof Int16Array
      ? new Int16Array(depth * perSlice)
      : new Float32Array(depth * perSlice);
  filled.fill(minimum(voxels));
  indices.forEach((k, n) =>
    filled.set(voxels.subarray(n * perSlice, (n + 1) * perSlice), k * perSlice),
  );
  return filled;
}

export interface BuildVolumeOptions {
  /** Called after each decoded slice. */
  onProgress?: (done: number, total: number) => void;
}

export interface BuiltVolume {
  volume: Volume;
  /** Slices in volume order. */
  slices: DicomInstance[];
  /** Volume index k of each slice; the k between them are empty filler. */
  sliceIndices: number[];
  warnings: StudyMessage[];
}

/**
 * Decodes a series into a volume.
 *
 * @param series - a series from {@link loadStudyFromFiles}
 * @param options - progress callback
 * @returns the volume, its slices in order and the warnings a user must see
 * @throws Error when a frame cannot be decoded
 */
export async function buildVolume(
  series: DicomSeries,
  options: BuildVolumeOptions = {},
): Promise<BuiltVolume> {
  const plan = planVolume(series.instances);
  const { slices } = plan;

  const frames: StoredPixels[] = [];
  for (const slice of slices) {
    frames.push(await decodeFrame(slice));
    options.onProgress?.(frames.length, slices.length);
    // Let the browser paint progress (and Node run timers) between slices.
    if (frames.length % 8 === 0) await new Promise((r) => setTimeout(r, 0));
  }

  const first = slices[0];
  const perSlice = first.rows * first.columns;
  const volume: Volume = {
    voxels: fillGaps(
      applyModalityLut(frames, slices, perSlice),
      plan.sliceIndices,
      plan.depth,
      perSlice,
    ),
    dims: [first.columns, first.rows, plan.depth],
    spacingMm: plan.spacingMm,
    originMm: plan.originMm,
    direction: plan.direction,
  };
  if (plan.shifts) correctTilt(volume, plan.shifts);
  return {
    volume,
    slices,
    sliceIndices: plan.sliceIndices,
    warnings: plan.warnings,
  };
}
