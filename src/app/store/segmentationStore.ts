/**
 * The segmentation of the study on screen: the label map (0 background,
 * 1 kidney, 2 tumour) on the volume's grid, where it came from (the network
 * or an opened mask file), its measurements, and the state of the run that
 * makes it; plus how the overlay shows it, the editing tool and the undo
 * stack of manual edits and opened masks.
 *
 * Written by the segmentation panel (run, cancel, brush edits, undo) and by
 * the planning panel's "Open mask…" (a mask on the study's grid); read by the
 * viewer overlay and by the planning panel, which re-plans whenever
 * `labelsVersion` changes.
 *
 * `maskId` names the mask itself rather than its version: a run, an opened
 * mask and a new study give a new one, while the user's corrections keep it
 * (they are the review). The planning panel asks the user to confirm the
 * tumour of each mask before planning on it (planningStore.reviewedMasks).
 */
import { create } from 'zustand';
import type { BackendChoice } from '../../core/inference/chooseBackend';
import type { Measurements } from '../../core/measurements/Measurements';
import type { TumourRegion } from '../../core/measurements/tumourRegions';
import type { SegmentationProgress } from '../../core/segmentation/segmentVolume';
import type { LabelVolume } from '../../core/volume/Volume';
import type { OverlayDisplay } from '../../viewer/labelmap/overlayDisplay';
import { DEFAULT_OVERLAY_DISPLAY } from '../../viewer/labelmap/overlayDisplay';

export type SegmentationStatus =
  'idle' | 'loading-model' | 'running' | 'done' | 'cancelled' | 'failed';

/** Mouse tool of the views: window/level (none), paint a label, erase. */
export type EditTool = 'none' | 'brush' | 'eraser';

/** Where the labels came from. */
export type LabelSource =
  | { kind: 'network' }
  | {
      kind: 'file';
      /** The mask file's name. */
      name: string;
      /** Voxels of label 3 (cyst) in the file, shown as kidney (1). */
      cystVoxels: number;
    };

/**
 * One undoable change: the voxels it changed and their labels before and
 * after. A brush or eraser stroke, removed tumour regions, or an opened mask
 * that replaced the labels.
 */
export interface LabelEdit {
  indices: Uint32Array;
  before: Uint8Array;
  after: Uint8Array;
  /** Set when an opened mask replaced the labels: what undo restores besides the voxels. */
  replaced?: {
    /** The source of the labels before. */
    source: LabelSource | null;
    /** False when there were no labels before (undo removes them). */
    hadLabels: boolean;
    /** The `maskId` before, which undo restores (with its confirmation). */
    maskId: number;
  };
}

export interface SegmentationState {
  status: SegmentationStatus;
  /** Which tfjs backend runs, and why; null before the model is loaded. */
  backend: BackendChoice | null;
  /** Name and version of the loaded network; null before it is loaded. */
  model: { name: string; version: string } | null;
  progress: SegmentationProgress | null;
  /** The current label map, edits included; null until a run or an opened mask. */
  labels: LabelVolume | null;
  /** Where `labels` came from (edits keep it); null without labels. */
  source: LabelSource | null;
  /** Increments on every change of `labels` (a run or an edit). */
  labelsVersion: number;
  /**
   * Which mask `labels` are: new for each run, opened mask and study (see
   * `newMaskId`); kept by brush, eraser, removed tumour regions and the
   * undo of those.
   */
  maskId: number;
  /** Measurements of the current `labels`. */
  measurements: Measurements | null;
  /**
   * The tumour regions, largest first, of the labels of version
   * `tumourRegionsVersion`: stale, until listed again, after a change of
   * `labels`; null without labels.
   */
  tumourRegions: TumourRegion[] | null;
  /** The `labelsVersion` that `tumourRegions` were listed for. */
  tumourRegionsVersion: number;
  /** A message for the user after a failure or a cancel. */
  message: string | null;
  /** How the overlay draws the labels. */
  display: OverlayDisplay;
  tool: EditTool;
  /** Label the brush paints (1 kidney, 2 tumour). */
  brushLabel: 1 | 2;
  /** Brush radius, mm. */
  brushRadiusMm: number;
  /** Manual edits and opened masks since the last run, oldest first. */
  undoStack: LabelEdit[];

  /** Replaces the whole state's values (the panel's actions use it). */
  set(partial: Partial<Omit<SegmentationState, 'set' | 'reset'>>): void;
  /** Forgets the segmentation (a new study was loaded); keeps display settings. */
  reset(): void;
}

const INITIAL = {
  status: 'idle' as SegmentationStatus,
  backend: null,
  model: null,
  progress: null,
  labels: null,
  source: null,
  labelsVersion: 0,
  maskId: 0,
  measurements: null,
  tumourRegions: null,
  tumourRegionsVersion: 0,
  message: null,
  tool: 'none' as EditTool,
  undoStack: [] as LabelEdit[],
};

/** Never reused, so a confirmation given for one mask never passes to another. */
let lastMaskId = 0;

/** A mask identity no mask has had before (see SegmentationState.maskId). */
export function newMaskId(): number {
  return ++lastMaskId;
}

export const useSegmentationStore = create<SegmentationState>((set) => ({
  ...INITIAL,
  display: DEFAULT_OVERLAY_DISPLAY,
  brushLabel: 2,
  brushRadiusMm: 5,
  set: (partial) => set(partial),
  reset: () =>
    set((s) => ({
      ...INITIAL,
      backend: s.backend,
      model: s.model,
      labelsVersion: s.labelsVersion + 1,
      maskId: newMaskId(),
    })),
}));
