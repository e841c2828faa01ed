import { describe, expect, it } from 'vitest';
import { measureInterleaved } from './measure';
import type { SegmentationRuntime } from './runtimes/runtime';
import type { BackendId } from './types';

/** A runtime whose every call takes `msPerSlice` × batch on a fake clock. */
function fakeRuntime(
  id: BackendId,
  msPerSlice: number,
  clock: { t: number },
  log: string[],
) {
  const run = async (_x: Float32Array, n: number) => {
    log.push(`${id}:${n}`);
    clock.t += msPerSlice * n;
    return { data: new Float32Array(n * 3 * 4), layout: 'NHWC' as const };
  };
  const runtime: SegmentationRuntime = {
    id,
    kind: 'cpu',
    probabilities: run,
    labels: async (x, n) => new Int32Array((await run(x, n)).data.length / 3),
    sliceModel: () => ({
      sizePx: 2,
      labelCount: 3,
      predict: async () => new Float32Array(),
    }),
    memory: () => ({ numTensors: 1 }),
    dispose: () => undefined,
  };
  return runtime;
}

describe('measureInterleaved', () => {
  it('times every runtime at every batch size, passes interleaved, results by runtime', async () => {
    const clock = { t: 0 };
    const log: string[] = [];
    const results = await measureInterleaved({
      runtimes: [
        fakeRuntime('tfjs-wasm', 10, clock, log),
        fakeRuntime('ort-wasm', 5, clock, log),
      ],
      input: new Float32Array(4 * 2 * 2),
      slices: 4,
      sizePx: 2,
      batches: [1, 2],
      warmupRuns: 1,
      repetitions: 2,
      readback: 'probabilities',
      now: () => clock.t,
    });

    expect(results.map((r) => `${r.backend}:${r.batch}`)).toEqual([
      'tfjs-wasm:1',
      'tfjs-wasm:2',
      'ort-wasm:1',
      'ort-wasm:2',
    ]);
    // One warm-up batch each, then round 1 in batch-major order.
    expect(log.slice(0, 4)).toEqual([
      'tfjs-wasm:1',
      'ort-wasm:1',
      'tfjs-wasm:2',
      'ort-wasm:2',
    ]);
    expect(log.slice(4, 8)).toEqual([
      'tfjs-wasm:1',
      'tfjs-wasm:1',
      'tfjs-wasm:1',
      'tfjs-wasm:1',
    ]);
    for (const r of results) {
      const ms = r.backend === 'tfjs-wasm' ? 10 : 5;
      expect(r.perSliceMs).toHaveLength((4 / r.batch) * 2);
      expect(r.passMsPerSlice).toEqual([ms, ms]);
      expect(r.medianMs).toBe(ms);
      expect(r.interleavedWith).toBe(3);
      expect(r.memory).toHaveLength(3);
    }
  });
});
