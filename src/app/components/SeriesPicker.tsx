/**
 * Lists the series found in the last load (description, modality, slices,
 * spacing, and what tells alike series apart: series number, folder, slice
 * values; see seriesLabel.ts) and opens the one the user picks. The default
 * choice — the likely axial CT — is opened automatically.
 */
import { useStudyStore } from '../store/studyStore';
import { openSeriesAt } from '../loading/studyActions';
import { formatSpacing } from './formatSpacing';
import { relativeFolders, seriesDetails } from './seriesLabel';

export function SeriesPicker() {
  const study = useStudyStore((s) => s.study);
  const selected = useStudyStore((s) => s.selectedIndex);
  const busy = useStudyStore((s) => s.status === 'building' || s.status === 'reading');
  if (!study || study.series.length === 0) return null;
  const open = (i: number) => !busy && i !== selected && void openSeriesAt(i);
  const folders = relativeFolders(study.series.map((s) => s.folder));

  return (
    <section className="panel series-picker" aria-label="Series">
      <h2>
        Series <span className="count">({study.series.length})</span>
      </h2>
      <table>
        <thead>
          <tr>
            <th>Description</th>
            <th>Mod.</th>
            <th>Slices</th>
            <th>Spacing</th>
          </tr>
        </thead>
        <tbody>
          {study.series.map((series, i) => {
            const { summary } = series;
            const details = seriesDetails(series, folders[i]);
            return (
              <tr
                key={summary.id}
                className={i === selected ? 'selected' : undefined}
                data-testid="series-row"
                aria-selected={i === selected}
                tabIndex={0}
                onClick={() => open(i)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && open(i)}
              >
                <td
                  title={`${summary.plane}, ${summary.columns}×${summary.rows}, ${summary.encoding}`}
                >
                  {summary.description || '(no description)'}
                  <span className="sub">
                    {summary.plane} · {summary.columns}×{summary.rows} ·{' '}
                    {summary.encoding}
                  </span>
                  {details.length > 0 && (
                    <span className="sub" data-testid="series-details">
                      {details.join(' · ')}
                    </span>
                  )}
                </td>
                <td>{summary.modality || '—'}</td>
                <td data-testid="series-slices">{summary.sliceCount}</td>
                <td>{formatSpacing(summary.spacingMm)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
