import { describe, expect, it } from 'vitest';
import manifestJson from '../../../../models/planning/manifest.json';
import { parsePlanningManifest } from '../../../core/planning/PlanningManifest';
import { EMPTY_FORM, type PlanningForm } from '../../store/planningStore';
import { checkPlanningForm, FORM_FIELDS, shownErrors } from './clinicalForm';

const manifest = parsePlanningManifest(manifestJson);

const form = (partial: Partial<PlanningForm>): PlanningForm => ({
  ...EMPTY_FORM,
  ageYears: '60',
  bmi: '28',
  sizeCm: '4.2',
  ...partial,
});

describe('checkPlanningForm', () => {
  it('gives the clinical inputs when every field is valid', () => {
    const c = checkPlanningForm(form({}), manifest);
    expect(c.errors).toEqual({});
    expect(c.clinical).toEqual({ ageYears: 60, bmi: 28, sizeCm: 4.2 });
  });

  it('names each bad field with its unit', () => {
    const c = checkPlanningForm(
      form({ ageYears: 'sixty', bmi: '', sizeCm: '0' }),
      manifest,
    );
    expect(c.clinical).toBeNull();
    expect(c.errors.ageYears).toBe('Age must be a number (years).');
    expect(c.errors.bmi).toBe('BMI must be a number (kg/m²).');
    expect(c.errors.sizeCm).toBe('Radiological size must be between 0.1 and 40 cm.');
  });

  it('warns outside the training range but still plans', () => {
    const c = checkPlanningForm(form({ sizeCm: '20' }), manifest);
    expect(c.clinical?.sizeCm).toBe(20);
    expect(c.warnings.sizeCm).toMatch(/outside the training data \(1\.2–16\.2 cm\)/);
  });

  it('computes BMI from height and weight', () => {
    const c = checkPlanningForm(
      form({ bmiMode: 'heightWeight', bmi: 'ignored', heightCm: '180', weightKg: '81' }),
      manifest,
    );
    expect(c.computedBmi).toBeCloseTo(25, 10);
    expect(c.clinical?.bmi).toBeCloseTo(25, 10);
  });

  it('reports height and weight errors, not a second BMI error', () => {
    const c = checkPlanningForm(
      form({ bmiMode: 'heightWeight', heightCm: '1.80', weightKg: '' }),
      manifest,
    );
    expect(c.errors.heightCm).toBe('Height must be between 50 and 250 cm.');
    expect(c.errors.weightKg).toBe('Weight must be a number (kg).');
    expect(c.errors.bmi).toBeUndefined();
    expect(c.clinical).toBeNull();
  });

  it('rejects an impossible BMI computed from plausible entries', () => {
    const c = checkPlanningForm(
      form({ bmiMode: 'heightWeight', heightCm: '250', weightKg: '20' }),
      manifest,
    );
    expect(c.errors.bmi).toBe('BMI must be between 10 and 90 kg/m².');
  });
});

describe('shownErrors', () => {
  const empty = { ...EMPTY_FORM };
  const check = checkPlanningForm(empty, manifest);

  it('shows no error on an empty form the user has not reached, but withholds the plan', () => {
    expect(Object.keys(check.errors)).toEqual(['ageYears', 'bmi', 'sizeCm']);
    expect(check.clinical).toBeNull();
    expect(shownErrors(check, empty, {})).toEqual({});
  });

  it('shows a field once edited or left, and every field after a submit', () => {
    expect(shownErrors(check, empty, { ageYears: true })).toEqual({
      ageYears: 'Age must be a number (years).',
    });
    const all = Object.fromEntries(FORM_FIELDS.map((f) => [f, true]));
    expect(shownErrors(check, empty, all)).toEqual(check.errors);
  });

  it('shows the error of a field that holds text (typed before a reload)', () => {
    const typed = { ...EMPTY_FORM, bmi: '5' };
    expect(shownErrors(checkPlanningForm(typed, manifest), typed, {})).toEqual({
      bmi: 'BMI must be between 10 and 90 kg/m².',
    });
  });

  it('lets the computed BMI error follow height and weight', () => {
    const hw = { ...EMPTY_FORM, bmiMode: 'heightWeight' as const };
    expect(shownErrors(checkPlanningForm(hw, manifest), hw, {})).toEqual({});
    const bad = { ...hw, heightCm: '250', weightKg: '20' };
    expect(shownErrors(checkPlanningForm(bad, manifest), bad, {}).bmi).toBe(
      'BMI must be between 10 and 90 kg/m².',
    );
  });
});
