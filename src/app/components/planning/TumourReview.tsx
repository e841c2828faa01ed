/**
 * The step between a mask and its plan: the user checks the mask's tumour and
 * confirms it ("Tumour mask reviewed — use it for planning"). Until then the
 * planning panel neither fills the radiological size from the mask nor shows
 * a plan. It says what was found (tumour volume, regions, largest slice with
 * a button that shows it, and the caution when there are several tumour
 * regions) and, without tumour, that there is nothing to plan on and how to
 * paint one.
 *
 * Works with: planningStore (reviewedMasks, confirmTumour), useActiveMask
 * (the mask and its review key), segmentationStore (measurements of the shown
 * labels), segmentationActions.showLargestTumourSlice.
 */
import { useEffect, useRef } from 'react';
import { tumourRegionCaution } from '../../../core/measurements/tumourRegionCaution';
import type { PlanningFeatures } from '../../../core/planning/planningFeatures';
import { usePlanningStore } from '../../store/planningStore';
import { useSegmentationStore } from '../../store/segmentationStore';
import { showLargestTumourSlice } from '../segmentation/segmentationActions';
import { formatNumber } from './performanceText';
import type { ActiveMask } from './useActiveMask';

export interface TumourReviewProps {
  mask: ActiveMask;
  /** True once the user confirmed this mask's tumour. */
  reviewed: boolean;
  /** The mask's planning features once measured (used for masks not shown). */
  features: PlanningFeatures | null;
  /** True when the mask's planning features could not be computed. */
  featuresFailed: boolean;
}

const regions = (n: number) => (n === 1 ? '1 region' : `${n} separate regions`);

/** What the shown labels hold: tumour found, none, or not measured yet. */
function ShownFindings() {
  const m = useSegmentationStore((s) => s.measurements);
  const dims = useSegmentationStore((s) => s.labels?.dims ?? null);
  if (!m) return <p className="muted">Measuring the mask…</p>;
  const slice = m.largestTumourSlice;
  if (!slice) return null;
  // Counted along the slice's own axis, as the axial view's counter is.
  const slices = dims?.[slice.axis] ?? 0;
  const caution = tumourRegionCaution(m);
  return (
    <div className="plan-review-found" data-testid="plan-review-found">
      <p>
        Found: {formatNumber(m.tumourVolumeMl, 1)} mL of tumour in{' '}
        {regions(m.tumourComponentCount)}; the largest tumour area is on axial slice{' '}
        {slice.viewerSliceNumber} of {slices} ({formatNumber(slice.diameterCm, 1)} cm
        across).
      </p>
      {caution && (
        <p className="field-warning" data-testid="plan-review-regions">
          {caution}
        </p>
      )}
      <button
        type="button"
        className="button small"
        data-testid="plan-review-jump"
        onClick={showLargestTumourSlice}
      >
        Show axial slice {slice.viewerSliceNumber}
      </button>
    </div>
  );
}

/** What a mask that is not shown holds, from its planning features. */
function FileFindings({ features }: { features: PlanningFeatures | null }) {
  if (!features) return null;
  const g = features.geometry;
  return (
    <p className="plan-review-found" data-testid="plan-review-found">
      Found: largest tumour {formatNumber(Math.exp(g.logTumourVolumeMl), 1)} mL,{' '}
      {formatNumber(g.largestAxialDiameterMm / 10, 1)} cm across on its largest axial
      slice.
    </p>
  );
}

/** Why the tumour must be checked, for where this mask came from. */
function why(mask: ActiveMask): string {
  if (!mask.shown) {
    return (
      `This tumour comes from the mask file ${mask.name}, which is not drawn over ` +
      'the study on screen, so it cannot be checked here. Confirm only if you have ' +
      'checked its tumour slice by slice in the program it was made with.'
    );
  }
  const origin =
    mask.source === 'segmentation'
      ? 'The segmentation network drew this tumour. NephroPlan is a research tool: ' +
        'its network misses real tumours and marks tumour where there is none.'
      : `This tumour comes from the mask file ${mask.name}; check it as you would ` +
        "the network's.";
  return (
    `${origin} Go through every slice with tumour (yellow in the views), correct ` +
    'it with the brush and eraser in the Segmentation panel, then confirm.'
  );
}

/** The section's heading: what the user has to do, or has done. */
function heading(mask: ActiveMask, reviewed: boolean, hasTumour: boolean | null): string {
  if (hasTumour === false) {
    return mask.shown ? 'No tumour in this mask' : 'This mask cannot be planned on';
  }
  return reviewed ? 'Tumour mask reviewed' : 'Check the tumour before planning';
}

export function TumourReview({
  mask,
  reviewed,
  features,
  featuresFailed,
}: TumourReviewProps) {
  const confirmTumour = usePlanningStore((s) => s.confirmTumour);
  const shownTumour = useSegmentationStore((s) =>
    s.measurements ? s.measurements.largestTumourSlice !== null : null,
  );
  // Tumour in the mask: true, false, or null while not yet known.
  const hasTumour = mask.shown ? shownTumour : featuresFailed ? false : features && true;

  // After the click the button goes: keep the keyboard focus on what replaced it.
  const statusRef = useRef<HTMLParagraphElement>(null);
  const focusStatus = useRef(false);
  useEffect(() => {
    if (reviewed && focusStatus.current) statusRef.current?.focus();
    focusStatus.current = false;
  }, [reviewed]);

  const confirm = () => {
    focusStatus.current = true;
    confirmTumour(mask.reviewKey, features?.suggestedSizeCm ?? null);
  };

  return (
    <section
      className={`plan-review${reviewed ? ' reviewed' : ''}`}
      aria-labelledby="plan-review-heading"
      data-testid="plan-review"
      data-reviewed={reviewed}
    >
      <h3 id="plan-review-heading">{heading(mask, reviewed, hasTumour)}</h3>
      {!reviewed && hasTumour !== false && (
        <p data-testid="plan-review-why">{why(mask)}</p>
      )}
      {mask.shown ? <ShownFindings /> : <FileFindings features={features} />}

      {hasTumour === false && mask.shown && (
        <p data-testid="plan-review-no-tumour">
          There is nothing to plan on. If the study shows a tumour, paint it with the
          tumour brush ("Paint a tumour" in the Segmentation panel), check it, then
          confirm it here. A radiological size typed below is not enough: the planning
          model also reads the tumour's volume, shape and position in the kidney from the
          mask.
        </p>
      )}
      {hasTumour === false && !mask.shown && (
        <p data-testid="plan-review-no-tumour">
          The reason is given below. Open a mask with a tumour that touches a kidney.
        </p>
      )}

      {hasTumour && !reviewed && (
        <>
          <p className="muted">
            Until you confirm, the radiological size is not filled in from the mask and no
            plan is shown. You can fill in the clinical values meanwhile; a size you type
            is yours and is kept.
          </p>
          <button
            type="button"
            className="button"
            data-testid="plan-review-confirm"
            onClick={confirm}
          >
            Tumour mask reviewed — use it for planning
          </button>
        </>
      )}
      {reviewed && hasTumour !== false && (
        <p ref={statusRef} tabIndex={-1} role="status" data-testid="plan-review-status">
          You confirmed this tumour; the plan uses it. Your corrections (brush, eraser,
          removing a tumour region, undo) keep this confirmation and re-plan at once. A
          new segmentation, another mask file or another study must be confirmed again.
        </p>
      )}
    </section>
  );
}
