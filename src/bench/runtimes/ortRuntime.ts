/**
 * onnxruntime (web or node; they share one API) behind the runtime interface:
 * the peer that the benchmark compares tfjs with.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-web';
import type { BackendId, DeviceKind, MemorySample } from '../types';
import {
  argmaxLabels,
  toNhwc,
  type ProbabilityBatch,
  type SegmentationRuntime,
} from './runtime';

export interface OrtRuntimeParams {
  session: InferenceSession;
  /** The Tensor class of the same onnxruntime package as the session. */
  Tensor: typeof Tensor;
  id: BackendId;
  kind: DeviceKind;
  sizePx: number;
  numLabels: number;
  hostMemory: () => MemorySample;
}

/** True when dims look like [N, C, H, W] with C = channels and H = W = size. */
function isNchw(shape: readonly unknown[], channels: number, size: number) {
  return shape.length === 4 && shape[1] === channels && shape[3] === size;
}

export function createOrtRuntime(p: OrtRuntimeParams): SegmentationRuntime {
  const { session, sizePx: S } = p;
  const inputName = session.inputNames[0];
  const outputName = session.outputNames[0];
  const inMeta = session.inputMetadata?.[0];
  const outMeta = session.outputMetadata?.[0];
  const inShape = inMeta && inMeta.isTensor ? inMeta.shape : [];
  const outShape = outMeta && outMeta.isTensor ? outMeta.shape : [];
  const inputNchw = isNchw(inShape, 1, S);
  const outputLayout = isNchw(outShape, p.numLabels, S) ? 'NCHW' : 'NHWC';

  const run = async (input: Float32Array, n: number): Promise<ProbabilityBatch> => {
    const dims = inputNchw ? [n, 1, S, S] : [n, S, S, 1];
    const x = new p.Tensor('float32', input.subarray(0, n * S * S), dims);
    const result = await session.run({ [inputName]: x });
    const y = result[outputName];
    try {
      const data = (await y.getData()) as Float32Array;
      return { data, layout: outputLayout };
    } finally {
      y.dispose();
      x.dispose();
    }
  };

  return {
    id: p.id,
    kind: p.kind,
    probabilities: run,
    async labels(input, n) {
      const batch = await run(input, n);
      return argmaxLabels(batch, n, S * S, p.numLabels);
    },
    sliceModel: () => ({
      sizePx: S,
      labelCount: p.numLabels,
      async predict(batch, count) {
        return toNhwc(await run(batch, count), count, S * S, p.numLabels);
      },
    }),
    memory: () => p.hostMemory(),
    dispose() {
      void session.release();
    },
  };
}
