/**
 * What a plan rests on, in words for the results: the one tumour region it
 * reads (the largest; the others are left out) and whether the radiological
 * size typed in the form agrees with that region's size on the mask. Both
 * decide which lesion the plan describes, so they are said beside the plan,
 * not only in the collapsed "What the model read" section.
 *
 * Regions are 6-connected here, as the planning features count them
 * (core/planning/tumourAndKidney); the Segmentation panel counts 26-connected
 * ones, so two regions touching only at an edge or corner are two here.
 */
import type { PlannedTumour } from '../../../core/planning/plannedTumour';
import { formatNumber } from './performanceText';

/**
 * How far the typed size may lie from the mask's before the panel warns:
 * both more than `cm` and more than `share` of the mask's size. Radiologists'
 * diameters of one tumour differ by a few millimetres, and the mask's runs
 * between voxel centres (a voxel shorter than a caliper's); a centimetre is
 * beyond both, and the share keeps that centimetre from flagging large
 * tumours, where it is within the variation of an oblique measurement.
 */
export const SIZE_TOLERANCE = { cm: 1, share: 0.25 } as const;

const cm = (v: number) => `${formatNumber(v, 1)} cm`;
/** mL with one decimal, two below 1 mL (a stray region of 0.05 mL is not "0.0"). */
const ml = (v: number) => `${formatNumber(v, v < 1 ? 2 : 1)} mL`;

/**
 * The region the plan reads, e.g. "The plan reads one tumour region: the
 * largest, 33.5 mL, with its largest area on axial slice 64."
 *
 * @param shown - the mask is the one drawn in the views (its slices are the study's)
 */
export function plannedRegionText(tumour: PlannedTumour, shown: boolean): string {
  const slice = tumour.largestSlice.index + 1;
  const where = shown
    ? `axial slice ${slice}`
    : `axial slice ${slice} of the mask file (counted from 1 in its own voxel order)`;
  const which = tumour.regionCount > 1 ? 'the largest' : 'the only one in the mask';
  return (
    `The plan reads one tumour region: ${which}, ${ml(tumour.volumeMl)}, ` +
    `with its largest area on ${where}.`
  );
}

/**
 * The regions the plan leaves out, or null when there are none.
 *
 * @param shown - the mask is the one drawn in the views (it can be corrected here)
 */
export function ignoredRegionsText(tumour: PlannedTumour, shown: boolean): string | null {
  // Said as a volume, not a count: the plan's regions are 6-connected, the
  // Segmentation panel's list 26-connected, so their counts can differ.
  if (tumour.regionCount < 2) return null;
  const fix = shown
    ? "remove the others (Remove in the Segmentation panel's list of tumour regions, or the eraser)"
    : 'remove the others from the mask file';
  return (
    `${ml(tumour.otherVolumeMl)} of tumour lies outside this region and is ignored by ` +
    `the plan. If the tumour you are planning for is not the region above, ${fix}; ` +
    `the plan follows.`
  );
}

/**
 * The warning when the typed radiological size and the mask's size disagree
 * beyond SIZE_TOLERANCE, or null when they agree. It does not withhold the
 * plan: the urologist may know the size better than the mask.
 *
 * @param typedCm - the size in the form, cm
 * @param maskCm - the largest axial diameter of the planned region, cm
 */
export function sizeMismatchWarning(typedCm: number, maskCm: number): string | null {
  const gap = Math.abs(typedCm - maskCm);
  if (gap <= SIZE_TOLERANCE.cm || gap <= SIZE_TOLERANCE.share * maskCm) return null;
  const share = formatNumber(100 * SIZE_TOLERANCE.share, 0);
  return (
    `Sizes disagree: you typed ${typedCm} cm, but the planned tumour region measures ` +
    `${cm(maskCm)} across on the mask (largest axial diameter), ${cm(gap)} apart — ` +
    `more than ${SIZE_TOLERANCE.cm} cm and more than ${share} % of the mask's size. ` +
    'The plan reads both. Check that the size is of this tumour and that the mask ' +
    'holds the lesion you measured.'
  );
}
