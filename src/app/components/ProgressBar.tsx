/** Progress of reading or decoding a study. */
import { useStudyStore } from '../store/studyStore';

export function ProgressBar() {
  const progress = useStudyStore((s) => s.progress);
  const status = useStudyStore((s) => s.status);
  if (!progress && status !== 'reading' && status !== 'building') return null;
  const label =
    progress?.label ?? (status === 'reading' ? 'Reading files' : 'Decoding slices');
  return (
    <div className="progress" data-testid="progress">
      <span>{label}</span>
      {progress && progress.total > 0 && (
        <progress value={progress.done} max={progress.total}>
          {progress.done} / {progress.total}
        </progress>
      )}
    </div>
  );
}
