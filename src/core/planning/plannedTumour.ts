/**
 * Which tumour region the plan reads, said in the mask's own terms so that
 * the user can find it: its volume, its largest axial slice (the slice of the
 * image-branch crop) as an index in the mask's voxel order, and how much
 * tumour lies in the regions the plan leaves out.
 *
 * Works with: tumourAndKidney (T and the region count), canonicalGrid (the
 * axis map back to the mask's voxels), largestSliceCrop (the slice).
 */
import type { LabelVolume, Vec3 } from '../volume/Volume';
import { canonicalAxisMap, type CanonicalLabels } from './canonicalGrid';
import { largestTumourSlice } from './largestSliceCrop';
import type { TumourKidney } from './tumourAndKidney';

export interface PlannedTumour {
  /** Volume of T, the largest 6-connected tumour region, mL. */
  volumeMl: number;
  /** 6-connected tumour regions in the mask, T included. */
  regionCount: number;
  /** Tumour in the other regions, which the plan does not read, mL. */
  otherVolumeMl: number;
  /** T's largest axial slice, counted in the mask's own voxel order. */
  largestSlice: {
    /** Mask axis (0, 1, 2) closest to head–foot, which `index` runs along. */
    axis: number;
    /** 0-based; + 1 is the number the axial view shows for a mask on the study's grid. */
    index: number;
    /** Mask voxel (i, j, k) at the centre of T's pixels on that slice. */
    focus: Vec3;
  };
}

/**
 * @param labels - the mask as given (its grid is the one `largestSlice` counts in)
 * @param grid - the same mask on the canonical grid
 * @param tk - T and its kidney on that grid
 */
export function plannedTumour(
  labels: LabelVolume,
  grid: CanonicalLabels,
  tk: TumourKidney,
): PlannedTumour {
  const [nx, ny] = grid.dims;
  const voxelMl = (grid.spacingMm[0] * grid.spacingMm[1] * grid.spacingMm[2]) / 1000;
  const z = largestTumourSlice(grid, tk.tumour);

  // Centre of T's pixels on slice z, on the canonical grid.
  let sumX = 0;
  let sumY = 0;
  let n = 0;
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      if (!tk.tumour[x + nx * (y + ny * z)]) continue;
      sumX += x;
      sumY += y;
      n++;
    }
  }
  const canonical = [Math.round(sumX / n), Math.round(sumY / n), z];

  // Back to the mask's voxels: undo the axis order and the flips.
  const { source, flip } = canonicalAxisMap(labels.direction);
  const focus: Vec3 = [0, 0, 0];
  for (let w = 0; w < 3; w++) {
    const c = canonical[w];
    focus[source[w]] = flip[w] ? grid.dims[w] - 1 - c : c;
  }

  return {
    volumeMl: tk.tumourCount * voxelMl,
    regionCount: tk.tumourRegionCount,
    otherVolumeMl: (tk.allTumourCount - tk.tumourCount) * voxelMl,
    largestSlice: { axis: source[2], index: focus[source[2]], focus },
  };
}
