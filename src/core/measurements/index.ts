/**
 * Measurements of a kidney/tumour label volume (volumes, sides, largest axial
 * tumour slice, diameters, components), fast enough to re-run after an edit.
 */
export type { KidneyMeasurement, LargestTumourSlice, Measurements } from './Measurements';
export { measureLabels } from './measureLabels';
export { maxDiameter2dMm } from './feretDiameter';
export { tumourRegionCaution } from './tumourRegionCaution';
