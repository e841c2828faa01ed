/**
 * The one interface every benchmarked runtime implements, so the measuring
 * loop (../measure.ts) and the study pipeline (../study/segmentStudy.ts) treat
 * tfjs and onnxruntime alike.
 */
import type { SegmentationManifest } from '../../core/segmentation/SegmentationManifest';
import type { SliceModel } from '../../core/segmentation/SliceModel';
import type { BackendId, DeviceKind, MemorySample } from '../types';

/** Probabilities of a batch, in the layout the runtime produced them. */
export interface ProbabilityBatch {
  data: Float32Array;
  /** NHWC: label fastest; NCHW: one plane per label. */
  layout: 'NHWC' | 'NCHW';
}

export interface SegmentationRuntime {
  readonly id: BackendId;
  readonly kind: DeviceKind;
  /**
   * Runs `n` preprocessed slices (n × S × S floats) and reads every
   * probability back to the CPU.
   */
  probabilities(input: Float32Array, n: number): Promise<ProbabilityBatch>;
  /** Runs `n` slices and reads back one label per pixel (argmax). */
  labels(input: Float32Array, n: number): Promise<Uint8Array | Int32Array>;
  /** The same network as the app's slice runner sees it. */
  sliceModel(manifest: Pick<SegmentationManifest, 'input' | 'labels'>): SliceModel;
  /** Memory the runtime holds now. */
  memory(): MemorySample;
  dispose(): void;
}

/**
 * Argmax over labels (ties go to the lower label), NHWC or NCHW input.
 * @param planeSize - pixels per slice (S × S)
 */
export function argmaxLabels(
  batch: ProbabilityBatch,
  n: number,
  planeSize: number,
  numLabels: number,
): Uint8Array {
  const out = new Uint8Array(n * planeSize);
  const { data } = batch;
  const nhwc = batch.layout === 'NHWC';
  for (let b = 0; b < n; b++) {
    for (let p = 0; p < planeSize; p++) {
      const at = (k: number) =>
        nhwc
          ? data[(b * planeSize + p) * numLabels + k]
          : data[(b * numLabels + k) * planeSize + p];
      let best = 0;
      let bestValue = at(0);
      for (let k = 1; k < numLabels; k++) {
        const v = at(k);
        if (v > bestValue) {
          best = k;
          bestValue = v;
        }
      }
      out[b * planeSize + p] = best;
    }
  }
  return out;
}

/** Reorders NCHW probabilities to NHWC (for comparing runtimes). */
export function toNhwc(
  batch: ProbabilityBatch,
  n: number,
  planeSize: number,
  numLabels: number,
): Float32Array {
  if (batch.layout === 'NHWC') return batch.data;
  const out = new Float32Array(batch.data.length);
  for (let b = 0; b < n; b++) {
    for (let k = 0; k < numLabels; k++) {
      const src = (b * numLabels + k) * planeSize;
      for (let p = 0; p < planeSize; p++) {
        out[(b * planeSize + p) * numLabels + k] = batch.data[src + p];
      }
    }
  }
  return out;
}
