/**
 * The benchmark in Node: tfjs on its WASM backend against onnxruntime-node on
 * the CPU, over the same slices, the same measuring loop and the same study
 * pipeline as the browser page.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as ort from 'onnxruntime-node';
import type { SegmentationManifest } from '../../src/bench/manifest';
import { collectOutputs, measureRuntime } from '../../src/bench/measure';
import { createOrtRuntime } from '../../src/bench/runtimes/ortRuntime';
import type { SegmentationRuntime } from '../../src/bench/runtimes/runtime';
import { createTfjsRuntime } from '../../src/bench/runtimes/tfjsRuntime';
import { preprocessSlices } from '../../src/bench/study/preprocess';
import { readCtSlice } from '../../src/bench/study/dicomSlice';
import { segmentStudy } from '../../src/bench/study/segmentStudy';
import type { BackendId, BackendReport, MemorySample } from '../../src/bench/types';
import { readLayersArtifacts } from './modelFiles';
import type { BenchOptions } from './options';

export interface NodeBenchInput {
  options: BenchOptions;
  manifest: SegmentationManifest;
  sliceFiles: Uint8Array[];
  studyFiles: Uint8Array[];
}

export interface NodeBenchResult {
  reports: BackendReport[];
  /** NHWC probabilities of the benchmark slices, per backend. */
  outputs: Map<BackendId, Float32Array>;
}

function hostMemory(): MemorySample {
  const m = process.memoryUsage();
  return { jsHeapBytes: m.heapUsed, externalBytes: m.external + m.arrayBuffers };
}

const now = () => performance.now();

async function openRuntime(
  id: BackendId,
  options: BenchOptions,
  manifest: SegmentationManifest,
): Promise<SegmentationRuntime> {
  const S = manifest.input.sizePx;
  if (id === 'node-tfjs-wasm') {
    await tf.setBackend('wasm');
    await tf.ready();
    if (tf.getBackend() !== 'wasm') throw new Error(`tfjs runs ${tf.getBackend()}, not wasm`);
    const artifacts = readLayersArtifacts(join(options.modelDir, manifest.modelFile));
    const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    return createTfjsRuntime({ tf, model, id, kind: 'cpu', sizePx: S, hostMemory });
  }
  // One thread each, like the tfjs WASM build that ships (threads off).
  const session = await ort.InferenceSession.create(
    join(options.modelDir, manifest.onnxFile),
    { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1 },
  );
  return createOrtRuntime({
    session: session as never,
    Tensor: ort.Tensor as never,
    id,
    kind: 'cpu',
    sizePx: S,
    numLabels: manifest.labels.length,
    hostMemory,
  });
}

export async function runNodeBench(input: NodeBenchInput): Promise<NodeBenchResult> {
  const { options, manifest } = input;
  const S = manifest.input.sizePx;
  const slices = input.sliceFiles.map(readCtSlice);
  const pre = preprocessSlices(slices, manifest);
  const reports: BackendReport[] = [];
  const outputs = new Map<BackendId, Float32Array>();
  const ids = options.backends.filter((b) => b.startsWith('node-'));

  for (const id of ids) {
    const report: BackendReport = {
      backend: id,
      actualBackend: id === 'node-tfjs-wasm' ? 'tfjs wasm (Node)' : 'onnxruntime-node cpu',
      ok: false,
      notes: [],
      timings: [],
    };
    reports.push(report);
    try {
      const t0 = now();
      const runtime = await openRuntime(id, options, manifest);
      report.modelLoadMs = now() - t0;
      outputs.set(
        id,
        await collectOutputs(runtime, pre, slices.length, S, manifest.labels.length),
      );
      for (const batch of options.batches) {
        console.error(`bench: node ${id} batch ${batch}`);
        report.timings.push(
          await measureRuntime({
            runtime,
            input: pre,
            slices: slices.length,
            sizePx: S,
            batch,
            warmupRuns: options.warmupRuns,
            repetitions: options.repetitions,
            readback: options.readback,
            now,
          }),
        );
      }
      if (options.study !== 'none' && input.studyFiles.length > 0) {
        const best = report.timings.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
        console.error(`bench: node ${id} whole study, batch ${best.batch}`);
        report.study = await segmentStudy({
          runtime,
          manifest,
          files: input.studyFiles,
          batch: best.batch,
          now,
        });
      }
      runtime.dispose();
      report.ok = true;
    } catch (err) {
      report.error = err instanceof Error ? err.message : String(err);
    }
  }
  return { reports, outputs };
}
