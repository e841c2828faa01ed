/**
 * The one in-memory image volume every part of the app shares: the DICOM and
 * NIfTI loaders produce it, the viewer displays it, segmentation reads it and
 * the label maps it yields live on the same grid.
 *
 * Coordinates are DICOM patient coordinates (LPS, millimetres).
 * Voxel (i, j, k) has index `i + j * dims[0] + k * dims[0] * dims[1]`:
 * i runs along a row (column index), j down a column (row index), k over slices.
 * Its centre is at `originMm + i*spacing[0]*direction[0] + j*spacing[1]*direction[1]
 * + k*spacing[2]*direction[2]`.
 */
export type Vec3 = [number, number, number];

export interface Volume {
  /** Voxel values in Hounsfield units (rescale slope and intercept applied). */
  voxels: Int16Array | Float32Array;
  /** [columns, rows, slices]. */
  dims: Vec3;
  /** [between columns, between rows, between slices] in mm. */
  spacingMm: Vec3;
  /** LPS position of the centre of voxel (0, 0, 0), mm. */
  originMm: Vec3;
  /**
   * Unit LPS vectors: [0] along a row (i increasing), [1] down a column
   * (j increasing), [2] slice order (k increasing).
   */
  direction: [Vec3, Vec3, Vec3];
}

/** A label map on a volume's grid (0 background, 1 kidney, 2 tumour). */
export interface LabelVolume {
  labels: Uint8Array;
  dims: Vec3;
  spacingMm: Vec3;
  originMm: Vec3;
  direction: [Vec3, Vec3, Vec3];
}

export function voxelCount(dims: Vec3): number {
  return dims[0] * dims[1] * dims[2];
}
