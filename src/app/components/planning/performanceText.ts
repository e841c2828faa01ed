/**
 * Words and numbers for the model card's cross-validated figures as the
 * results panel shows them beside each prediction: metric names, figures with
 * their 95 % intervals and units, and a plain verdict on the baseline
 * ("beats" only where the paired bootstrap says so).
 */
import type { Figure, HeadPerformance } from '../../../core/planning/PlanningManifest';

interface MetricInfo {
  label: string;
  /** Unit shown after the value ('' for a proportion or score). */
  unit: string;
  digits: number;
  lowerIsBetter?: boolean;
}

export const METRICS: Record<string, MetricInfo> = {
  accuracy: { label: 'accuracy', unit: '', digits: 3 },
  auc: { label: 'AUC', unit: '', digits: 3 },
  brier: { label: 'Brier score', unit: '', digits: 3, lowerIsBetter: true },
  balancedAccuracy: { label: 'balanced accuracy', unit: '', digits: 3 },
  retroF1: { label: 'F1 for retroperitoneal', unit: '', digits: 3 },
  maeMin: { label: 'mean absolute error', unit: 'min', digits: 1, lowerIsBetter: true },
};

function info(metric: string): MetricInfo {
  return METRICS[metric] ?? { label: metric, unit: '', digits: 3 };
}

/** Half-up decimal rounding (0.7755 → 0.776, which toFixed gives as 0.775). */
function toFixedDecimal(value: number, digits: number): string {
  if (String(value).includes('e')) return value.toFixed(digits);
  return Number(`${Math.round(Number(`${value}e${digits}`))}e-${digits}`).toFixed(digits);
}

/** −0.016 with a real minus sign; `signed` adds '+' to positive values. */
export function formatNumber(value: number, digits: number, signed = false): string {
  const text = toFixedDecimal(Math.abs(value), digits);
  const zero = Number(text) === 0;
  if (value < 0 && !zero) return `−${text}`;
  return signed && !zero ? `+${text}` : text;
}

const withUnit = (text: string, unit: string) => (unit ? `${text} ${unit}` : text);

/** "0.816 (95 % CI 0.776–0.859)", "70.0 min (95 % CI 63.8–77.6 min)". */
export function formatFigure(metric: string, figure: Figure): string {
  const { unit, digits } = info(metric);
  const [lo, hi] = figure.ci95.map((v) => formatNumber(v, digits));
  return `${withUnit(formatNumber(figure.value, digits), unit)} (95 % CI ${withUnit(`${lo}–${hi}`, unit)})`;
}

export function metricLabel(metric: string): string {
  return info(metric).label;
}

/** The figures' key of a comparison metric: 'procedure_auc' → 'auc', 'time_mae_min' → 'maeMin'. */
export function comparisonKey(metric: string): string {
  const [, ...rest] = metric.split('_');
  return rest
    .map((part, i) => (i === 0 ? part : part[0].toUpperCase() + part.slice(1)))
    .join('');
}

export interface Verdict {
  beats: boolean;
  /** One plain sentence for the panel. */
  text: string;
}

/**
 * The plain verdict on the baseline, e.g. "Does not beat one size cut-off:
 * AUC 0.892 vs 0.886, difference +0.007 (95 % CI −0.016 to +0.030)."
 */
export function verdict(perf: HeadPerformance): Verdict {
  const base = perf.baseline.name;
  const c = perf.comparison;
  if (!c) {
    return {
      beats: false,
      text: `Not compared with ${base}; no claim that it beats it.`,
    };
  }
  const key = comparisonKey(c.metric);
  const { label, unit, digits } = info(key);
  const model = perf.model[key];
  const baseline = perf.baseline.figures[key];
  const values =
    model && baseline
      ? `${label} ${withUnit(formatNumber(model.value, digits), unit)} vs ` +
        `${withUnit(formatNumber(baseline.value, digits), unit)}, `
      : `${label} `;
  const diff =
    `difference ${withUnit(formatNumber(c.difference, digits, true), unit)} ` +
    `(95 % CI ${formatNumber(c.ci95[0], digits, true)} to ` +
    `${withUnit(formatNumber(c.ci95[1], digits, true), unit)})`;

  if (c.significantlyBetter) {
    return { beats: true, text: `Beats ${base}: ${values}${diff}.` };
  }
  if (c.difference === 0 && c.ci95[0] === 0 && c.ci95[1] === 0) {
    return {
      beats: false,
      text:
        `No better than ${base}: exactly the same score (${values}${diff}). ` +
        'Read it as the base rate, not as advice for this patient.',
    };
  }
  return {
    beats: false,
    text: `Does not beat ${base} (the difference is within chance): ${values}${diff}.`,
  };
}
