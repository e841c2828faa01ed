/**
 * Place of the segmentation controls: run button, progress, overlay controls
 * and measurements. Reads the volume from the study store.
 */
import { useStudyStore } from '../../store/studyStore';

export function SegmentationPanel() {
  const hasVolume = useStudyStore((s) => s.volume !== null);
  return (
    <section
      className="panel segmentation-panel"
      aria-label="Segmentation"
      data-testid="segmentation-panel"
    >
      <h2>Segmentation</h2>
      <p className="muted">
        {hasVolume ? 'Kidney and tumour segmentation.' : 'Open a study first.'}
      </p>
    </section>
  );
}
