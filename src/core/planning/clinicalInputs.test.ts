import { describe, expect, it } from 'vitest';
import { bmiFromHeightWeight, checkClinicalInputs, parseDecimal } from './clinicalInputs';
import type { PlanningManifest } from './PlanningManifest';

const manifest = {
  trainingRange: { ageYears: [18, 90], bmi: [16, 55], sizeCm: [1.2, 16.2] },
} as unknown as PlanningManifest;

describe('clinical inputs', () => {
  it('accepts ordinary values without warnings', () => {
    expect(checkClinicalInputs({ ageYears: 60, bmi: 28, sizeCm: 4 }, manifest)).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it('gives a specific message per invalid field', () => {
    const { errors } = checkClinicalInputs({ ageYears: NaN, bmi: 5, sizeCm: -1 });
    expect(errors.map((e) => e.field)).toEqual(['ageYears', 'bmi', 'sizeCm']);
    expect(errors[0].message).toBe('Age must be a number (years).');
    expect(errors[1].message).toBe('BMI must be between 10 and 90 kg/m².');
    expect(errors[2].message).toBe('Radiological size must be between 0.1 and 40 cm.');
  });

  it('warns outside the training range but does not reject', () => {
    const { errors, warnings } = checkClinicalInputs(
      { ageYears: 95, bmi: 28, sizeCm: 20 },
      manifest,
    );
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.field)).toEqual(['ageYears', 'sizeCm']);
    expect(warnings[1].message).toContain('outside the training data (1.2–16.2 cm)');
  });

  it('computes BMI from height and weight', () => {
    expect(bmiFromHeightWeight(180, 81)).toBeCloseTo(25, 10);
    expect(() => bmiFromHeightWeight(0, 80)).toThrow('positive');
  });
});

describe('parseDecimal', () => {
  it('reads plain numbers and a decimal comma', () => {
    expect(parseDecimal(' 4.2 ')).toBe(4.2);
    expect(parseDecimal('4,2')).toBe(4.2);
    expect(parseDecimal('60')).toBe(60);
    expect(parseDecimal('.5')).toBe(0.5);
  });
  it('rejects units, exponents, words and empty fields', () => {
    for (const t of ['', ' ', '4 cm', '1e2', 'abc', '4.2.1', '4,2,1', '0x10']) {
      expect(parseDecimal(t), t).toBeNaN();
    }
  });
});
