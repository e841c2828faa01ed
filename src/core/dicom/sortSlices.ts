/**
 * Orders the slices of a series along the slice normal (PS3.3 §C.7.6.2.1.1):
 * normal = row direction × column direction; a slice's place is its Image
 * Position (Patient) projected on the normal. Works for any orientation,
 * oblique included, and for files given in any order.
 */
import type { Vec3 } from '../volume/Volume';
import { cross, dot, normalize } from '../volume/vec3';

/** What sorting needs from a slice. */
export interface SliceGeometry {
  positionMm?: Vec3;
  orientation?: [Vec3, Vec3];
  instanceNumber?: number;
}

export interface SortedSlices<T> {
  /** Slices in increasing position along `normal`. */
  slices: T[];
  /** Unit slice normal (row × column), or null when orientation is unknown. */
  normal: Vec3 | null;
  /** Position of each sorted slice along the normal, mm (null when unknown). */
  positionsMm: number[] | null;
  /** How the order was found. */
  method: 'position' | 'instance-number' | 'input-order';
}

/** The slice normal of an orientation. */
export function sliceNormal(orientation: [Vec3, Vec3]): Vec3 {
  return normalize(cross(orientation[0], orientation[1]));
}

/**
 * Sorts slices along their normal; falls back to Instance Number, then to the
 * input order, when positions are missing.
 *
 * @param slices - slices of one series sharing an orientation
 */
export function sortSlices<T extends SliceGeometry>(slices: T[]): SortedSlices<T> {
  const first = slices[0];
  const havePositions = slices.every((s) => s.positionMm && s.orientation);
  if (first && havePositions) {
    const normal = sliceNormal(first.orientation!);
    const keyed = slices.map((s) => ({ s, z: dot(s.positionMm!, normal) }));
    keyed.sort((a, b) => a.z - b.z);
    return {
      slices: keyed.map((k) => k.s),
      normal,
      positionsMm: keyed.map((k) => k.z),
      method: 'position',
    };
  }

  const normal = first?.orientation ? sliceNormal(first.orientation) : null;
  if (slices.every((s) => s.instanceNumber !== undefined)) {
    const sorted = [...slices].sort((a, b) => a.instanceNumber! - b.instanceNumber!);
    return { slices: sorted, normal, positionsMm: null, method: 'instance-number' };
  }
  return { slices: [...slices], normal, positionsMm: null, method: 'input-order' };
}
