/**
 * The mask the plan is made on: a mask file the user opened that could not be
 * drawn over the study (off its grid, or no study on screen), until the
 * segmentation changes again; otherwise the labels shown in the views (the
 * app's segmentation or an opened mask on the study's grid, edits included).
 * `key` changes whenever the mask does, so features are recomputed exactly
 * then; `reviewKey` changes only when another mask takes its place (a run,
 * an opened mask, a new study), so the user's confirmation of its tumour
 * (planningStore.reviewedMasks) survives the user's own corrections.
 */
import type { LabelVolume } from '../../../core/volume/Volume';
import { usePlanningStore, type MaskFile } from '../../store/planningStore';
import {
  useSegmentationStore,
  type SegmentationState,
} from '../../store/segmentationStore';

export interface ActiveMask {
  labels: LabelVolume;
  source: 'segmentation' | 'file';
  /** True when these are the labels drawn in the views. */
  shown: boolean;
  /** The file's name, or a description of the segmentation. */
  name: string;
  /** Changes with every change of the labels. */
  key: string;
  /** Changes when another mask takes the place of this one; edits keep it. */
  reviewKey: string;
}

/** What the active mask is chosen from. */
export type MaskSources = Pick<
  SegmentationState,
  'labels' | 'labelsVersion' | 'source' | 'maskId'
> & {
  /** planningStore.maskFile. */
  file: MaskFile | null;
};

/** The mask the plan is made on (see above); null without one. */
export function activeMaskOf(m: MaskSources): ActiveMask | null {
  const { file } = m;
  if (file && file.segmentationVersion === m.labelsVersion) {
    return {
      labels: file.labels,
      source: 'file',
      shown: false,
      name: file.name,
      key: `file-${file.serial}`,
      reviewKey: `file-${file.serial}`,
    };
  }
  if (m.labels) {
    const fromFile = m.source?.kind === 'file';
    return {
      labels: m.labels,
      source: fromFile ? 'file' : 'segmentation',
      shown: true,
      name: m.source?.kind === 'file' ? m.source.name : 'the segmentation of this study',
      key: `seg-${m.labelsVersion}`,
      reviewKey: `mask-${m.maskId}`,
    };
  }
  return null;
}

export function useActiveMask(): ActiveMask | null {
  const labels = useSegmentationStore((s) => s.labels);
  const labelsVersion = useSegmentationStore((s) => s.labelsVersion);
  const source = useSegmentationStore((s) => s.source);
  const maskId = useSegmentationStore((s) => s.maskId);
  const file = usePlanningStore((s) => s.maskFile);
  return activeMaskOf({ labels, labelsVersion, source, maskId, file });
}
