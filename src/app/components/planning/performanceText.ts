/**
 * Words and numbers for the model card's cross-validated figures as the
 * results panel shows them beside each prediction: metric names with what
 * they measure, figures with their 95 % intervals and units, a headline per
 * head and a plain verdict on the baseline ("beats" only where the paired
 * bootstrap says so). Every figure reads as a phrase: "mean absolute error
 * 70.0 min (95 % CI 63.8–77.6 min)", never a bare key such as "maeMin".
 */
import type { Figure, HeadPerformance } from '../../../core/planning/PlanningManifest';

interface MetricInfo {
  label: string;
  /** What the figure measures or its scale, in a few words. */
  meaning: string;
  /** Unit shown after the value ('' for a proportion or score). */
  unit: string;
  digits: number;
}

export const METRICS: Record<string, MetricInfo> = {
  accuracy: {
    label: 'accuracy',
    meaning: 'share of patients predicted right',
    unit: '',
    digits: 3,
  },
  auc: { label: 'AUC', meaning: '0.5 = chance, 1 = perfect', unit: '', digits: 3 },
  brier: {
    label: 'Brier score',
    meaning: 'error of the probability, 0 = perfect',
    unit: '',
    digits: 3,
  },
  balancedAccuracy: {
    label: 'balanced accuracy',
    meaning: 'mean of the accuracies for each approach, 0.5 = chance',
    unit: '',
    digits: 3,
  },
  retroF1: {
    label: 'F1 score for retroperitoneal',
    meaning: 'how well retroperitoneal cases are found, 0 to 1',
    unit: '',
    digits: 3,
  },
  maeMin: {
    label: 'mean absolute error',
    meaning: 'average gap to the actual time',
    unit: 'min',
    digits: 1,
  },
};

/** What each head predicts, as its headline names it. */
export const HEAD_NAMES = {
  procedure: 'Procedure',
  approach: 'Approach',
  time: 'Operative time',
} as const;

export type HeadName = keyof typeof HEAD_NAMES;

function info(metric: string): MetricInfo {
  return METRICS[metric] ?? { label: metric, meaning: '', unit: '', digits: 3 };
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

/** "share of patients predicted right"; '' for an unknown metric. */
export function metricMeaning(metric: string): string {
  return info(metric).meaning;
}

/**
 * The head's card figure in one phrase, e.g. "Operative time in
 * cross-validation (model card): mean absolute error (average gap to the
 * actual time) 70.0 min (95 % CI 63.8–77.6 min), against 71.0 min (95 % CI
 * 64.2–78.7 min) for the training median time."
 *
 * @param head - which prediction
 * @param perf - its figures from the planning manifest
 * @param metric - the figure to give (default: the card's first)
 */
export function headline(
  head: HeadName,
  perf: HeadPerformance,
  metric = Object.keys(perf.model)[0],
): string {
  const { label, meaning } = info(metric);
  const named = meaning ? `${label} (${meaning})` : label;
  const model = formatFigure(metric, perf.model[metric]);
  const base = perf.baseline.figures[metric];
  const against = base
    ? `, against ${formatFigure(metric, base)} for ${perf.baseline.name}`
    : '';
  return `${HEAD_NAMES[head]} in cross-validation (model card): ${named} ${model}${against}.`;
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
 * AUC 0.892 against 0.886; the difference, +0.007 (95 % CI −0.016 to
 * +0.030), is within chance."
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
      ? `${withUnit(formatNumber(model.value, digits), unit)} against ` +
        `${withUnit(formatNumber(baseline.value, digits), unit)}`
      : '';
  const difference = withUnit(formatNumber(c.difference, digits, true), unit);
  const ci =
    `95 % CI ${formatNumber(c.ci95[0], digits, true)} to ` +
    `${withUnit(formatNumber(c.ci95[1], digits, true), unit)}`;
  const compared = values
    ? `${label} ${values}; the difference, ${difference} (${ci}),`
    : `the difference in ${label}, ${difference} (${ci}),`;

  if (c.significantlyBetter) {
    return { beats: true, text: `Beats ${base}: ${compared} is beyond chance.` };
  }
  if (c.difference === 0 && c.ci95[0] === 0 && c.ci95[1] === 0) {
    return {
      beats: false,
      text:
        `No better than ${base}: the same ${label}` +
        `${values ? `, ${values}` : ''} (difference ${difference}, ${ci}). ` +
        'Read it as the base rate, not as advice for this patient.',
    };
  }
  return {
    beats: false,
    text: `Does not beat ${base}: ${compared} is within chance.`,
  };
}

/**
 * Why a head compared with the base rate (a baseline that always says the
 * commoner class) gives no recommendation when it does not beat it, e.g. "No
 * recommendation: the model does not beat the base rate, always
 * transperitoneal, right for 81.6 % of the training patients in
 * cross-validation."
 *
 * @returns the sentence, or null when the card says the model beats it
 */
export function noRecommendation(perf: HeadPerformance): string | null {
  if (perf.comparison?.significantlyBetter) return null;
  const right = perf.baseline.figures.accuracy;
  const share = right
    ? `, right for ${formatNumber(100 * right.value, 1)} % of the training patients ` +
      'in cross-validation'
    : '';
  return (
    `No recommendation: the model does not beat the base rate, ` +
    `${perf.baseline.name}${share}.`
  );
}
