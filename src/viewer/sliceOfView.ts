/**
 * The slice a view shows, in the volume's own voxel indices: the view's
 * normal picks the volume axis it steps along (k for a standard axial view),
 * the focal point gives the index. Counting this way keeps the slice counter
 * in step with the [i, j, k] of the HU readout, whatever order Cornerstone
 * counts its slices in.
 */
import type { Vec3, Volume } from '../core/volume/Volume';
import { dot } from '../core/volume/vec3';
import { worldToVoxel } from '../core/volume/voxelGeometry';

export interface ViewSlice {
  /** 0-based index along `axis`. */
  index: number;
  count: number;
  /** Volume axis (0 i, 1 j, 2 k) the view steps along. */
  axis: 0 | 1 | 2;
}

/**
 * @param volume - the volume shown
 * @param viewPlaneNormal - the camera's view-plane normal (LPS)
 * @param focalPoint - the camera's focal point (LPS, mm)
 */
export function sliceOfView(
  volume: Volume,
  viewPlaneNormal: Vec3,
  focalPoint: Vec3,
): ViewSlice {
  const alignment = volume.direction.map((d) => Math.abs(dot(d, viewPlaneNormal)));
  const axis = alignment.indexOf(Math.max(...alignment)) as 0 | 1 | 2;
  const count = volume.dims[axis];
  const raw = Math.round(worldToVoxel(volume, focalPoint)[axis]);
  return { index: Math.min(count - 1, Math.max(0, raw)), count, axis };
}
