/**
 * Which mask the plan uses, and the ways to change or keep it: "Open mask…"
 * for a mask made or corrected in another tool (NIfTI, labels 0 background,
 * 1 kidney, 2 tumour, 3 cyst), "Use the segmentation" to go back, and
 * "Export mask (.nii.gz)" to take the mask to another tool or the CLI.
 *
 * A mask on the grid of the study on screen replaces the labels in the views
 * (segmentationActions.showOpenedMask: measured, corrected and undone like
 * the segmentation; a cyst shown as kidney). Any other mask cannot be drawn
 * over the study: the plan uses it (planningStore.maskFile), and the panel
 * says that it is not shown.
 */
import { useState } from 'react';
import { readNifti } from '../../../core/nifti/readNifti';
import { writeNifti } from '../../../core/nifti/writeNifti';
import { toLabelVolume } from '../../../core/planning/toLabelVolume';
import { usePlanningStore } from '../../store/planningStore';
import { useSegmentationStore } from '../../store/segmentationStore';
import { useStudyStore } from '../../store/studyStore';
import { showOpenedMask } from '../segmentation/segmentationActions';
import { sameGrid } from './sameGrid';
import type { ActiveMask } from './useActiveMask';

async function readMaskFile(file: File) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return toLabelVolume(readNifti(bytes));
}

/** A file name for the exported mask. */
export function exportName(mask: ActiveMask): string {
  if (mask.source === 'file') {
    return mask.name.replace(/(\.nii)?(\.gz)?$/i, '') + '-planning-mask.nii.gz';
  }
  return 'nephroplan-mask.nii.gz';
}

export function MaskControls({ mask }: { mask: ActiveMask | null }) {
  const [reading, setReading] = useState(false);
  const setMaskFile = usePlanningStore((s) => s.setMaskFile);
  const message = usePlanningStore((s) => s.maskFileMessage);
  const hasSegmentation = useSegmentationStore((s) => s.labels !== null);
  const source = useSegmentationStore((s) => s.source);
  const volume = useStudyStore((s) => s.volume);
  const planOnlyFile = mask?.source === 'file' && !mask.shown;
  const shownFile = mask?.source === 'file' && mask.shown && source?.kind === 'file';
  const foreignMask = planOnlyFile && volume !== null && !sameGrid(mask.labels, volume);

  const onChange = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setReading(true);
    try {
      const labels = await readMaskFile(file);
      const shownVolume = useStudyStore.getState().volume;
      if (shownVolume && sameGrid(labels, shownVolume)) {
        // The plan follows the shown labels, now this mask's.
        showOpenedMask(file.name, labels.labels, shownVolume);
        setMaskFile(null);
        return;
      }
      setMaskFile({
        name: file.name,
        labels,
        segmentationVersion: useSegmentationStore.getState().labelsVersion,
      });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      setMaskFile(null, `${file.name} could not be used as a mask: ${why}`);
    } finally {
      setReading(false);
    }
  };

  const exportMask = () => {
    if (!mask) return;
    const bytes = writeNifti(mask.labels, 'NephroPlan planning mask');
    const url = URL.createObjectURL(
      new Blob([bytes as BlobPart], { type: 'application/gzip' }),
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = exportName(mask);
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <div className="plan-mask" data-testid="plan-mask">
      <p data-testid="plan-mask-source">
        {mask ? (
          <>
            Mask: <strong>{mask.name}</strong>
            {planOnlyFile && ' (opened file; used for the plan, not shown in the views)'}
            {shownFile && ' (opened file, shown in the views)'}
          </>
        ) : (
          <span className="muted">
            No mask yet: segment the study, or open a mask made elsewhere.
          </span>
        )}
      </p>
      <div className="plan-mask-buttons">
        <label className="button">
          {reading ? 'Reading…' : 'Open mask…'}
          <input
            type="file"
            hidden
            accept=".nii,.gz,.nii.gz"
            data-testid="mask-input"
            onChange={(e) => void onChange(e)}
          />
        </label>
        {planOnlyFile && hasSegmentation && (
          <button type="button" className="button" onClick={() => setMaskFile(null)}>
            Use the segmentation
          </button>
        )}
        <button type="button" className="button" disabled={!mask} onClick={exportMask}>
          Export mask (.nii.gz)
        </button>
      </div>
      {shownFile && (
        <p className="muted" role="note" data-testid="mask-shown">
          It replaced the labels in the views and is measured in the Segmentation panel,
          where the brush and eraser correct it; Undo (Ctrl+Z) brings back what was shown
          before. Label 3 (cyst) is shown and measured as kidney, as the plan counts it (
          {source.cystVoxels > 0 ? `${source.cystVoxels} voxels` : 'none'} in this mask).
        </p>
      )}
      {foreignMask && (
        <p className="field-warning" role="alert" data-testid="mask-foreign">
          This mask is not on the grid of the study on screen (other size, spacing,
          position or orientation): it was made on another study, perhaps of another
          patient. The plan below is for that mask, not for the study shown, and the mask
          is not drawn in the views.
        </p>
      )}
      {message && (
        <p className="field-error" role="alert" data-testid="mask-message">
          {message}
        </p>
      )}
    </div>
  );
}
