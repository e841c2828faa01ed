/**
 * One patient's surgical-planning recommendation: features from the mask, the
 * network's outputs, the decisions at the manifest's thresholds, an operative
 * time interval from the cross-validated residuals, and the cross-validated
 * performance (with the baseline it is compared with) to show beside each.
 */
import type { LabelVolume } from '../volume/Volume';
import {
  checkClinicalInputs,
  type ClinicalInputs,
  type FieldMessage,
} from './clinicalInputs';
import type { GeometryFeatures } from './geometryFeatures';
import { extractPlanningFeatures, type PlanningFeatures } from './planningFeatures';
import type { PlanningModel } from './PlanningModel';
import type { HeadPerformance } from './PlanningManifest';

export interface PlanResult {
  procedure: {
    recommendation: 'partial_nephrectomy' | 'radical_nephrectomy';
    probabilityRadical: number;
    threshold: number;
    performance: HeadPerformance;
  };
  approach: {
    recommendation: 'transperitoneal' | 'retroperitoneal';
    probabilityRetroperitoneal: number;
    threshold: number;
    performance: HeadPerformance;
  };
  operativeTime: {
    predictedMin: number;
    /** Interval from the cross-validated residual quantiles. */
    intervalMin: [number, number];
    /** Share of cross-validated patients whose time fell in such an interval. */
    intervalCoverage: number;
    performance: HeadPerformance;
  };
  /** The inputs as used. */
  clinical: ClinicalInputs;
  geometry: GeometryFeatures;
  suggestedSizeCm: number;
  suggestedSizeSource: string;
  /** Inputs outside the training data's range. */
  warnings: FieldMessage[];
  disclaimer: string;
}

/**
 * Plans from features already extracted (the app keeps them while the form changes).
 *
 * @throws Error listing the invalid clinical inputs
 */
export function planFromFeatures(
  model: PlanningModel,
  features: PlanningFeatures,
  clinical: ClinicalInputs,
): PlanResult {
  const m = model.manifest;
  const check = checkClinicalInputs(clinical, m);
  if (check.errors.length) throw new Error(check.errors.map((e) => e.message).join(' '));

  const raw = model.predict(features.crop, features.geometry, clinical);
  const { low, high, coverage } = m.output.time.residualQuantilesMin;
  const pThr = m.output.procedure.threshold;
  const aThr = m.output.approach.threshold;
  return {
    procedure: {
      recommendation:
        raw.probabilityRadical >= pThr ? 'radical_nephrectomy' : 'partial_nephrectomy',
      probabilityRadical: raw.probabilityRadical,
      threshold: pThr,
      performance: m.performance.procedure,
    },
    approach: {
      recommendation:
        raw.probabilityRetroperitoneal >= aThr ? 'retroperitoneal' : 'transperitoneal',
      probabilityRetroperitoneal: raw.probabilityRetroperitoneal,
      threshold: aThr,
      performance: m.performance.approach,
    },
    operativeTime: {
      predictedMin: raw.timeMin,
      // residual = predicted − actual, so actual = predicted − residual.
      intervalMin: [Math.max(0, raw.timeMin - high), raw.timeMin - low],
      intervalCoverage: coverage,
      performance: m.performance.time,
    },
    clinical,
    geometry: features.geometry,
    suggestedSizeCm: features.suggestedSizeCm,
    suggestedSizeSource: features.suggestedSizeSource,
    warnings: check.warnings,
    disclaimer: m.disclaimer,
  };
}

/**
 * Plans from a label volume and the clinical form.
 *
 * @param model - a loaded planning model
 * @param labels - 0 background, 1 kidney, 2 tumour, 3 cyst; any orientation
 * @param clinical - age (years), BMI (kg/m²), radiological size (cm)
 * @throws Error when the mask has no usable tumour or an input is invalid
 */
export function planCase(
  model: PlanningModel,
  labels: LabelVolume,
  clinical: ClinicalInputs,
): PlanResult {
  const features = extractPlanningFeatures(labels, model.manifest.input.image);
  return planFromFeatures(model, features, clinical);
}
