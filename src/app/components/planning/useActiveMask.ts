/**
 * The mask the plan is made on: a mask file the user opened that could not be
 * drawn over the study (off its grid, or no study on screen), until the
 * segmentation changes again; otherwise the labels shown in the views (the
 * app's segmentation or an opened mask on the study's grid, edits included).
 * `key` changes whenever the mask does, so features are recomputed exactly
 * then.
 */
import type { LabelVolume } from '../../../core/volume/Volume';
import { usePlanningStore } from '../../store/planningStore';
import { useSegmentationStore } from '../../store/segmentationStore';

export interface ActiveMask {
  labels: LabelVolume;
  source: 'segmentation' | 'file';
  /** True when these are the labels drawn in the views. */
  shown: boolean;
  /** The file's name, or a description of the segmentation. */
  name: string;
  key: string;
}

export function useActiveMask(): ActiveMask | null {
  const segLabels = useSegmentationStore((s) => s.labels);
  const segVersion = useSegmentationStore((s) => s.labelsVersion);
  const segSource = useSegmentationStore((s) => s.source);
  const file = usePlanningStore((s) => s.maskFile);

  if (file && file.segmentationVersion === segVersion) {
    return {
      labels: file.labels,
      source: 'file',
      shown: false,
      name: file.name,
      key: `file-${file.serial}`,
    };
  }
  if (segLabels) {
    const fromFile = segSource?.kind === 'file';
    return {
      labels: segLabels,
      source: fromFile ? 'file' : 'segmentation',
      shown: true,
      name: fromFile ? segSource.name : 'the segmentation of this study',
      key: `seg-${segVersion}`,
    };
  }
  return null;
}
