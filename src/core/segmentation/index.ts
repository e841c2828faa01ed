/**
 * Segmentation: the manifest, canonical axial slices, the exact resampling to
 * and from the network grid, the slice runner and post-processing. Runs in
 * the browser (through src/workers), in Node (CLI) and in tests alike.
 */
export type {
  ManifestInput,
  ManifestIntensity,
  SegmentationManifest,
} from './SegmentationManifest';
export { ManifestError, parseSegmentationManifest } from './SegmentationManifest';
export type { AxialLayout, GridGeometry } from './axialLayout';
export {
  axialVoxelIndex,
  computeAxialLayout,
  readAxialSlice,
  writeAxialSlice,
} from './axialLayout';
export type { CanonicalSlice } from './preprocessSlice';
export { preprocessSlice } from './preprocessSlice';
export type { ProbabilityMaps, TargetSlice } from './probabilitiesToLabels';
export { probabilitiesToLabels } from './probabilitiesToLabels';
export type { SliceModel } from './SliceModel';
export type { SegmentationProgress, SegmentVolumeParams } from './segmentVolume';
export { segmentVolume } from './segmentVolume';
export type { PostprocessOptions } from './postprocessLabels';
export { DEFAULT_POSTPROCESS, postprocessLabels } from './postprocessLabels';
export type { Components, Connectivity, VoxelBox } from './connectedComponents';
export { findComponents, labelSet } from './connectedComponents';
