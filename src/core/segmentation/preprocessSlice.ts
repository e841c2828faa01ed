/**
 * Network input for one canonical axial slice, per the segmentation manifest:
 * bilinear resampling of HU onto the S × S network grid at the manifest's
 * spacing (centred on the slice centre), then the intensity window
 * `x = (clip(hu, lo, hi) - lo) / (hi - lo)`. Pixels outside the slice take
 * `outsideValueHu` before windowing. With the manifest's optional
 * `windowBeforeResampling`, HU are clipped to the window first (resampling
 * then mixes only clipped values, so an 8-bit [0, 255]-clipped slice and the
 * raw HU slice give the same input for any window inside [0, 255]).
 *
 * Works with sliceResampling.ts (the sample positions) and segmentVolume.ts
 * (which calls it per slice).
 */
import type { SegmentationManifest } from './SegmentationManifest';
import { axisSamples } from './sliceResampling';

/** A canonical axial slice: rows anterior → posterior, columns right → left. */
export interface CanonicalSlice {
  /** HU, height × width, row-major. */
  hu: ArrayLike<number>;
  height: number;
  width: number;
  /** Spacing between rows, mm. */
  rowSpacingMm: number;
  /** Spacing between columns, mm. */
  colSpacingMm: number;
}

/**
 * Resamples and windows one slice into the network's input.
 *
 * @param slice - the source slice in canonical orientation
 * @param manifest - the network's input specification
 * @param out - receives sizePx × sizePx values (allocated when omitted)
 * @returns `out`, row-major, one channel
 */
export function preprocessSlice(
  slice: CanonicalSlice,
  manifest: Pick<SegmentationManifest, 'input' | 'intensity'>,
  out?: Float32Array,
): Float32Array {
  const size = manifest.input.sizePx;
  const spacing = manifest.input.spacingMm;
  const [lo, hi] = manifest.intensity.windowHu;
  const clip = (v: number) => (v < lo ? lo : v > hi ? hi : v);
  const windowFirst = manifest.intensity.windowBeforeResampling === true;
  const outside = windowFirst
    ? clip(manifest.intensity.outsideValueHu)
    : manifest.intensity.outsideValueHu;
  const hu = windowFirst ? Float32Array.from(slice.hu, clip) : slice.hu;
  const result = out ?? new Float32Array(size * size);

  const rows = axisSamples(size, slice.height, spacing, slice.rowSpacingMm);
  const cols = axisSamples(size, slice.width, spacing, slice.colSpacingMm);
  const { width } = slice;
  const range = hi - lo;

  for (let r = 0; r < size; r++) {
    const r0 = rows.index0[r];
    const wr = rows.weight[r];
    const top = r0 * width;
    const bottom = rows.index1[r] * width;

    for (let c = 0; c < size; c++) {
      const c0 = cols.index0[c];
      let value = outside;
      if (r0 >= 0 && c0 >= 0) {
        const c1 = cols.index1[c];
        const wc = cols.weight[c];
        const upper = (1 - wc) * hu[top + c0] + wc * hu[top + c1];
        const lower = (1 - wc) * hu[bottom + c0] + wc * hu[bottom + c1];
        value = (1 - wr) * upper + wr * lower;
      }
      const clipped = value < lo ? lo : value > hi ? hi : value;
      result[r * size + c] = (clipped - lo) / range;
    }
  }
  return result;
}
