/**
 * Back from the network grid to the source slice: bilinear resampling of the
 * per-label probability maps onto the canonical slice's pixels, then argmax
 * (ties go to the lower label). Source pixels that map outside the network
 * grid are background (probability 1 for label 0).
 *
 * Works with sliceResampling.ts (the sample positions) and segmentVolume.ts.
 */
import { axisSamples } from './sliceResampling';

export interface ProbabilityMaps {
  /** sizePx × sizePx × labelCount, NHWC order (label fastest). */
  probs: ArrayLike<number>;
  sizePx: number;
  /** Spacing of the network grid, mm. */
  spacingMm: number;
  labelCount: number;
}

export interface TargetSlice {
  height: number;
  width: number;
  rowSpacingMm: number;
  colSpacingMm: number;
}

/**
 * Maps network probabilities to labels on the source slice.
 *
 * @param maps - the network's output for one slice
 * @param target - size and spacing of the canonical source slice
 * @param out - receives height × width labels (allocated when omitted)
 * @returns `out`, row-major
 */
export function probabilitiesToLabels(
  maps: ProbabilityMaps,
  target: TargetSlice,
  out?: Uint8Array,
): Uint8Array {
  const { probs, sizePx: size, spacingMm, labelCount } = maps;
  const labels = out ?? new Uint8Array(target.height * target.width);
  const rows = axisSamples(target.height, size, target.rowSpacingMm, spacingMm);
  const cols = axisSamples(target.width, size, target.colSpacingMm, spacingMm);
  const rowStride = size * labelCount;

  for (let r = 0; r < target.height; r++) {
    const r0 = rows.index0[r];
    const wr = rows.weight[r];
    const top = r0 * rowStride;
    const bottom = rows.index1[r] * rowStride;

    for (let c = 0; c < target.width; c++) {
      const c0 = cols.index0[c];
      const o = r * target.width + c;
      if (r0 < 0 || c0 < 0) {
        labels[o] = 0;
        continue;
      }
      const a = c0 * labelCount;
      const b = cols.index1[c] * labelCount;
      const wc = cols.weight[c];
      let best = 0;
      let bestP = -Infinity;
      for (let l = 0; l < labelCount; l++) {
        const upper = (1 - wc) * probs[top + a + l] + wc * probs[top + b + l];
        const lower = (1 - wc) * probs[bottom + a + l] + wc * probs[bottom + b + l];
        const p = (1 - wr) * upper + wr * lower;
        if (p > bestP) {
          bestP = p;
          best = l;
        }
      }
      labels[o] = best;
    }
  }
  return labels;
}
