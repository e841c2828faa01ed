/** Display helpers for the series picker and the study banner. */
import type { Vec3 } from '../../core/volume/Volume';

/** "0.57 × 0.57 × 1.60 mm", or "unknown". */
export function formatSpacing(spacingMm: Vec3 | null): string {
  if (!spacingMm) return 'unknown';
  return `${spacingMm.map((v) => v.toFixed(2)).join(' × ')} mm`;
}
