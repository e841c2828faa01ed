/**
 * tfjs (LayersModel) behind the runtime interface. The caller has already
 * chosen the tfjs backend; this module works in the browser and in Node.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { TfNetwork } from '../../core/inference/compileLayersModel';
import { createTfSliceModel } from '../../core/inference/tfSliceModel';
import type { BackendId, DeviceKind, MemorySample } from '../types';
import type { ProbabilityBatch, SegmentationRuntime } from './runtime';

export interface TfjsRuntimeParams {
  /** The tfjs module (the same instance the model was loaded with). */
  tf: typeof tfjs;
  /** The LayersModel, or the fused plan the app runs. */
  model: TfNetwork;
  id: BackendId;
  kind: DeviceKind;
  /** Network input size S (square). */
  sizePx: number;
  /** Heap figures of the host (browser or Node). */
  hostMemory: () => MemorySample;
}

export function createTfjsRuntime(p: TfjsRuntimeParams): SegmentationRuntime {
  const { tf, model, sizePx: S } = p;

  const predict = (input: Float32Array, n: number) =>
    tf.tidy(() => {
      const x = tf.tensor4d(input.subarray(0, n * S * S), [n, S, S, 1]);
      return model.predict(x) as tfjs.Tensor;
    });

  return {
    id: p.id,
    kind: p.kind,

    async probabilities(input, n): Promise<ProbabilityBatch> {
      const y = predict(input, n);
      try {
        return { data: (await y.data()) as Float32Array, layout: 'NHWC' };
      } finally {
        y.dispose();
      }
    },

    async labels(input, n) {
      // Argmax on the device: one int32 per pixel comes back, not one float
      // per label.
      const y = predict(input, n);
      const labels = tf.tidy(() => tf.argMax(y, -1));
      y.dispose();
      try {
        return (await labels.data()) as Int32Array;
      } finally {
        labels.dispose();
      }
    },

    // The app's own wrapper, so the study times the shipped code.
    sliceModel: (manifest) => createTfSliceModel(model, manifest),

    memory() {
      const m = tf.memory() as tfjs.MemoryInfo & { numBytesInGPU?: number };
      return {
        ...p.hostMemory(),
        numTensors: m.numTensors,
        tensorBytes: m.numBytes,
        gpuBytes: m.numBytesInGPU,
      };
    },

    dispose() {
      model.dispose();
    },
  };
}
