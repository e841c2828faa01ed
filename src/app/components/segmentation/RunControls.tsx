/**
 * Run, progress (slices done, slices per second, time left) and cancel of
 * the segmentation, with the backend that runs it and why.
 */
import { useSegmentationStore } from '../../store/segmentationStore';
import { useStudyStore } from '../../store/studyStore';
import { cancelSegmentation, runSegmentation } from './segmentationActions';

function formatSeconds(sec: number): string {
  if (!Number.isFinite(sec)) return '—';
  const s = Math.round(sec);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

export function RunControls() {
  const hasVolume = useStudyStore((s) => s.volume !== null);
  const status = useSegmentationStore((s) => s.status);
  const progress = useSegmentationStore((s) => s.progress);
  const backend = useSegmentationStore((s) => s.backend);
  const message = useSegmentationStore((s) => s.message);
  const busy = status === 'loading-model' || status === 'running';

  return (
    <div className="seg-run" data-testid="seg-run" data-status={status}>
      <div className="seg-buttons">
        <button
          type="button"
          className="button"
          data-testid="seg-run-button"
          disabled={!hasVolume || busy}
          onClick={() => void runSegmentation()}
        >
          {status === 'done' ? 'Segment again' : 'Segment kidneys and tumour'}
        </button>
        {busy && (
          <button
            type="button"
            className="button"
            data-testid="seg-cancel-button"
            onClick={cancelSegmentation}
          >
            Cancel
          </button>
        )}
      </div>
      {status === 'loading-model' && <p className="muted">Loading the model…</p>}
      {status === 'running' && (
        <div className="seg-progress" data-testid="seg-progress">
          <progress value={progress?.done ?? 0} max={progress?.total ?? 1} />
          <span>
            {progress
              ? `${progress.done} / ${progress.total} slices · ` +
                `${progress.slicesPerSec.toFixed(1)} slices/s · ` +
                `${formatSeconds(progress.etaSec)} left`
              : 'Starting…'}
          </span>
        </div>
      )}
      {message && (
        <p className="seg-message" role="status" data-testid="seg-message">
          {message}
        </p>
      )}
      {backend && (
        <p
          className="muted seg-backend"
          data-testid="seg-backend"
          data-backend={backend.name}
        >
          Runs on <strong>{backend.name.toUpperCase()}</strong>: {backend.reason}
        </p>
      )}
    </div>
  );
}
