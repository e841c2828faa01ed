/**
 * The segmentation of the study on screen: the label map (0 background,
 * 1 kidney, 2 tumour) on the volume's grid, its measurements, and the state of
 * the run that makes it.
 *
 * Written by the segmentation panel (run, cancel, brush edits, undo); read by
 * the viewer overlay and by the planning panel, which re-plans whenever
 * `labelsVersion` changes.
 */
import { create } from 'zustand';
import type { BackendChoice } from '../../core/inference/chooseBackend';
import type { Measurements } from '../../core/measurements/Measurements';
import type { SegmentationProgress } from '../../core/segmentation/segmentVolume';
import type { LabelVolume } from '../../core/volume/Volume';

export type SegmentationStatus = 'idle' | 'loading-model' | 'running' | 'done' | 'failed';

export interface SegmentationState {
  status: SegmentationStatus;
  /** Which tfjs backend runs, and why; null before the model is loaded. */
  backend: BackendChoice | null;
  progress: SegmentationProgress | null;
  /** The current label map, edits included; null until a run finishes. */
  labels: LabelVolume | null;
  /** Increments on every change of `labels` (a run or an edit). */
  labelsVersion: number;
  /** Measurements of the current `labels`. */
  measurements: Measurements | null;
  /** A message for the user after a failure or a cancel. */
  message: string | null;

  /** Replaces the whole state's values (the panel's actions use it). */
  set(partial: Partial<Omit<SegmentationState, 'set' | 'reset'>>): void;
  /** Forgets the segmentation (a new study was loaded). */
  reset(): void;
}

const INITIAL = {
  status: 'idle' as SegmentationStatus,
  backend: null,
  progress: null,
  labels: null,
  labelsVersion: 0,
  measurements: null,
  message: null,
};

export const useSegmentationStore = create<SegmentationState>((set) => ({
  ...INITIAL,
  set: (partial) => set(partial),
  reset: () =>
    set((s) => ({ ...INITIAL, backend: s.backend, labelsVersion: s.labelsVersion + 1 })),
}));
