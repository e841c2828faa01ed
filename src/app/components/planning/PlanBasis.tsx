/**
 * Above the plan's figures: the tumour region the plan reads, with a button
 * that shows its largest slice when the mask is drawn in the views, the
 * regions it ignores, and a warning when the typed size and the mask's size
 * disagree. Wording in planBasis.ts.
 *
 * Works with: PlanResults (which shows it), viewer/currentViewer (the jump).
 */
import type { PlannedTumour } from '../../../core/planning/plannedTumour';
import { getCurrentViewer } from '../../../viewer/currentViewer';
import { ignoredRegionsText, plannedRegionText, sizeMismatchWarning } from './planBasis';

export interface PlanBasisProps {
  tumour: PlannedTumour;
  /** The mask is the one drawn in the views. */
  shown: boolean;
  /** Radiological size the plan used, cm. */
  typedSizeCm: number;
  /** Largest axial diameter of the planned region, cm. */
  maskSizeCm: number;
}

export function PlanBasis({ tumour, shown, typedSizeCm, maskSizeCm }: PlanBasisProps) {
  const ignored = ignoredRegionsText(tumour, shown);
  const mismatch = sizeMismatchWarning(typedSizeCm, maskSizeCm);
  return (
    <section className="plan-basis" aria-label="Planned on" data-testid="plan-basis">
      <p data-testid="plan-basis-region">
        {plannedRegionText(tumour, shown)}{' '}
        {shown && (
          <button
            type="button"
            className="button small"
            data-testid="plan-basis-jump"
            onClick={() => getCurrentViewer()?.showVoxel(tumour.largestSlice.focus)}
          >
            Show axial slice {tumour.largestSlice.index + 1}
          </button>
        )}
      </p>
      {ignored && (
        <p className="field-warning" data-testid="plan-basis-ignored">
          {ignored}
        </p>
      )}
      {mismatch && (
        <p className="field-warning" role="alert" data-testid="plan-size-mismatch">
          {mismatch}
        </p>
      )}
    </section>
  );
}
