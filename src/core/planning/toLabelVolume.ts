/**
 * Turns a volume read from a mask file (NIfTI labels) into a LabelVolume,
 * checking that it holds only the planning labels: 0 background, 1 kidney,
 * 2 tumour, 3 cyst (treated as kidney).
 */
import type { LabelVolume, Volume } from '../volume/Volume';

/** @throws Error naming the first voxel value that is not 0, 1, 2 or 3 */
export function toLabelVolume(volume: Volume): LabelVolume {
  const { voxels } = volume;
  const labels = new Uint8Array(voxels.length);
  for (let i = 0; i < voxels.length; i++) {
    const v = voxels[i];
    if (v !== 0 && v !== 1 && v !== 2 && v !== 3) {
      throw new Error(
        `the mask holds the value ${v}; expected labels 0 background, 1 kidney, ` +
          '2 tumour, 3 cyst',
      );
    }
    labels[i] = v;
  }
  return {
    labels,
    dims: volume.dims,
    spacingMm: volume.spacingMm,
    originMm: volume.originMm,
    direction: volume.direction,
  };
}
