/**
 * From the planning form as typed to the model's clinical inputs: numbers
 * parsed strictly (a decimal comma is accepted, nothing else), BMI computed
 * from height and weight when the form asks for those, and one message per
 * field: an error (no plan) or a warning (outside the training data; the plan
 * is still shown). The limits and wording of age, BMI and size come from
 * core/planning/clinicalInputs, shared with the CLI. Which errors are shown
 * yet: `shownErrors` (none on a field the user has not reached).
 */
import {
  bmiFromHeightWeight,
  checkClinicalInputs,
  parseDecimal,
  type ClinicalInputs,
} from '../../../core/planning/clinicalInputs';
import type { PlanningManifest } from '../../../core/planning/PlanningManifest';
import type { PlanningForm, TouchedFields } from '../../store/planningStore';

export type FormField = 'ageYears' | 'bmi' | 'heightCm' | 'weightKg' | 'sizeCm';

/** Every field, for an attempt to submit. */
export const FORM_FIELDS: readonly FormField[] = [
  'ageYears',
  'bmi',
  'heightCm',
  'weightKg',
  'sizeCm',
];

export interface FormCheck {
  /** The inputs to plan with; null while any field has an error. */
  clinical: ClinicalInputs | null;
  /** BMI computed from height and weight (kg/m²), when both are valid. */
  computedBmi: number | null;
  errors: Partial<Record<FormField, string>>;
  warnings: Partial<Record<FormField, string>>;
}

/** Plausible body measurements; outside them the entry is a typing error. */
export const BODY_LIMITS = {
  heightCm: { min: 50, max: 250, label: 'Height', unit: 'cm' },
  weightKg: { min: 10, max: 400, label: 'Weight', unit: 'kg' },
} as const;

function checkBody(field: 'heightCm' | 'weightKg', text: string): string | null {
  const { min, max, label, unit } = BODY_LIMITS[field];
  const v = parseDecimal(text);
  if (!Number.isFinite(v)) return `${label} must be a number (${unit}).`;
  if (v < min || v > max) return `${label} must be between ${min} and ${max} ${unit}.`;
  return null;
}

/**
 * @param form - the fields as typed
 * @param manifest - training ranges for the warnings
 */
export function checkPlanningForm(
  form: PlanningForm,
  manifest?: PlanningManifest,
): FormCheck {
  const errors: FormCheck['errors'] = {};
  const warnings: FormCheck['warnings'] = {};

  let bmi = parseDecimal(form.bmi);
  let computedBmi: number | null = null;
  let bodyOk = true;
  if (form.bmiMode === 'heightWeight') {
    for (const field of ['heightCm', 'weightKg'] as const) {
      const message = checkBody(field, form[field]);
      if (message) {
        errors[field] = message;
        bodyOk = false;
      }
    }
    computedBmi = bodyOk
      ? bmiFromHeightWeight(parseDecimal(form.heightCm), parseDecimal(form.weightKg))
      : null;
    bmi = computedBmi ?? NaN;
  }

  const inputs: ClinicalInputs = {
    ageYears: parseDecimal(form.ageYears),
    bmi,
    sizeCm: parseDecimal(form.sizeCm),
  };
  const check = checkClinicalInputs(inputs, manifest);
  for (const e of check.errors) {
    // A missing BMI in height/weight mode is already said under those fields.
    if (e.field === 'bmi' && !bodyOk) continue;
    errors[e.field] = e.message;
  }
  for (const w of check.warnings) warnings[w.field] = w.message;

  return {
    clinical: Object.keys(errors).length ? null : inputs,
    computedBmi,
    errors,
    warnings,
  };
}

/**
 * The errors to show now: a field's error once the user has edited or left
 * it (or tried to submit, which touches every field), or when it holds text
 * (typed before a reload, or the mask's size). An empty field the user has not
 * reached shows none; its error still withholds the plan. In height-and-weight
 * mode the BMI error follows those two fields.
 *
 * @param touched - fields the user has edited or left
 */
export function shownErrors(
  check: FormCheck,
  form: PlanningForm,
  touched: TouchedFields,
): FormCheck['errors'] {
  const reached = (field: FormField): boolean =>
    field === 'bmi' && form.bmiMode === 'heightWeight'
      ? reached('heightCm') || reached('weightKg')
      : touched[field] === true || form[field].trim() !== '';

  const shown: FormCheck['errors'] = {};
  for (const field of FORM_FIELDS) {
    const error = check.errors[field];
    if (error && reached(field)) shown[field] = error;
  }
  return shown;
}
