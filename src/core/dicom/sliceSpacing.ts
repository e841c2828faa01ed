/**
 * Checks the distances between consecutive sorted slices: finds the nominal
 * spacing, gaps that mean missing slices, uneven spacing and duplicates.
 */
import { plural } from './StudyMessage';

export interface SpacingReport {
  /** The nominal (median) distance between slices, mm; null for < 2 slices. */
  spacingMm: number | null;
  /** Gaps about a whole multiple (≥ 2) of the nominal spacing. */
  gaps: { afterSlice: number; gapMm: number; missing: number }[];
  /** True when distances vary beyond tolerance in a way gaps do not explain. */
  uneven: boolean;
  minMm: number;
  maxMm: number;
  /** Indices of slices at the same position as the previous one. */
  duplicates: number[];
}

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
  return {
    spacingMm: nominal,
    gaps,
    uneven,
    minMm: Math.min(...steps),
    maxMm: Math.max(...steps),
    duplicates,
  };
}

/** A sentence describing the gaps, for a warning. */
export function describeGaps(report: SpacingReport): string {
  const spacing = report.spacingMm!.toFixed(2);
  const parts = report.gaps
    .slice(0, 3)
    .map(
      (g) =>
        `a ${g.gapMm.toFixed(2)} mm gap after slice ${g.afterSlice + 1} ` +
        `(about ${plural(g.missing, 'slice')} missing)`,
    );
  const more = report.gaps.length > 3 ? `, and ${report.gaps.length - 3} more gaps` : '';
  return `Missing slices: ${parts.join('; ')}${more}; the usual spacing is ${spacing} mm.`;
}
