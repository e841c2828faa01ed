/**
 * The segmentation controls: run with progress and cancel (and the backend
 * that runs), overlay display, correction tools, measurements with the
 * largest tumour slice, the tumour regions to check and remove, and the
 * model with its card. The labels themselves live in the segmentation store
 * (the network's, or a mask file opened in the planning panel, which is named
 * here); useLabelmapSync keeps the viewer's overlay in step with it.
 */
import { useEffect } from 'react';
import { useSegmentationStore } from '../../store/segmentationStore';
import { useStudyStore } from '../../store/studyStore';
import { EditControls } from '../segmentation/EditControls';
import { MeasurementTable } from '../segmentation/MeasurementTable';
import { ModelInfo } from '../segmentation/ModelInfo';
import { OverlayControls } from '../segmentation/OverlayControls';
import { RunControls } from '../segmentation/RunControls';
import { TumourRegionList } from '../segmentation/TumourRegionList';
import { getSegmentationClient } from '../segmentation/segmentationActions';
import { useLabelmapSync } from '../segmentation/useLabelmapSync';
import '../segmentation/segmentation.css';

export function SegmentationPanel() {
  const hasVolume = useStudyStore((s) => s.volume !== null);
  const hasLabels = useSegmentationStore((s) => s.labels !== null);
  const source = useSegmentationStore((s) => s.source);
  useLabelmapSync();

  // Start the worker and load the model with the first study, so the
  // backend (and why) shows before the first run and the run starts at once.
  useEffect(() => {
    if (!hasVolume) return;
    getSegmentationClient().catch((err: Error) =>
      useSegmentationStore
        .getState()
        .set({ message: `The segmentation model could not be loaded: ${err.message}` }),
    );
  }, [hasVolume]);

  return (
    <section
      className="panel segmentation-panel"
      aria-label="Segmentation"
      data-testid="segmentation-panel"
    >
      <h2>Segmentation</h2>
      {hasVolume ? <RunControls /> : <p className="muted">Open a study first.</p>}
      {hasLabels && source?.kind === 'file' && (
        <p className="muted" data-testid="seg-source">
          Showing the opened mask <strong>{source.name}</strong> (label 3, cyst, as
          kidney); Undo brings back what was shown before.
        </p>
      )}
      {hasLabels && (
        <>
          <MeasurementTable />
          <TumourRegionList />
          <OverlayControls />
          <EditControls />
        </>
      )}
      <ModelInfo />
    </section>
  );
}
