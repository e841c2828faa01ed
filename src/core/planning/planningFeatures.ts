/**
 * Everything the planning network reads from a label volume: the geometry
 * features and the largest-slice crop, plus the tumour's largest axial
 * diameter that pre-fills the form's radiological size and which tumour
 * region all of it comes from.
 */
import type { LabelVolume } from '../volume/Volume';
import { toCanonicalGrid } from './canonicalGrid';
import { geometryFeatures, type GeometryFeatures } from './geometryFeatures';
import { largestSliceCrop, type CropSpec } from './largestSliceCrop';
import { plannedTumour, type PlannedTumour } from './plannedTumour';
import { findTumourAndKidney } from './tumourAndKidney';

export interface PlanningFeatures {
  geometry: GeometryFeatures;
  /** Image-branch input, HWC, `crop.sizePx² × channels`. */
  crop: Float32Array;
  /** Suggested radiological size: the largest axial tumour diameter, cm. */
  suggestedSizeCm: number;
  /** Where the suggestion comes from, for the form to show. */
  suggestedSizeSource: string;
  /** The tumour region the features come from, and the regions left out. */
  tumour: PlannedTumour;
}

/**
 * @param labels - 0 background, 1 kidney, 2 tumour, 3 cyst (counted as kidney); any orientation
 * @param crop - the manifest's crop specification
 * @throws Error when the mask has no tumour or the tumour touches no kidney
 */
export function extractPlanningFeatures(
  labels: LabelVolume,
  crop: CropSpec,
): PlanningFeatures {
  const grid = toCanonicalGrid(labels);
  const tk = findTumourAndKidney(grid);
  const geometry = geometryFeatures(grid, tk);
  return {
    geometry,
    crop: largestSliceCrop(grid, tk, crop),
    suggestedSizeCm: Math.round(geometry.largestAxialDiameterMm) / 10,
    suggestedSizeSource: 'largest axial diameter of the segmented tumour',
    tumour: plannedTumour(labels, grid, tk),
  };
}
