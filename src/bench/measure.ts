/**
 * The timing loop shared by the benchmark page and the Node benchmark: warm-up
 * batches, then repetitions over the same slices, memory after each.
 */
import { toNhwc, type SegmentationRuntime } from './runtimes/runtime';
import { median, percentile } from './stats';
import type { MemorySample, ReadbackMode, TimingResult } from './types';

export interface MeasureParams {
  runtime: SegmentationRuntime;
  /** K preprocessed slices, K × S × S floats. */
  input: Float32Array;
  slices: number;
  sizePx: number;
  batch: number;
  /** Untimed batches before timing starts. */
  warmupRuns: number;
  /** Timed passes over all K slices. */
  repetitions: number;
  readback: ReadbackMode;
  /** Monotonic clock, ms. */
  now: () => number;
}

/** Copies the slices of batch `b` (wrapping round K) into `out`. */
function fillBatch(p: MeasureParams, b: number, out: Float32Array): void {
  const plane = p.sizePx * p.sizePx;
  for (let j = 0; j < p.batch; j++) {
    const k = (b * p.batch + j) % p.slices;
    out.set(p.input.subarray(k * plane, (k + 1) * plane), j * plane);
  }
}

async function runOnce(p: MeasureParams, batchInput: Float32Array) {
  if (p.readback === 'labels') {
    await p.runtime.labels(batchInput, p.batch);
  } else {
    await p.runtime.probabilities(batchInput, p.batch);
  }
}

/**
 * Times one runtime at one batch size. Every timed batch covers upload,
 * inference and read-back; its time divided by the batch size is one sample.
 */
export async function measureRuntime(p: MeasureParams): Promise<TimingResult> {
  const plane = p.sizePx * p.sizePx;
  const batchesPerPass = Math.ceil(p.slices / p.batch);
  const batchInput = new Float32Array(p.batch * plane);

  for (let w = 0; w < p.warmupRuns; w++) {
    fillBatch(p, w, batchInput);
    await runOnce(p, batchInput);
  }

  const perSliceMs: number[] = [];
  const memory: MemorySample[] = [p.runtime.memory()];
  for (let rep = 0; rep < p.repetitions; rep++) {
    for (let b = 0; b < batchesPerPass; b++) {
      fillBatch(p, b, batchInput);
      const t0 = p.now();
      await runOnce(p, batchInput);
      perSliceMs.push((p.now() - t0) / p.batch);
    }
    memory.push(p.runtime.memory());
  }

  const med = median(perSliceMs);
  return {
    backend: p.runtime.id,
    kind: p.runtime.kind,
    batch: p.batch,
    readback: p.readback,
    slices: p.slices,
    warmupRuns: p.warmupRuns,
    repetitions: p.repetitions,
    perSliceMs,
    medianMs: med,
    p90Ms: percentile(perSliceMs, 90),
    slicesPerSecond: 1000 / med,
    memory,
  };
}

/**
 * Probabilities of every slice, one slice per call, NHWC, for the parity check
 * between runtimes (not timed).
 */
export async function collectOutputs(
  runtime: SegmentationRuntime,
  input: Float32Array,
  slices: number,
  sizePx: number,
  numLabels: number,
): Promise<Float32Array> {
  const plane = sizePx * sizePx;
  const out = new Float32Array(slices * plane * numLabels);
  for (let k = 0; k < slices; k++) {
    const batch = await runtime.probabilities(
      input.subarray(k * plane, (k + 1) * plane),
      1,
    );
    out.set(toNhwc(batch, 1, plane, numLabels), k * plane * numLabels);
  }
  return out;
}
