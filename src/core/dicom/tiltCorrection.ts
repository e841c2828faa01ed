/**
 * Gantry-tilt (shear) correction: when the slices of a series are not
 * stacked along their normal — a CT acquired with a tilted gantry, whose
 * Image Positions step along the table while the image planes are tilted —
 * each slice is shifted within its own plane so that the volume lies on an
 * orthogonal grid (row, column, normal). The grid grows to hold every
 * shifted slice; voxels no slice covers take the lowest value of the series.
 * Shifts are sub-pixel, so values are interpolated bilinearly in-plane.
 *
 * {@link planVolume} works out the shifts from the Image Positions;
 * {@link buildVolume} applies them with {@link resampleSheared}.
 */
import type { Vec3 } from '../volume/Volume';
import { addScaled, dot, sub } from '../volume/vec3';

/** Where a slice's first pixel lies on the slice-0 grid, in voxels [i, j]. */
export type SliceShift = [number, number];

export interface ShearParams {
  /** Image Position (Patient) of each slice, in volume order. */
  positionsMm: Vec3[];
  /** Row direction, column direction and slice normal (unit vectors). */
  direction: [Vec3, Vec3, Vec3];
  /** Spacing along row and column direction, mm. */
  pixelSpacingMm: [number, number];
}

/**
 * The in-plane shift of every slice relative to the first: the part of
 * `position[k] − position[0]` that is not along the normal, in voxels.
 */
export function sliceShifts(p: ShearParams): SliceShift[] {
  const [row, col, normal] = p.direction;
  const first = p.positionsMm[0];
  return p.positionsMm.map((pos) => {
    const d = sub(pos, first);
    const inPlane = addScaled(d, -dot(d, normal), normal);
    return [
      dot(inPlane, row) / p.pixelSpacingMm[0],
      dot(inPlane, col) / p.pixelSpacingMm[1],
    ];
  });
}

export interface ShearedVolume {
  voxels: Int16Array | Float32Array;
  /** [columns, rows, slices] of the corrected grid. */
  dims: Vec3;
  /** Voxel [i, j] of the input's first pixel on the new grid, per slice 0. */
  firstPixelAt: [number, number];
}

/** Lowest value, for the voxels no slice covers. */
export function minimum(voxels: ArrayLike<number>): number {
  let m = Infinity;
  for (let v = 0; v < voxels.length; v++) if (voxels[v] < m) m = voxels[v];
  return m;
}

/**
 * Shifts every slice of an unsheared stack onto one orthogonal grid.
 *
 * @param voxels - the stack as decoded, slice by slice
 * @param dims - [columns, rows, slices]
 * @param shifts - per slice, from {@link sliceShifts}
 * @returns the resampled voxels (same element type; Int16 values rounded)
 */
export function resampleSheared(
  voxels: Int16Array | Float32Array,
  dims: Vec3,
  shifts: SliceShift[],
): ShearedVolume {
  const [columns, rows, slices] = dims;
  // Positions carry rounding: a shift within 1e-6 of a whole pixel is one.
  const snap = (v: number) => (Math.abs(v - Math.round(v)) < 1e-6 ? Math.round(v) : v);
  shifts = shifts.map(([di, dj]) => [snap(di), snap(dj)]);
  const i0 = Math.floor(Math.min(...shifts.map((s) => s[0])));
  const j0 = Math.floor(Math.min(...shifts.map((s) => s[1])));
  const i1 = Math.ceil(Math.max(...shifts.map((s) => s[0])));
  const j1 = Math.ceil(Math.max(...shifts.map((s) => s[1])));
  const outColumns = columns + i1 - i0;
  const outRows = rows + j1 - j0;
  const fill = minimum(voxels);
  const round = voxels instanceof Int16Array;
  const out =
    voxels instanceof Int16Array
      ? new Int16Array(outColumns * outRows * slices)
      : new Float32Array(outColumns * outRows * slices);

  for (let k = 0; k < slices; k++) {
    const view: SliceView = { source: k * columns * rows, columns, rows, fill };
    const target = k * outColumns * outRows;
    for (let J = 0; J < outRows; J++) {
      // Source row of this grid row in slice k (continuous).
      const y = J + j0 - shifts[k][1];
      const ya = Math.floor(y);
      const fy = y - ya;
      for (let I = 0; I < outColumns; I++) {
        const x = I + i0 - shifts[k][0];
        const xa = Math.floor(x);
        const fx = x - xa;
        out[target + J * outColumns + I] = bilinear(voxels, view, xa, ya, fx, fy, round);
      }
    }
  }
  return {
    voxels: out,
    dims: [outColumns, outRows, slices],
    firstPixelAt: [0 - i0, 0 - j0],
  };
}

interface SliceView {
  source: number;
  columns: number;
  rows: number;
  fill: number;
}

/** Bilinear sample; outside [0, columns − 1] × [0, rows − 1] gives `fill`. */
function bilinear(
  v: ArrayLike<number>,
  s: SliceView,
  xa: number,
  ya: number,
  fx: number,
  fy: number,
  round: boolean,
): number {
  // Snap samples within 1e-6 of a pixel so integer shifts stay exact.
  if (fx < 1e-6) fx = 0;
  else if (fx > 1 - 1e-6) [xa, fx] = [xa + 1, 0];
  if (fy < 1e-6) fy = 0;
  else if (fy > 1 - 1e-6) [ya, fy] = [ya + 1, 0];
  const xb = fx > 0 ? xa + 1 : xa;
  const yb = fy > 0 ? ya + 1 : ya;
  if (xa < 0 || ya < 0 || xb >= s.columns || yb >= s.rows) return s.fill;
  const at = (x: number, y: number) => v[s.source + y * s.columns + x];
  const top = at(xa, ya) * (1 - fx) + at(xb, ya) * fx;
  const bottom = at(xa, yb) * (1 - fx) + at(xb, yb) * fx;
  const value = top * (1 - fy) + bottom * fy;
  return round ? Math.round(value) : value;
}
