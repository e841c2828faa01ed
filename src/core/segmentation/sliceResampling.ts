/**
 * The exact resampling between a canonical source slice and the square
 * network grid, as docs/architecture.md specifies it so that Python training
 * and TypeScript inference agree to float precision:
 *
 * - forward (image → network): target pixel (r, c) samples the source at
 *   `rs = (H-1)/2 + (r - (S-1)/2) * t / sr`, `cs = (W-1)/2 + (c - (S-1)/2) * t / sc`;
 * - backward (network → image): source pixel (r, c) samples the network grid at
 *   `rt = (S-1)/2 + (r - (H-1)/2) * sr / t`, `ct = (S-1)/2 + (c - (W-1)/2) * sc / t`.
 *
 * Both are bilinear; a sample outside `[0, n-1]` on either axis is "outside"
 * (scipy's `map_coordinates(order=1, mode='constant')`).
 */

/** Where one output line samples one input axis. */
export interface AxisSamples {
  /** Lower input index, or -1 when the sample is outside. */
  index0: Int32Array;
  /** Upper input index (index0 + 1, or index0 at the last sample). */
  index1: Int32Array;
  /** Weight of index1; index0 gets 1 - weight. */
  weight: Float64Array;
}

/**
 * Sample positions `pos = (nIn-1)/2 + (i - (nOut-1)/2) * scale` for i in [0, nOut).
 *
 * @param nOut - samples on this axis of the output
 * @param nIn - pixels on this axis of the input
 * @param stepOut - output spacing, mm
 * @param stepIn - input spacing, mm
 */
export function axisSamples(
  nOut: number,
  nIn: number,
  stepOut: number,
  stepIn: number,
): AxisSamples {
  const index0 = new Int32Array(nOut);
  const index1 = new Int32Array(nOut);
  const weight = new Float64Array(nOut);
  const centreIn = (nIn - 1) / 2;
  const centreOut = (nOut - 1) / 2;

  for (let i = 0; i < nOut; i++) {
    // Same operation order as the Python reference: ((i - c) * t) / s.
    const pos = centreIn + ((i - centreOut) * stepOut) / stepIn;
    if (!(pos >= 0 && pos <= nIn - 1)) {
      index0[i] = -1;
      continue;
    }
    const lower = Math.min(Math.floor(pos), nIn - 1);
    index0[i] = lower;
    index1[i] = Math.min(lower + 1, nIn - 1);
    weight[i] = pos - lower;
  }
  return { index0, index1, weight };
}
