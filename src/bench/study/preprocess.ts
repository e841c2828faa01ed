/**
 * Forward preprocessing of one slice to the network input, exactly as
 * docs/architecture.md specifies (bilinear resampling of HU to the manifest's
 * grid, centred, outside value, then the intensity window).
 *
 * TODO: use src/core/segmentation's preprocessing once it is in the tree.
 */
import type { SegmentationManifest } from '../manifest';
import type { CtSlice } from './dicomSlice';

/**
 * Writes the network input of one slice (S × S, one channel) into `out`.
 * @param slice - HU slice in the architecture's orientation
 * @param manifest - the network's input specification
 * @param out - S*S floats, written from `offset`
 */
export function preprocessSlice(
  slice: CtSlice,
  manifest: SegmentationManifest,
  out: Float32Array,
  offset = 0,
): void {
  const S = manifest.input.sizePx;
  const t = manifest.input.spacingMm;
  const [lo, hi] = manifest.intensity.windowHu;
  const outside = manifest.intensity.outsideValueHu;
  const { rows: H, columns: W, hu } = slice;
  const [sr, sc] = slice.pixelSpacingMm;

  for (let r = 0; r < S; r++) {
    const rs = (H - 1) / 2 + ((r - (S - 1) / 2) * t) / sr;
    const r0 = Math.floor(rs);
    const fr = rs - r0;
    const rowOutside = rs < 0 || rs > H - 1;
    for (let c = 0; c < S; c++) {
      const cs = (W - 1) / 2 + ((c - (S - 1) / 2) * t) / sc;
      let v = outside;
      if (!rowOutside && cs >= 0 && cs <= W - 1) {
        const c0 = Math.floor(cs);
        const fc = cs - c0;
        const r1 = Math.min(r0 + 1, H - 1);
        const c1 = Math.min(c0 + 1, W - 1);
        const top = hu[r0 * W + c0] * (1 - fc) + hu[r0 * W + c1] * fc;
        const bottom = hu[r1 * W + c0] * (1 - fc) + hu[r1 * W + c1] * fc;
        v = top * (1 - fr) + bottom * fr;
      }
      const clipped = Math.min(Math.max(v, lo), hi);
      out[offset + r * S + c] = (clipped - lo) / (hi - lo);
    }
  }
}

/** Preprocesses slices into one NHWC batch buffer. */
export function preprocessSlices(
  slices: readonly CtSlice[],
  manifest: SegmentationManifest,
): Float32Array {
  const S = manifest.input.sizePx;
  const out = new Float32Array(slices.length * S * S);
  slices.forEach((s, i) => preprocessSlice(s, manifest, out, i * S * S));
  return out;
}
