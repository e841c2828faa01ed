/**
 * The image-branch input: the axial slice with the most tumour voxels, cropped
 * around the tumour and its kidney at a fixed mm spacing (Python:
 * `largest_slice_crop` in `training/plan/geometry.py`).
 *
 * Centre: the middle of the bounding box of K ∪ T on that slice. Target pixel
 * (r, c) samples the slice at `y = cy + (r - (S-1)/2) * t / sy` and
 * `x = cx + (c - (S-1)/2) * t / sx` (voxel indices), bilinearly; samples
 * outside `[0, n-1]` are 0. Rows run anterior → posterior, columns patient
 * right → left. Layout HWC, channels in the manifest's order.
 */
import type { CanonicalLabels } from './canonicalGrid';
import type { TumourKidney } from './tumourAndKidney';

/** The crop specification of the planning manifest. */
export interface CropSpec {
  /** Square output size, pixels. */
  sizePx: number;
  /** Output pixel spacing, mm. */
  spacingMm: number;
  /** Channel names: 'kidney', 'tumour', optionally 'ct'. */
  channels: string[];
  /** CT window [lo, hi] HU mapped to [0, 1] for a 'ct' channel. */
  ctWindowHu: [number, number];
}

/** A CT volume on the same canonical grid as the labels (HU). */
export interface CanonicalCt {
  hu: ArrayLike<number>;
}

interface AxisSamples {
  p0: Int32Array;
  p1: Int32Array;
  f: Float64Array;
  inside: Uint8Array;
}

function sampleAxis(n: number, centre: number, size: number, step: number): AxisSamples {
  const p0 = new Int32Array(size);
  const p1 = new Int32Array(size);
  const f = new Float64Array(size);
  const inside = new Uint8Array(size);
  for (let r = 0; r < size; r++) {
    const pos = centre + (r - (size - 1) / 2) * step;
    const fl = Math.floor(pos);
    inside[r] = pos >= 0 && pos <= n - 1 ? 1 : 0;
    p0[r] = Math.min(Math.max(fl, 0), n - 1);
    p1[r] = Math.min(p0[r] + 1, n - 1);
    f[r] = pos - fl;
  }
  return { p0, p1, f, inside };
}

/** Index of the axial slice (z) with the most tumour voxels; the lowest on a tie. */
export function largestTumourSlice(grid: CanonicalLabels, t: Uint8Array): number {
  const [nx, ny, nz] = grid.dims;
  let best = 0;
  let bestCount = -1;
  for (let z = 0; z < nz; z++) {
    let count = 0;
    const base = z * nx * ny;
    for (let i = 0; i < nx * ny; i++) count += t[base + i];
    if (count > bestCount) {
      bestCount = count;
      best = z;
    }
  }
  return best;
}

/**
 * @param grid - canonical labels
 * @param tk - the tumour and its kidney
 * @param spec - crop size, spacing and channels
 * @param ct - CT on the same grid, required when spec asks for a 'ct' channel
 * @returns Float32Array of `sizePx * sizePx * channels.length` values (HWC)
 */
export function largestSliceCrop(
  grid: CanonicalLabels,
  tk: TumourKidney,
  spec: CropSpec,
  ct?: CanonicalCt,
): Float32Array {
  const [nx, ny] = grid.dims;
  const [sx, sy] = grid.spacingMm;
  const z = largestTumourSlice(grid, tk.tumour);
  const base = z * nx * ny;

  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const i = base + x + y * nx;
      if (!tk.tumour[i] && !tk.kidney[i]) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  const S = spec.sizePx;
  const ry = sampleAxis(ny, (y0 + y1) / 2, S, spec.spacingMm / sy);
  const rx = sampleAxis(nx, (x0 + x1) / 2, S, spec.spacingMm / sx);

  const C = spec.channels.length;
  const out = new Float32Array(S * S * C);
  spec.channels.forEach((name, ch) => {
    let value: (i: number) => number;
    if (name === 'kidney') value = (i) => tk.kidney[i];
    else if (name === 'tumour') value = (i) => tk.tumour[i];
    else if (name === 'ct') {
      if (!ct) throw new Error('the crop asks for a CT channel but no CT was given');
      const [lo, hi] = spec.ctWindowHu;
      value = (i) => (Math.min(Math.max(ct.hu[i], lo), hi) - lo) / (hi - lo);
    } else throw new Error(`unknown crop channel "${name}"`);

    const at = (y: number, x: number) => value(base + x + y * nx);
    for (let r = 0; r < S; r++) {
      for (let c = 0; c < S; c++) {
        if (!ry.inside[r] || !rx.inside[c]) continue;
        const fy = ry.f[r];
        const fx = rx.f[c];
        const a =
          at(ry.p0[r], rx.p0[c]) * (1 - fy) * (1 - fx) +
          at(ry.p0[r], rx.p1[c]) * (1 - fy) * fx;
        const b =
          at(ry.p1[r], rx.p0[c]) * fy * (1 - fx) + at(ry.p1[r], rx.p1[c]) * fy * fx;
        out[(r * S + c) * C + ch] = a + b;
      }
    }
  });
  return out;
}
