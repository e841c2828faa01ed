/**
 * The planning manifest (`models/planning/manifest.json`), written by
 * `training/plan/export.py`: what the network takes (feature order and
 * normalisation, crop), what its outputs mean, the range of the training data
 * and the cross-validated performance shown beside each prediction.
 */
import type { CropSpec } from './largestSliceCrop';

/** One tabular input: z = (value − mean) / sd, a missing value gives z = 0. */
export interface TabularFeature {
  name: string;
  mean: number;
  sd: number;
  /** 'clinical' (from the form) or 'geometry' (from the mask). */
  source: 'clinical' | 'geometry';
}

/** A cross-validated figure with its bootstrap 95 % confidence interval. */
export interface Figure {
  value: number;
  ci95: [number, number];
}

export interface HeadPerformance {
  /** Figures of the shipped model, e.g. accuracy, auc, balancedAccuracy, retroF1, maeMin. */
  model: Record<string, Figure>;
  /** The trivial baseline it is compared with, and its figures. */
  baseline: { name: string; figures: Record<string, Figure> };
  /**
   * Paired bootstrap difference model − baseline on one metric; the model
   * beats the baseline only where `significantlyBetter` is true.
   */
  comparison?: {
    metric: string;
    difference: number;
    ci95: [number, number];
    significantlyBetter: boolean;
  };
}

export interface PlanningManifest {
  name: string;
  version: string;
  /** tfjs LayersModel, relative to the manifest. */
  modelFile: string;
  input: {
    image: CropSpec & { layout: 'NHWC' };
    tabular: TabularFeature[];
  };
  output: {
    /** Output columns: procedure logit, approach logit, standardised time. */
    order: ['procedureLogit', 'approachLogit', 'timeZ'];
    procedure: { positive: 'radical_nephrectomy'; threshold: number };
    approach: { positive: 'retroperitoneal'; threshold: number };
    time: {
      meanMin: number;
      sdMin: number;
      /** Cross-validated residual quantiles (predicted − actual), minutes. */
      residualQuantilesMin: { low: number; high: number; coverage: number };
    };
  };
  /** Range of each clinical input in the training data, [min, max]. */
  trainingRange: Record<'ageYears' | 'bmi' | 'sizeCm', [number, number]>;
  /** Cross-validated performance per head (cohort and method in `evaluation`). */
  performance: {
    evaluation: string;
    procedure: HeadPerformance;
    approach: HeadPerformance;
    time: HeadPerformance;
  };
  disclaimer: string;
}

function need(cond: unknown, what: string): asserts cond {
  if (!cond) throw new Error(`invalid planning manifest: ${what}`);
}

/**
 * Checks the fields the code relies on.
 *
 * @throws Error naming the first missing or malformed field
 */
export function parsePlanningManifest(json: unknown): PlanningManifest {
  const m = json as PlanningManifest;
  need(m && typeof m === 'object', 'not an object');
  need(typeof m.modelFile === 'string', 'modelFile');
  const img = m.input?.image;
  need(img && img.sizePx > 0 && img.spacingMm > 0, 'input.image size or spacing');
  need(Array.isArray(img.channels) && img.channels.length > 0, 'input.image.channels');
  need(img.layout === 'NHWC', 'input.image.layout must be NHWC');
  need(Array.isArray(m.input.tabular), 'input.tabular');
  for (const f of m.input.tabular) {
    need(
      typeof f.name === 'string' && f.sd > 0 && Number.isFinite(f.mean),
      `feature ${f.name}`,
    );
  }
  need(m.output?.time?.sdMin > 0, 'output.time');
  need(
    m.trainingRange?.ageYears && m.trainingRange.bmi && m.trainingRange.sizeCm,
    'trainingRange',
  );
  need(
    m.performance?.procedure && m.performance.approach && m.performance.time,
    'performance',
  );
  return m;
}
