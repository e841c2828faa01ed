import { describe, expect, it } from 'vitest';
import manifestJson from '../../../../models/planning/manifest.json';
import type { HeadPerformance } from '../../../core/planning/PlanningManifest';
import { parsePlanningManifest } from '../../../core/planning/PlanningManifest';
import { comparisonKey, formatFigure, formatNumber, verdict } from './performanceText';

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
      text: 'Beats a coin: AUC 0.900 vs 0.500, difference +0.400 (95 % CI +0.300 to +0.500).',
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
      'Does not beat one radiographic-size cut-off (≈ 5.0 cm, fitted per fold) ' +
        '(the difference is within chance): AUC 0.892 vs 0.886, ' +
        'difference +0.007 (95 % CI −0.016 to +0.030).',
    );
    expect(verdict(perf.approach).text).toMatch(
      /^No better than always transperitoneal: exactly the same score \(accuracy 0\.816 vs 0\.816/,
    );
    expect(verdict(perf.time).text).toBe(
      'Does not beat the training median time (the difference is within chance): ' +
        'mean absolute error 70.0 min vs 71.0 min, difference −1.0 min ' +
        '(95 % CI −3.2 to +1.2 min).',
    );
  });
});
