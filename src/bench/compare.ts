/**
 * The parity check between runtimes: the same network on the same slices must
 * give (nearly) the same probabilities and labels.
 */

export interface OutputComparison {
  /** Largest |p_a − p_b| over every pixel and label. */
  maxAbsDiff: number;
  meanAbsDiff: number;
  /** Fraction of pixels whose argmax label agrees. */
  labelAgreement: number;
}

/**
 * Compares two NHWC probability arrays of the same shape.
 * @param numLabels - size of the last axis
 */
export function compareOutputs(
  a: Float32Array,
  b: Float32Array,
  numLabels: number,
): OutputComparison {
  if (a.length !== b.length) {
    throw new Error(`outputs differ in size: ${a.length} vs ${b.length}`);
  }
  let maxAbsDiff = 0;
  let sum = 0;
  let agree = 0;
  const pixels = a.length / numLabels;
  for (let p = 0; p < pixels; p++) {
    let la = 0;
    let lb = 0;
    for (let k = 0; k < numLabels; k++) {
      const i = p * numLabels + k;
      const d = Math.abs(a[i] - b[i]);
      if (d > maxAbsDiff || Number.isNaN(d)) maxAbsDiff = Number.isNaN(d) ? Infinity : d;
      sum += d;
      if (a[i] > a[p * numLabels + la]) la = k;
      if (b[i] > b[p * numLabels + lb]) lb = k;
    }
    if (la === lb) agree++;
  }
  return {
    maxAbsDiff,
    meanAbsDiff: sum / a.length,
    labelAgreement: agree / pixels,
  };
}
