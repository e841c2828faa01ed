import { describe, expect, it } from 'vitest';
import manifestJson from '../../../../models/planning/manifest.json';
import type { HeadPerformance } from '../../../core/planning/PlanningManifest';
import { parsePlanningManifest } from '../../../core/planning/PlanningManifest';
import {
  comparisonKey,
  formatFigure,
  formatNumber,
  headline,
  METRICS,
  noRecommendation,
  verdict,
} from './performanceText';

const perf = parsePlanningManifest(manifestJson).performance;

describe('formatNumber', () => {
  it('uses a real minus and an optional plus, never "−0.000"', () => {
    expect(formatNumber(-0.0162, 3)).toBe('−0.016');
    expect(formatNumber(0.0304, 3, true)).toBe('+0.030');
    expect(formatNumber(-0.0001, 3, true)).toBe('0.000');
  });
});

describe('formatFigure', () => {
  it('adds the interval and the unit', () => {
    expect(formatFigure('accuracy', { value: 0.8156, ci95: [0.7755, 0.8589] })).toBe(
      '0.816 (95 % CI 0.776–0.859)',
    );
    expect(formatFigure('maeMin', { value: 70.0383, ci95: [63.76, 77.57] })).toBe(
      '70.0 min (95 % CI 63.8–77.6 min)',
    );
  });
});

describe('verdict', () => {
  it('maps comparison metrics to figure keys', () => {
    expect(comparisonKey('procedure_auc')).toBe('auc');
    expect(comparisonKey('approach_accuracy')).toBe('accuracy');
    expect(comparisonKey('time_mae_min')).toBe('maeMin');
  });

  it('says "beats" only where the comparison is significant', () => {
    const head: HeadPerformance = {
      model: { auc: { value: 0.9, ci95: [0.85, 0.95] } },
      baseline: { name: 'a coin', figures: { auc: { value: 0.5, ci95: [0.5, 0.5] } } },
      comparison: {
        metric: 'x_auc',
        difference: 0.4,
        ci95: [0.3, 0.5],
        significantlyBetter: true,
      },
    };
    expect(verdict(head)).toEqual({
      beats: true,
      text:
        'Beats a coin: AUC 0.900 against 0.500; the difference, +0.400 ' +
        '(95 % CI +0.300 to +0.500), is beyond chance.',
    });
    const notSig = {
      ...head,
      comparison: { ...head.comparison!, significantlyBetter: false },
    };
    expect(verdict(notSig).beats).toBe(false);
    expect(verdict(notSig).text).toMatch(/^Does not beat a coin/);
  });

  it('words the shipped heads plainly', () => {
    expect(verdict(perf.procedure).text).toBe(
      'Does not beat one radiographic-size cut-off (≈ 5.0 cm, fitted per fold): ' +
        'AUC 0.892 against 0.886; the difference, +0.007 (95 % CI −0.016 to +0.030), ' +
        'is within chance.',
    );
    expect(verdict(perf.approach).text).toBe(
      'No better than always transperitoneal: the same accuracy, 0.816 against 0.816 ' +
        '(difference 0.000, 95 % CI 0.000 to 0.000). ' +
        'Read it as the base rate, not as advice for this patient.',
    );
    expect(verdict(perf.time).text).toBe(
      'Does not beat the training median time: mean absolute error 70.0 min against ' +
        '71.0 min; the difference, −1.0 min (95 % CI −3.2 to +1.2 min), is within chance.',
    );
  });
});

describe('headline', () => {
  it('gives each head its card figure as a phrase, with units, beside the baseline', () => {
    expect(headline('time', perf.time)).toBe(
      'Operative time in cross-validation (model card): mean absolute error ' +
        '(average gap to the actual time) 70.0 min (95 % CI 63.8–77.6 min), against ' +
        '71.0 min (95 % CI 64.2–78.7 min) for the training median time.',
    );
    expect(headline('procedure', perf.procedure)).toBe(
      'Procedure in cross-validation (model card): accuracy (share of patients ' +
        'predicted right) 0.816 (95 % CI 0.776–0.859), against 0.799 (95 % CI ' +
        '0.756–0.846) for one radiographic-size cut-off (≈ 5.0 cm, fitted per fold).',
    );
  });

  it('leaves out a baseline figure the card does not have', () => {
    expect(headline('approach', perf.approach, 'auc')).toBe(
      'Approach in cross-validation (model card): AUC (0.5 = chance, 1 = perfect) ' +
        '0.519 (95 % CI 0.454–0.587).',
    );
  });

  it('has words for every figure the shipped card holds', () => {
    for (const head of [perf.procedure, perf.approach, perf.time]) {
      const keys = [...Object.keys(head.model), ...Object.keys(head.baseline.figures)];
      for (const key of keys) expect(METRICS, key).toHaveProperty(key);
      if (head.comparison) {
        expect(METRICS).toHaveProperty(comparisonKey(head.comparison.metric));
      }
    }
  });
});

describe('noRecommendation', () => {
  it("withholds the shipped approach head's advice, from the card's figures", () => {
    expect(noRecommendation(perf.approach)).toBe(
      'No recommendation: the model does not beat the base rate, always ' +
        'transperitoneal, right for 81.6 % of the training patients in cross-validation.',
    );
  });

  it('gives the advice again for a model that the card finds better', () => {
    const better: HeadPerformance = {
      ...perf.approach,
      comparison: { ...perf.approach.comparison!, significantlyBetter: true },
    };
    expect(noRecommendation(better)).toBeNull();
  });
});
