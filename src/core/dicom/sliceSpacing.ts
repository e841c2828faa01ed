/**
 * Checks the distances between consecutive sorted slices: finds the nominal
 * spacing, gaps that mean missing slices, uneven spacing and duplicates, and
 * where each slice goes in a volume whose gaps are filled with empty slices.
 */
import { plural } from './StudyMessage';

export interface SpacingReport {
  /** The nominal (median) distance between slices, mm; null for < 2 slices. */
  spacingMm: number | null;
  /**
   * Gaps about a whole multiple (≥ 2) of the nominal spacing, to be filled
   * with empty slices; none (and `uneven`) when they would need more empty
   * slices than the series has real ones.
   */
  gaps: { afterSlice: number; gapMm: number; missing: number }[];
  /** True when distances vary beyond tolerance in a way gaps do not explain. */
  uneven: boolean;
  minMm: number;
  maxMm: number;
  /** Indices of slices at the same position as the previous one. */
  duplicates: number[];
}

/**
 * Gaps are filled only while the empty slices number at most this many per
 * real slice: beyond that the series is more likely two stacks far apart
 * than a stack with slices missing, and filling it would hold mostly air
 * (hundreds of empty slices, each as large as a real one).
 */
const MAX_EMPTY_PER_REAL_SLICE = 1;

/** Relative tolerance for "the same spacing" (CT positions carry rounding). */
const RELATIVE_TOLERANCE = 0.05;
const ABSOLUTE_TOLERANCE_MM = 0.02;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Analyses slice positions.
 *
 * @param positionsMm - increasing positions along the slice normal
 */
export function analyseSliceSpacing(positionsMm: number[]): SpacingReport {
  const steps: number[] = [];
  const duplicates: number[] = [];
  for (let i = 1; i < positionsMm.length; i++) {
    const d = positionsMm[i] - positionsMm[i - 1];
    if (d < ABSOLUTE_TOLERANCE_MM) duplicates.push(i);
    else steps.push(d);
  }
  if (steps.length === 0) {
    return { spacingMm: null, gaps: [], uneven: false, minMm: 0, maxMm: 0, duplicates };
  }

  const nominal = median(steps);
  const tol = Math.max(ABSOLUTE_TOLERANCE_MM, RELATIVE_TOLERANCE * nominal);
  const gaps: SpacingReport['gaps'] = [];
  let uneven = false;
  for (let i = 1; i < positionsMm.length; i++) {
    const d = positionsMm[i] - positionsMm[i - 1];
    if (d < ABSOLUTE_TOLERANCE_MM) continue;
    if (Math.abs(d - nominal) <= tol) continue;
    const ratio = d / nominal;
    const whole = Math.round(ratio);
    if (whole >= 2 && Math.abs(ratio - whole) * nominal <= tol) {
      gaps.push({ afterSlice: i - 1, gapMm: d, missing: whole - 1 });
    } else {
      uneven = true;
    }
  }
  const empty = gaps.reduce((sum, g) => sum + g.missing, 0);
  const fillable = empty <= MAX_EMPTY_PER_REAL_SLICE * positionsMm.length;
  return {
    spacingMm: nominal,
    gaps: fillable ? gaps : [],
    uneven: uneven || !fillable,
    minMm: Math.min(...steps),
    maxMm: Math.max(...steps),
    duplicates,
  };
}

/**
 * The volume index k of each slice: consecutive, except that each gap leaves
 * room for its missing slices, which the volume fills with empty slices.
 *
 * @param count - slices, as analysed (no duplicates)
 */
export function sliceIndices(report: SpacingReport, count: number): number[] {
  const missingAfter = new Map(report.gaps.map((g) => [g.afterSlice, g.missing]));
  const indices: number[] = [];
  let k = 0;
  for (let n = 0; n < count; n++) {
    indices.push(k);
    k += 1 + (missingAfter.get(n) ?? 0);
  }
  return indices;
}

/**
 * A sentence describing the gaps and the empty slices that fill them, for a
 * warning. Slice numbers count from 1 in volume order (filler included), the
 * numbers the axial view shows.
 *
 * @param indices - volume index of each slice, from {@link sliceIndices}
 */
export function describeGaps(report: SpacingReport, indices: number[]): string {
  const spacing = report.spacingMm!.toFixed(2);
  const parts = report.gaps.slice(0, 3).map((g) => {
    const before = indices[g.afterSlice] + 1;
    const filled =
      g.missing === 1
        ? `slice ${before + 1}`
        : `slices ${before + 1}–${before + g.missing}`;
    return (
      `a ${g.gapMm.toFixed(2)} mm gap after slice ${before}, filled with ` +
      `${plural(g.missing, 'empty slice')} (${filled})`
    );
  });
  const more = report.gaps.length > 3 ? `, and ${report.gaps.length - 3} more gaps` : '';
  return (
    `Missing slices: ${parts.join('; ')}${more}; the usual spacing is ${spacing} mm. ` +
    'The empty slices hold the lowest value of the series (air on CT) and keep every ' +
    'other slice at its true position; slice numbers count from 1, as the axial ' +
    'view shows them.'
  );
}
