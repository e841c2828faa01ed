/**
 * The voxel to show for the largest tumour slice: on that slice, the centre
 * of the tumour's pixels, so that the coronal and sagittal views cut through
 * the tumour as well.
 */
import type { LargestTumourSlice } from '../../../core/measurements/Measurements';
import type { LabelVolume, Vec3 } from '../../../core/volume/Volume';

const TUMOUR = 2;

/** @returns voxel (i, j, k) on the slice, or the slice's centre without tumour */
export function largestSliceFocus(labels: LabelVolume, slice: LargestTumourSlice): Vec3 {
  const { dims } = labels;
  const [a, b] = [0, 1, 2].filter((x) => x !== slice.axis);
  const sum = [0, 0, 0];
  let n = 0;
  const ijk = [0, 0, 0];
  ijk[slice.axis] = slice.index;
  for (let v = 0; v < dims[b]; v++) {
    for (let u = 0; u < dims[a]; u++) {
      ijk[a] = u;
      ijk[b] = v;
      if (
        labels.labels[ijk[0] + ijk[1] * dims[0] + ijk[2] * dims[0] * dims[1]] !== TUMOUR
      )
        continue;
      sum[a] += u;
      sum[b] += v;
      n++;
    }
  }
  const focus = [0, 0, 0] as Vec3;
  focus[slice.axis] = slice.index;
  focus[a] = n ? Math.round(sum[a] / n) : Math.round((dims[a] - 1) / 2);
  focus[b] = n ? Math.round(sum[b] / n) : Math.round((dims[b] - 1) / 2);
  return focus;
}
