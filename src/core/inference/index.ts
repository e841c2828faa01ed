/**
 * tfjs inference: backend choice (with the reason shown to the user), model
 * loading from a manifest URL and the slice model the runner calls. Node's
 * file-system loader lives in loadSegmentationModelFromDir.ts (not exported
 * here, so browser bundles never see node:fs).
 */
export type {
  AdapterSummary,
  BackendChoice,
  BackendName,
  BackendProbe,
} from './chooseBackend';
export { backendFromQuery, chooseBackend, isBackendName } from './chooseBackend';
export type { InitBackendOptions } from './initBackend';
export { initBackend, probeGpuAdapter } from './initBackend';
export { loadSegmentationModel } from './loadSegmentationModel';
export type { SegmentationModel } from './SegmentationModel';
export { createTfSliceModel } from './tfSliceModel';
