/**
 * Chooses the series to open first: the likely axial CT — CT before other
 * modalities, axial before other planes, then the most slices.
 */
import type { SeriesSummary } from './SeriesSummary';

function score(s: SeriesSummary): number[] {
  return [
    s.modality === 'CT' || s.source === 'nifti' ? 1 : 0,
    s.plane === 'axial' ? 1 : 0,
    s.sliceCount,
  ];
}

/** Index of the default series, or -1 for an empty list. */
export function pickDefaultSeries(summaries: SeriesSummary[]): number {
  let best = -1;
  for (let i = 0; i < summaries.length; i++) {
    if (best < 0) {
      best = i;
      continue;
    }
    const a = score(summaries[i]);
    const b = score(summaries[best]);
    const cmp = a.findIndex((v, n) => v !== b[n]);
    if (cmp >= 0 && a[cmp] > b[cmp]) best = i;
  }
  return best;
}
