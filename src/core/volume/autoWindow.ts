/**
 * A display window from the data itself (2nd to 98th percentile of a sample
 * of voxels), for volumes whose values are not HU (MR, unknown modality).
 */
import type { Volume } from './Volume';

const SAMPLE = 200_000;

/** Width and level covering the bulk of the voxel values. */
export function autoWindow(volume: Volume): { widthHu: number; levelHu: number } {
  const v = volume.voxels;
  const step = Math.max(1, Math.floor(v.length / SAMPLE));
  const sample: number[] = [];
  for (let n = 0; n < v.length; n += step) sample.push(v[n]);
  sample.sort((a, b) => a - b);
  const lo = sample[Math.floor(0.02 * (sample.length - 1))] ?? 0;
  const hi = sample[Math.ceil(0.98 * (sample.length - 1))] ?? 1;
  const width = Math.max(1, hi - lo);
  return { widthHu: width, levelHu: lo + width / 2 };
}
