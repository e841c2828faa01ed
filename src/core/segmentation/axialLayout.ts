/**
 * Axial slices of a volume in the network's canonical orientation: rows run
 * anterior → posterior (+y in LPS) and columns patient right → left (+x), the
 * DICOM default axial display. Works for any of the 48 axis-aligned
 * orientations a DICOM or NIfTI volume can have; the slice order follows the
 * volume's own axial axis, so slice index k here is the volume's index along
 * that axis.
 *
 * Used by the slice runner (read HU, write labels back) and by the
 * measurements (axial areas and diameters).
 *
 * Limitations: an oblique volume (gantry tilt, rotated NIfTI) is treated as
 * the axis-aligned orientation nearest to it.
 */
import type { Vec3 } from '../volume/Volume';

/** The grid part of a Volume or LabelVolume. */
export interface GridGeometry {
  dims: Vec3;
  spacingMm: Vec3;
  direction: [Vec3, Vec3, Vec3];
}

export interface AxialLayout {
  /** Rows of a canonical slice (anterior → posterior). */
  height: number;
  /** Columns of a canonical slice (patient right → left). */
  width: number;
  /** Number of axial slices. */
  sliceCount: number;
  /** Spacing between canonical rows, mm. */
  rowSpacingMm: number;
  /** Spacing between canonical columns, mm. */
  colSpacingMm: number;
  /** Spacing between slices, mm. */
  sliceSpacingMm: number;
  /** Volume axis (0, 1, 2) that the slices are taken across. */
  sliceAxis: number;
  /** Volume index of canonical pixel (0, 0) of slice 0. */
  baseIndex: number;
  /** Volume index step per canonical row, column and slice (may be negative). */
  rowStep: number;
  colStep: number;
  sliceStep: number;
}

function argmaxAbs(
  axes: number[],
  direction: [Vec3, Vec3, Vec3],
  component: number,
): number {
  let best = axes[0];
  for (const axis of axes) {
    if (Math.abs(direction[axis][component]) > Math.abs(direction[best][component]))
      best = axis;
  }
  return best;
}

/**
 * Works out how to read canonical axial slices from a grid.
 *
 * @param grid - dims, spacing and LPS direction of the volume
 * @returns strides and sizes of the canonical slices
 */
export function computeAxialLayout(grid: GridGeometry): AxialLayout {
  const { dims, spacingMm, direction } = grid;
  const sliceAxis = argmaxAbs([0, 1, 2], direction, 2);
  const inPlane = [0, 1, 2].filter((a) => a !== sliceAxis);
  const colAxis = argmaxAbs(inPlane, direction, 0);
  const rowAxis = inPlane.find((a) => a !== colAxis) as number;

  const strides = [1, dims[0], dims[0] * dims[1]];
  const flipCol = direction[colAxis][0] < 0;
  const flipRow = direction[rowAxis][1] < 0;
  const colStep = flipCol ? -strides[colAxis] : strides[colAxis];
  const rowStep = flipRow ? -strides[rowAxis] : strides[rowAxis];
  const baseIndex =
    (flipCol ? (dims[colAxis] - 1) * strides[colAxis] : 0) +
    (flipRow ? (dims[rowAxis] - 1) * strides[rowAxis] : 0);

  return {
    height: dims[rowAxis],
    width: dims[colAxis],
    sliceCount: dims[sliceAxis],
    rowSpacingMm: spacingMm[rowAxis],
    colSpacingMm: spacingMm[colAxis],
    sliceSpacingMm: spacingMm[sliceAxis],
    sliceAxis,
    baseIndex,
    rowStep,
    colStep,
    sliceStep: strides[sliceAxis],
  };
}

/** Volume voxel index of canonical pixel (row, col) on slice k. */
export function axialVoxelIndex(
  layout: AxialLayout,
  k: number,
  row: number,
  col: number,
): number {
  return (
    layout.baseIndex + k * layout.sliceStep + row * layout.rowStep + col * layout.colStep
  );
}

/**
 * Copies slice k into `out` (height × width, row-major) in canonical order.
 *
 * @param voxels - the volume's voxels
 * @param layout - from computeAxialLayout for the same volume
 * @param k - slice index along the axial axis
 * @param out - receives height × width values
 */
export function readAxialSlice<T extends ArrayLike<number>>(
  voxels: T,
  layout: AxialLayout,
  k: number,
  out: { [i: number]: number },
): void {
  const { height, width, colStep } = layout;
  let o = 0;
  for (let r = 0; r < height; r++) {
    let v = axialVoxelIndex(layout, k, r, 0);
    for (let c = 0; c < width; c++, v += colStep) out[o++] = voxels[v];
  }
}

/**
 * Writes a canonical slice (height × width, row-major) back into slice k of
 * a volume-ordered array.
 */
export function writeAxialSlice(
  target: { [i: number]: number },
  layout: AxialLayout,
  k: number,
  slice: ArrayLike<number>,
): void {
  const { height, width, colStep } = layout;
  let o = 0;
  for (let r = 0; r < height; r++) {
    let v = axialVoxelIndex(layout, k, r, 0);
    for (let c = 0; c < width; c++, v += colStep) target[v] = slice[o++];
  }
}
