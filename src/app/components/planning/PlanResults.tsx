/**
 * The recommended plan: the tumour region it reads (PlanBasis), procedure and
 * approach with their probabilities, the operative time with its interval,
 * each beside the model card's cross-validated figures and the baseline it
 * does or does not beat, the mask's measurements the model read, and the
 * research-tool statement.
 *
 * The approach's baseline is the base rate (always the commoner approach): a
 * model that the card does not find better than it says nothing about this
 * patient, so no approach is recommended, only its probability shown. The
 * procedure's baseline, a size cut-off, is itself a rule for the patient; its
 * recommendation stays, with the verdict beside it.
 */
import type { PlanResult } from '../../../core/planning/planCase';
import type { PlannedTumour } from '../../../core/planning/plannedTumour';
import type { PlanningManifest } from '../../../core/planning/PlanningManifest';
import { PlanBasis } from './PlanBasis';
import { formatNumber, noRecommendation } from './performanceText';
import { PerformanceFigures } from './PerformanceFigures';

const NAMES: Record<string, string> = {
  partial_nephrectomy: 'Partial nephrectomy',
  radical_nephrectomy: 'Radical nephrectomy',
  transperitoneal: 'Transperitoneal',
  retroperitoneal: 'Retroperitoneal',
};

/** Probability as a percentage with one decimal, "7.2 %". */
export const percent = (p: number) => `${formatNumber(100 * p, 1)} %`;

/** A share as a whole percentage, "80 %" (thresholds, coverage). */
const wholePercent = (p: number) => `${formatNumber(100 * p, 0)} %`;

/** Minutes, whole, "231 min". */
export const minutes = (m: number) => `${formatNumber(m, 0)} min`;

export interface PlanResultsProps {
  result: PlanResult;
  manifest: PlanningManifest;
  /** Which mask the plan was made on, for the source lines. */
  maskName: string;
  /** The tumour region the plan reads (from the mask's planning features). */
  tumour: PlannedTumour;
  /** The mask is the one drawn in the views. */
  maskShown: boolean;
}

export function PlanResults({
  result,
  manifest,
  maskName,
  tumour,
  maskShown,
}: PlanResultsProps) {
  const { procedure, approach, operativeTime: time, geometry: g } = result;
  const evaluation = manifest.performance.evaluation;
  const source = `Source: planning network ${manifest.version} on ${maskName} and the form.`;
  const noApproach = noRecommendation(approach.performance);

  return (
    <div className="plan-results" data-testid="plan-results" aria-live="polite">
      <p className="plan-disclaimer" role="note" data-testid="plan-disclaimer">
        {result.disclaimer}
      </p>
      <PlanBasis
        tumour={tumour}
        shown={maskShown}
        typedSizeCm={result.clinical.sizeCm}
        maskSizeCm={result.suggestedSizeCm}
      />

      <section className="plan-head" aria-label="Procedure" data-testid="plan-procedure">
        <h3>Procedure</h3>
        <p className="plan-recommendation" data-testid="procedure-recommendation">
          {NAMES[procedure.recommendation]}
        </p>
        <p>
          Probability of radical nephrectomy:{' '}
          <output data-testid="procedure-probability">
            {percent(procedure.probabilityRadical)}
          </output>{' '}
          <span className="muted">
            (radical is recommended from {wholePercent(procedure.threshold)})
          </span>
        </p>
        <p className="plan-source">{source}</p>
        <PerformanceFigures
          head="procedure"
          performance={procedure.performance}
          evaluation={evaluation}
        />
      </section>

      <section className="plan-head" aria-label="Approach" data-testid="plan-approach">
        <h3>Approach</h3>
        <p className="plan-recommendation" data-testid="approach-recommendation">
          {noApproach ?? NAMES[approach.recommendation]}
        </p>
        <p>
          Probability of a retroperitoneal approach:{' '}
          <output data-testid="approach-probability">
            {percent(approach.probabilityRetroperitoneal)}
          </output>
          {!noApproach && (
            <span className="muted">
              {' '}
              (retroperitoneal is recommended from {wholePercent(approach.threshold)})
            </span>
          )}
        </p>
        <p className="plan-source">{source}</p>
        <PerformanceFigures
          head="approach"
          performance={approach.performance}
          evaluation={evaluation}
        />
      </section>

      <section className="plan-head" aria-label="Operative time" data-testid="plan-time">
        <h3>Operative time</h3>
        <p className="plan-recommendation">
          Predicted:{' '}
          <output data-testid="time-predicted">{minutes(time.predictedMin)}</output>
        </p>
        <p>
          {wholePercent(time.intervalCoverage)} prediction interval:{' '}
          <output data-testid="time-interval">
            {formatNumber(time.intervalMin[0], 0)}–{minutes(time.intervalMin[1])}
          </output>
          <span className="muted">
            {' '}
            (in cross-validation, the actual time lay within such an interval around the
            prediction for {wholePercent(time.intervalCoverage)} of patients)
          </span>
        </p>
        <p className="plan-source">{source}</p>
        <PerformanceFigures
          head="time"
          performance={time.performance}
          evaluation={evaluation}
        />
      </section>

      <details className="plan-geometry" data-testid="plan-geometry">
        <summary>What the model read from the mask</summary>
        <dl>
          <dt>Tumour volume (largest tumour)</dt>
          <dd data-testid="geometry-tumour-volume">
            {formatNumber(Math.exp(g.logTumourVolumeMl), 1)} mL
          </dd>
          <dt>Largest 3D diameter (largest tumour)</dt>
          <dd>{formatNumber(g.maxDiameterMm / 10, 1)} cm</dd>
          <dt>Largest axial diameter (largest tumour)</dt>
          <dd>{formatNumber(g.largestAxialDiameterMm / 10, 1)} cm</dd>
          <dt>Exophytic share of the surface</dt>
          <dd>{percent(g.exophyticFraction)}</dd>
          <dt>Polar position</dt>
          <dd>
            {formatNumber(g.polarPosition, 2)} of the kidney's half-length from its centre
          </dd>
          <dt>Antero-posterior position</dt>
          <dd>
            {formatNumber(g.anteroposteriorPosition, 2)} of the half-depth (+ posterior)
          </dd>
          <dt>Kidney centre to tumour</dt>
          <dd>{formatNumber(g.centreDistanceMm, 1)} mm</dd>
          <dt>Tumour share of the kidney</dt>
          <dd>{percent(g.tumourFraction)}</dd>
        </dl>
        <p className="plan-source">
          Source: computed from {maskName} (largest tumour and its kidney). Diameters here
          run between voxel centres of the largest tumour, as the model was trained; the
          measurements beside the segmentation run to voxel edges over all tumour regions,
          so they can be a few millimetres larger.
        </p>
      </details>
    </div>
  );
}
