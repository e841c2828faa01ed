/**
 * Surgical planning: from a kidney/tumour label volume and three clinical
 * values, the recommended procedure (partial or radical nephrectomy), approach
 * (transperitoneal or retroperitoneal) and the predicted operative time, each
 * with the model card's cross-validated performance. A research tool, not a
 * medical device.
 *
 * Works with: core/volume (LabelVolume), core/inference (tfjs backend, which
 * the host activates first), models/planning (manifest.json, model.json,
 * MODEL_CARD.md, written by training/plan). Python twin of the features:
 * training/plan/geometry.py.
 *
 * API for the app (form and results panel):
 *
 * ```ts
 * const model = await loadPlanningModel('/models/planning/manifest.json');
 * // Once per mask (slow part, ~1 s): features, crop and the size suggestion.
 * const features = extractPlanningFeatures(labels, model.manifest.input.image);
 * // Pre-fill the form: features.suggestedSizeCm, features.suggestedSizeSource.
 * // On every form change (fast): validate, then plan.
 * const check = checkClinicalInputs({ ageYears, bmi, sizeCm }, model.manifest);
 * // check.errors: [{ field, message }] to show under the fields;
 * // check.warnings: values outside the training range (show, but still plan).
 * if (!check.errors.length) {
 *   const result = planFromFeatures(model, features, { ageYears, bmi, sizeCm });
 *   // result.procedure: recommendation, probabilityRadical, performance
 *   // result.approach: recommendation, probabilityRetroperitoneal, performance
 *   // result.operativeTime: predictedMin, intervalMin, intervalCoverage, performance
 *   // result.disclaimer: the research-tool statement to display
 * }
 * ```
 *
 * `performance` is `{ model: {accuracy, auc, ...}, baseline: {name, figures},
 * comparison: {metric, difference, ci95, significantlyBetter} }`, each figure
 * `{ value, ci95 }`; say "beats <baseline>" only where significantlyBetter.
 * `bmiFromHeightWeight(heightCm, weightKg)` serves a form that asks for height
 * and weight. In Node use
 * `loadPlanningModelFromDir('models/planning')` (separate module: it imports
 * node:fs) and `planCase(model, labels, clinical)` in one call.
 */
export { toCanonicalGrid, type CanonicalLabels } from './canonicalGrid';
export { findTumourAndKidney, type TumourKidney } from './tumourAndKidney';
export {
  geometryFeatures,
  GEOMETRY_FEATURE_NAMES,
  type GeometryFeatures,
} from './geometryFeatures';
export { largestSliceCrop, largestTumourSlice, type CropSpec } from './largestSliceCrop';
export { extractPlanningFeatures, type PlanningFeatures } from './planningFeatures';
export { plannedTumour, type PlannedTumour } from './plannedTumour';
export {
  checkClinicalInputs,
  bmiFromHeightWeight,
  CLINICAL_LIMITS,
  type ClinicalInputs,
  type ClinicalCheck,
  type FieldMessage,
} from './clinicalInputs';
export {
  parsePlanningManifest,
  type PlanningManifest,
  type HeadPerformance,
  type Figure,
} from './PlanningManifest';
export {
  loadPlanningModel,
  wrapPlanningModel,
  tabularVector,
  type PlanningModel,
  type RawPlanningPrediction,
} from './PlanningModel';
export { planCase, planFromFeatures, type PlanResult } from './planCase';
export { toLabelVolume } from './toLabelVolume';
