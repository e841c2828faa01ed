/**
 * Surgical planning: the mask the plan is made on, the user's confirmation of
 * its tumour, the clinical form and the recommended plan with the model
 * card's figures beside each prediction. Nothing is planned on a mask whose
 * tumour the user has not confirmed (TumourReview): its size is not put in
 * the form and no plan is shown. Once confirmed, the plan is recomputed at
 * once when the form or the mask changes (the segmentation's labelsVersion,
 * or an opened mask file).
 *
 * Works with: store/planningStore (form, opened mask, confirmations),
 * store/segmentationStore (the segmentation's labels), core/planning
 * (features, checks, model).
 */
import { useEffect, useMemo } from 'react';
import { planFromFeatures, type PlanResult } from '../../../core/planning/planCase';
import { patientKeyOf, usePlanningStore } from '../../store/planningStore';
import { useStudyStore } from '../../store/studyStore';
import { ClinicalForm } from '../planning/ClinicalForm';
import { checkPlanningForm, shownErrors } from '../planning/clinicalForm';
import { MaskControls } from '../planning/MaskControls';
import { ModelCardButtons } from '../planning/ModelCardDialog';
import { PlanResults } from '../planning/PlanResults';
import { TumourReview } from '../planning/TumourReview';
import { useActiveMask } from '../planning/useActiveMask';
import { usePlanningFeatures } from '../planning/usePlanningFeatures';
import { usePlanningModel } from '../planning/usePlanningModel';
import '../planning/planning.css';

type Planned = { result: PlanResult } | { error: string } | null;

export function PlanningPanel() {
  const modelState = usePlanningModel();
  const loaded = modelState.status === 'ready' ? modelState.loaded : null;
  const manifest = loaded?.model.manifest ?? null;

  const mask = useActiveMask();
  const featuresState = usePlanningFeatures(mask, manifest?.input.image ?? null);
  const features =
    featuresState.status === 'ready' && featuresState.key === mask?.key
      ? featuresState.features
      : null;
  const featuresFailed =
    featuresState.status === 'failed' && featuresState.key === mask?.key;

  const reviewed = usePlanningStore(
    (s) => mask !== null && s.reviewedMasks.includes(mask.reviewKey),
  );
  const withdrawMaskSize = usePlanningStore((s) => s.withdrawMaskSize);
  // A mask not yet confirmed: no size from it, nor from the mask before it.
  useEffect(() => {
    if (mask && !reviewed) withdrawMaskSize();
  }, [mask?.reviewKey, reviewed, withdrawMaskSize]);
  const planFeatures = reviewed ? features : null;

  const form = usePlanningStore((s) => s.form);
  const formNotice = usePlanningStore((s) => s.formNotice);
  const touched = usePlanningStore((s) => s.touched);
  const bindToPatient = usePlanningStore((s) => s.bindToPatient);
  const patientKey = useStudyStore((s) =>
    s.summary ? patientKeyOf(s.patientStudy, s.summary.id) : null,
  );
  useEffect(() => {
    if (patientKey) bindToPatient(patientKey);
  }, [patientKey, bindToPatient]);

  const check = useMemo(
    () => checkPlanningForm(form, manifest ?? undefined),
    [form, manifest],
  );

  const planned: Planned = useMemo(() => {
    if (!loaded || !planFeatures || !check.clinical) return null;
    try {
      return { result: planFromFeatures(loaded.model, planFeatures, check.clinical) };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }, [loaded, planFeatures, check.clinical]);

  return (
    <section
      className="panel planning-panel"
      aria-label="Planning"
      data-testid="planning-panel"
    >
      <h2>Planning</h2>
      <MaskControls mask={mask} />
      {mask && (
        <TumourReview
          mask={mask}
          reviewed={reviewed}
          features={features}
          featuresFailed={featuresFailed}
        />
      )}
      {formNotice && (
        <p className="field-warning" role="status" data-testid="plan-form-notice">
          {formNotice}
        </p>
      )}
      <ClinicalForm check={check} features={planFeatures} />

      <div className="plan-status" data-testid="plan-status">
        {modelState.status === 'loading' && (
          <p className="muted">Loading the planning model…</p>
        )}
        {modelState.status === 'failed' && (
          <p className="field-error" role="alert">
            The planning model could not be loaded: {modelState.message}
          </p>
        )}
        {featuresState.status === 'measuring' && (
          <p className="muted">Measuring the mask…</p>
        )}
        {featuresState.status === 'failed' && featuresState.key === mask?.key && (
          <p className="field-error" role="alert" data-testid="plan-mask-error">
            No plan for this mask: {featuresState.message}
          </p>
        )}
        {mask && !reviewed && !featuresFailed && (
          <p className="muted" data-testid="plan-needs-review">
            No plan until you confirm the tumour mask above.
          </p>
        )}
        {loaded && planFeatures && !check.clinical && (
          <p className="muted" data-testid="plan-waiting">
            {Object.keys(shownErrors(check, form, touched)).length > 0
              ? 'Correct the fields above to see the plan.'
              : 'Fill in the fields above to see the plan.'}
          </p>
        )}
        {planned && 'error' in planned && (
          <p className="field-error" role="alert">
            {planned.error}
          </p>
        )}
      </div>

      {planned && 'result' in planned && manifest && mask && planFeatures && (
        <PlanResults
          result={planned.result}
          manifest={manifest}
          maskName={mask.name}
          tumour={planFeatures.tumour}
          maskShown={mask.shown}
        />
      )}
      {!(planned && 'result' in planned) && manifest && (
        <p className="plan-disclaimer" role="note">
          {manifest.disclaimer}
        </p>
      )}

      {loaded && (
        <p className="plan-source">
          Planning model {loaded.model.manifest.version} on tfjs {loaded.backend.name}
          {loaded.backend.name === 'wasm'
            ? ', as in the CLI'
            : ` (${loaded.backend.reason})`}
          .
        </p>
      )}
      <ModelCardButtons />
    </section>
  );
}
