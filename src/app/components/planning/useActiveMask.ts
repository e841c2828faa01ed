/**
 * The mask the plan is made on: a mask file the user opened, until the
 * segmentation changes again; otherwise the app's segmentation (edits
 * included). `key` changes whenever the mask does, so features are
 * recomputed exactly then.
 */
import type { LabelVolume } from '../../../core/volume/Volume';
import { usePlanningStore } from '../../store/planningStore';
import { useSegmentationStore } from '../../store/segmentationStore';

export interface ActiveMask {
  labels: LabelVolume;
  source: 'segmentation' | 'file';
  /** The file's name, or a description of the segmentation. */
  name: string;
  key: string;
}

export function useActiveMask(): ActiveMask | null {
  const segLabels = useSegmentationStore((s) => s.labels);
  const segVersion = useSegmentationStore((s) => s.labelsVersion);
  const file = usePlanningStore((s) => s.maskFile);

  if (file && file.segmentationVersion === segVersion) {
    return {
      labels: file.labels,
      source: 'file',
      name: file.name,
      key: `file-${file.serial}`,
    };
  }
  if (segLabels) {
    return {
      labels: segLabels,
      source: 'segmentation',
      name: 'the segmentation of this study',
      key: `seg-${segVersion}`,
    };
  }
  return null;
}
