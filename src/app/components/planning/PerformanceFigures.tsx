/**
 * One head's cross-validated figures beside its prediction: the plain verdict
 * on the trivial baseline first, then model and baseline figures side by side
 * with their 95 % intervals, and where they come from.
 */
import type { HeadPerformance } from '../../../core/planning/PlanningManifest';
import {
  formatFigure,
  headline,
  metricLabel,
  metricMeaning,
  verdict,
  type HeadName,
} from './performanceText';

export interface PerformanceFiguresProps {
  head: HeadName;
  performance: HeadPerformance;
  /** The manifest's description of the evaluation (cohort, method). */
  evaluation: string;
}

export function PerformanceFigures({
  head,
  performance,
  evaluation,
}: PerformanceFiguresProps) {
  const v = verdict(performance);
  const metrics = Object.keys(performance.model);
  return (
    <div className="plan-performance">
      {/* The headline metric is the card's first (accuracy, or the time's error). */}
      <p className="plan-headline" data-testid={`${head}-headline`}>
        {headline(head, performance)}
      </p>
      <p
        className={v.beats ? 'plan-verdict beats' : 'plan-verdict'}
        data-testid={`${head}-verdict`}
      >
        {v.text}
      </p>
      <details className="plan-figures-details">
        <summary>All cross-validated figures</summary>
        <table className="plan-figures" data-testid={`${head}-figures`}>
          <thead>
            <tr>
              <th scope="col">Cross-validated</th>
              <th scope="col">This model</th>
              <th scope="col">Baseline: {performance.baseline.name}</th>
            </tr>
          </thead>
          <tbody>
            {metrics.map((m) => (
              <tr key={m}>
                <th scope="row">
                  {metricLabel(m)}
                  {metricMeaning(m) && (
                    <span className="muted"> ({metricMeaning(m)})</span>
                  )}
                </th>
                <td>{formatFigure(m, performance.model[m])}</td>
                <td>
                  {performance.baseline.figures[m]
                    ? formatFigure(m, performance.baseline.figures[m])
                    : '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <p className="plan-source">Source: model card — {evaluation}.</p>
    </div>
  );
}
