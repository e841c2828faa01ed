/**
 * The voxel under a point of a view: canvas → LPS world (Cornerstone's
 * camera) → voxel index and HU from our own {@link Volume}, the same voxels
 * segmentation reads.
 */
import type { Types } from '@cornerstonejs/core';
import type { Vec3, Volume } from '../core/volume/Volume';
import {
  nearestVoxel,
  valueAt,
  voxelToWorld,
  worldToVoxel,
} from '../core/volume/voxelGeometry';

export interface VoxelProbe {
  ijk: Vec3;
  hu: number;
}

/**
 * Voxel and HU at canvas position `canvasXY` (CSS pixels from the canvas'
 * top-left corner), or null outside the volume.
 */
export function probeVoxel(
  viewport: Types.IViewport,
  volume: Volume,
  canvasXY: [number, number],
): VoxelProbe | null {
  const world = viewport.canvasToWorld(canvasXY as Types.Point2) as Vec3;
  const ijk = nearestVoxel(volume, worldToVoxel(volume, world));
  return ijk ? { ijk, hu: valueAt(volume, ijk) } : null;
}

/** Canvas position (CSS pixels) of the centre of voxel `ijk`. */
export function voxelToCanvas(
  viewport: Types.IViewport,
  volume: Volume,
  ijk: Vec3,
): [number, number] {
  const p = viewport.worldToCanvas(voxelToWorld(volume, ijk) as Types.Point3);
  return [p[0], p[1]];
}
