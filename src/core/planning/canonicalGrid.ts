/**
 * Reorients a label volume onto the planning features' canonical grid: array
 * axes x → patient left, y → posterior, z → superior (LPS), each source axis
 * mapped to the patient axis it is closest to, with voxel centres at
 * `index * spacingMm`. Python's `training/plan/geometry.py` (`canonicalize`)
 * does the same; the features and the crop are computed on this grid only.
 *
 * Limitations: oblique volumes are snapped to the nearest axes (no
 * resampling), which is exact for axial CT and KiTS masks.
 */
import type { LabelVolume, Vec3 } from '../volume/Volume';

export interface CanonicalLabels {
  /** Labels, index `x + y * dims[0] + z * dims[0] * dims[1]`. */
  labels: Uint8Array;
  /** [nx, ny, nz]. */
  dims: Vec3;
  /** Voxel size along x, y, z in mm. */
  spacingMm: Vec3;
}

interface AxisMap {
  /** Source axis feeding each canonical axis. */
  source: Vec3;
  /** Whether each canonical axis runs against its source axis. */
  flip: [boolean, boolean, boolean];
}

/** Which source axis feeds each patient axis, and whether it is reversed. */
export function canonicalAxisMap(direction: [Vec3, Vec3, Vec3]): AxisMap {
  const source: Vec3 = [-1, -1, -1];
  const flip: [boolean, boolean, boolean] = [false, false, false];
  for (let a = 0; a < 3; a++) {
    const v = direction[a];
    let w = 0;
    for (let c = 1; c < 3; c++) if (Math.abs(v[c]) > Math.abs(v[w])) w = c;
    if (source[w] !== -1) {
      throw new Error('mask orientation has two axes along one patient axis');
    }
    source[w] = a;
    flip[w] = v[w] < 0;
  }
  return { source, flip };
}

/**
 * Copies a label volume onto the canonical grid.
 *
 * @param volume - labels with LPS geometry (any axis order and sign)
 * @returns the reoriented labels, dims and spacing
 * @throws Error when two axes point along one patient axis
 */
export function toCanonicalGrid(volume: LabelVolume): CanonicalLabels {
  const { source, flip } = canonicalAxisMap(volume.direction);
  const sd = volume.dims;
  const dims: Vec3 = [sd[source[0]], sd[source[1]], sd[source[2]]];
  const spacingMm: Vec3 = [
    volume.spacingMm[source[0]],
    volume.spacingMm[source[1]],
    volume.spacingMm[source[2]],
  ];

  // Stride in the source array of one step along each canonical axis.
  const srcStride = [1, sd[0], sd[0] * sd[1]];
  const step = [0, 1, 2].map((w) => (flip[w] ? -1 : 1) * srcStride[source[w]]);
  const start = [0, 1, 2].reduce(
    (acc, w) => acc + (flip[w] ? (dims[w] - 1) * srcStride[source[w]] : 0),
    0,
  );

  const labels = new Uint8Array(dims[0] * dims[1] * dims[2]);
  const src = volume.labels;
  let o = 0;
  for (let z = 0; z < dims[2]; z++) {
    for (let y = 0; y < dims[1]; y++) {
      let s = start + z * step[2] + y * step[1];
      for (let x = 0; x < dims[0]; x++, s += step[0]) labels[o++] = src[s];
    }
  }
  return { labels, dims, spacingMm };
}
