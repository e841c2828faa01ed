/**
 * What tells apart series whose tags say the same (an exported study and its
 * masks often share description, modality and slice count): the folder their
 * files came from and the values of a few slices, read when the drop is
 * listed.
 *
 * Works with: studyLoaderHandler (fills the listing), components/seriesLabel
 * (words for the series picker).
 */
import type { StudySeries } from '../../core/dicom';
import { decodeFrame } from '../../core/dicom/codecs/decodeFrame';
import { getLogger } from '../../core/log/logger';

const log = getLogger('series-contents');

/** At most this many distinct values are listed (a mask has two or three). */
const MAX_LEVELS = 3;

/** Slices read per series, spread evenly through it. */
const SAMPLED_SLICES = 5;

/** The values of a few slices of a series, modality LUT applied. */
export interface SliceSample {
  /** Slices read. */
  slices: number;
  min: number;
  max: number;
  /** The distinct values, ascending, when there are MAX_LEVELS or fewer. */
  levels: number[] | null;
}

/**
 * The folder holding a series' files, as their paths in the drop give it:
 * the longest leading run of folders all of them share ('' at the drop's top).
 *
 * @param paths - file paths relative to the drop, '/'-separated
 */
export function seriesFolder(paths: string[]): string {
  if (paths.length === 0) return '';
  let common = paths[0].split('/').slice(0, -1);
  for (const p of paths.slice(1)) {
    const dirs = p.split('/').slice(0, -1);
    let n = 0;
    while (n < common.length && n < dirs.length && common[n] === dirs[n]) n++;
    common = common.slice(0, n);
  }
  return common.join('/');
}

/**
 * Range and, for few values, the values themselves.
 *
 * @param slices - the values of each slice read
 */
export function sampleValues(slices: ArrayLike<number>[]): SliceSample {
  let min = Infinity;
  let max = -Infinity;
  const levels = new Set<number>();
  for (const values of slices) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v < min) min = v;
      if (v > max) max = v;
      if (levels.size <= MAX_LEVELS) levels.add(v);
    }
  }
  return {
    slices: slices.length,
    min,
    max,
    levels: levels.size <= MAX_LEVELS ? [...levels].sort((a, b) => a - b) : null,
  };
}

/** Up to SAMPLED_SLICES indices spread evenly over `n` slices. */
function spread(n: number): number[] {
  const count = Math.min(n, SAMPLED_SLICES);
  return Array.from({ length: count }, (_, i) => Math.floor(((i + 0.5) * n) / count));
}

/**
 * Reads a few slices spread through a series (a mask's labels may lie far
 * from its middle): frames decoded for DICOM, slices of the volume for NIfTI.
 *
 * @returns the sample, or null when a slice cannot be decoded
 */
export async function sampleSlices(series: StudySeries): Promise<SliceSample | null> {
  if (series.kind === 'nifti') {
    const { dims, voxels } = series.volume;
    const perSlice = dims[0] * dims[1];
    return sampleValues(
      spread(dims[2]).map((k) => voxels.subarray(k * perSlice, (k + 1) * perSlice)),
    );
  }
  const { instances } = series;
  try {
    const slices = [];
    for (const k of spread(instances.length)) {
      const inst = instances[k];
      const stored = await decodeFrame(inst);
      // The modality LUT (PS3.3 C.11.1.1.2): stored × slope + intercept.
      const { rescaleSlope: m, rescaleIntercept: b } = inst;
      slices.push(Float64Array.from(stored, (v) => v * m + b));
    }
    return sampleValues(slices);
  } catch (err) {
    log.warn('could not sample the series', series.summary.id, err);
    return null;
  }
}
