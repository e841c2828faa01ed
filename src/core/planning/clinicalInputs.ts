/**
 * The clinical inputs of the planning model, the parser of a typed number,
 * and their checks, shared by the form and the CLI: hard errors (not a
 * number, impossible values) with a message per field, and warnings when a
 * value lies outside the range of the training data (the model was never
 * shown such a patient).
 */
import type { PlanningManifest } from './PlanningManifest';

export interface ClinicalInputs {
  /** Age at surgery, years. */
  ageYears: number;
  /** Body-mass index, kg/m². */
  bmi: number;
  /** Radiological tumour size (largest diameter), cm. */
  sizeCm: number;
}

export type ClinicalField = keyof ClinicalInputs;

export interface FieldMessage {
  field: ClinicalField;
  message: string;
}

export interface ClinicalCheck {
  errors: FieldMessage[];
  warnings: FieldMessage[];
}

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

/** Physically possible values; outside them the input is rejected. */
export const CLINICAL_LIMITS: Record<
  ClinicalField,
  { min: number; max: number; unit: string }
> = {
  ageYears: { min: 1, max: 120, unit: 'years' },
  bmi: { min: 10, max: 90, unit: 'kg/m²' },
  sizeCm: { min: 0.1, max: 40, unit: 'cm' },
};

const LABELS: Record<ClinicalField, string> = {
  ageYears: 'Age',
  bmi: 'BMI',
  sizeCm: 'Radiological size',
};

/** BMI from height (cm) and weight (kg). */
export function bmiFromHeightWeight(heightCm: number, weightKg: number): number {
  if (!(heightCm > 0) || !(weightKg > 0)) {
    throw new Error('height and weight must be positive numbers');
  }
  const m = heightCm / 100;
  return weightKg / (m * m);
}

/**
 * @param inputs - values as entered (NaN for an empty or unreadable field)
 * @param manifest - when given, values outside its training range give warnings
 */
export function checkClinicalInputs(
  inputs: ClinicalInputs,
  manifest?: PlanningManifest,
): ClinicalCheck {
  const errors: FieldMessage[] = [];
  const warnings: FieldMessage[] = [];
  for (const field of Object.keys(CLINICAL_LIMITS) as ClinicalField[]) {
    const v = inputs[field];
    const { min, max, unit } = CLINICAL_LIMITS[field];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      errors.push({ field, message: `${LABELS[field]} must be a number (${unit}).` });
      continue;
    }
    if (v < min || v > max) {
      errors.push({
        field,
        message: `${LABELS[field]} must be between ${min} and ${max} ${unit}.`,
      });
      continue;
    }
    const range = manifest?.trainingRange[field];
    if (range && (v < range[0] || v > range[1])) {
      warnings.push({
        field,
        message:
          `${LABELS[field]} ${v} ${unit} is outside the training data ` +
          `(${range[0]}–${range[1]} ${unit}); the prediction is less reliable.`,
      });
    }
  }
  return { errors, warnings };
}
