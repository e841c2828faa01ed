/**
 * From the planning form as typed to the model's clinical inputs: numbers
 * parsed strictly (a decimal comma is accepted, nothing else), BMI computed
 * from height and weight when the form asks for those, and one message per
 * field: an error (no plan) or a warning (outside the training data; the plan
 * is still shown). The limits and wording of age, BMI and size come from
 * core/planning/clinicalInputs, shared with the CLI.
 */
import {
  bmiFromHeightWeight,
  checkClinicalInputs,
  type ClinicalInputs,
} from '../../../core/planning/clinicalInputs';
import type { PlanningManifest } from '../../../core/planning/PlanningManifest';
import type { PlanningForm } from '../../store/planningStore';

export type FormField = 'ageYears' | 'bmi' | 'heightCm' | 'weightKg' | 'sizeCm';

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

const DECIMAL = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/**
 * A number as typed: digits with at most one decimal point or comma.
 *
 * @returns NaN for an empty field or anything else (units, exponents, words)
 */
export function parseDecimal(text: string): number {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t.replace(',', '.')) : NaN;
}

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
