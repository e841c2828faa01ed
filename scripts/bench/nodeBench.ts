/**
 * The benchmark in Node: tfjs on its WASM backend against onnxruntime-node on
 * the CPU, over the same slices, the same measuring loop and the same study
 * pipeline as the browser page.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as ort from 'onnxruntime-node';
import type { InputFile } from '../../src/core/dicom';
import { fileSystemIOHandler } from '../../src/core/inference/loadSegmentationModelFromDir';
import type { SegmentationManifest } from '../../src/core/segmentation/SegmentationManifest';
import { collectOutputs, measureRuntime } from '../../src/bench/measure';
import { createOrtRuntime } from '../../src/bench/runtimes/ortRuntime';
import type { SegmentationRuntime } from '../../src/bench/runtimes/runtime';
import { createTfjsRuntime } from '../../src/bench/runtimes/tfjsRuntime';
import { openStudyVolume, preprocessVolumeSlices } from '../../src/bench/study/openStudy';
import { segmentStudy } from '../../src/bench/study/segmentStudy';
import { foldBatchNorm } from '../../src/bench/speed/foldBatchNorm';
import {
  variantLabel,
  type BackendId,
  type BackendReport,
  type MemorySample,
  type ModelVariant,
} from '../../src/bench/types';
import type { BenchOptions } from './options';

export interface NodeBenchInput {
  options: BenchOptions;
  manifest: SegmentationManifest & { onnxFile: string };
  /** The study's files, in memory as after a drop. */
  files: InputFile[];
  sliceIndices: number[];
}

export interface NodeBenchResult {
  reports: BackendReport[];
  /** NHWC probabilities of the benchmark slices, by variant label. */
  outputs: Map<string, Float32Array>;
}

function hostMemory(): MemorySample {
  const m = process.memoryUsage();
  return { jsHeapBytes: m.heapUsed, externalBytes: m.external + m.arrayBuffers };
}

const now = () => performance.now();

async function openRuntime(
  id: BackendId,
  options: BenchOptions,
  manifest: SegmentationManifest & { onnxFile: string },
  variant: ModelVariant,
  report: BackendReport,
): Promise<SegmentationRuntime> {
  const S = manifest.input.sizePx;
  if (id === 'node-tfjs-wasm') {
    await tf.setBackend('wasm');
    await tf.ready();
    if (tf.getBackend() !== 'wasm') throw new Error(`tfjs runs ${tf.getBackend()}, not wasm`);
    let model = await tf.loadLayersModel(
      fileSystemIOHandler(join(options.modelDir, manifest.modelFile)),
    );
    if (variant === 'fold-bn') {
      const folded = await foldBatchNorm(tf, model);
      model.dispose();
      model = folded.model;
      report.variantDetail = `${folded.foldedBatchNorms} batch norms folded, ${folded.mergedActivations} ReLUs merged`;
    }
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
  const volume = await openStudyVolume(input.files);
  const pre = preprocessVolumeSlices(volume, input.sliceIndices, manifest);
  const K = input.sliceIndices.length;
  const reports: BackendReport[] = [];
  const outputs = new Map<string, Float32Array>();
  const runs = options.backends
    .filter((b) => b.startsWith('node-'))
    .flatMap((id) =>
      (id === 'node-tfjs-wasm' ? options.variants : (['baseline'] as const)).map(
        (variant) => ({ id, variant }),
      ),
    );

  for (const { id, variant } of runs) {
    const label = variantLabel(id, variant);
    const report: BackendReport = {
      backend: id,
      variant,
      actualBackend: id === 'node-tfjs-wasm' ? 'tfjs wasm (Node)' : 'onnxruntime-node cpu',
      ok: false,
      notes: [],
      timings: [],
    };
    reports.push(report);
    try {
      const t0 = now();
      const runtime = await openRuntime(id, options, manifest, variant, report);
      report.modelLoadMs = now() - t0;
      outputs.set(
        label,
        await collectOutputs(runtime, pre, K, S, manifest.labels.length),
      );
      for (const batch of options.batches) {
        console.error(`bench: node ${label} batch ${batch}`);
        report.timings.push(
          await measureRuntime({
            runtime,
            input: pre,
            slices: K,
            sizePx: S,
            batch,
            warmupRuns: options.warmupRuns,
            repetitions: options.repetitions,
            readback: options.readback,
            now,
          }),
        );
      }
      if (options.study !== 'none') {
        const best = report.timings.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
        console.error(`bench: node ${label} whole study, batch ${best.batch}`);
        report.study = await segmentStudy({
          runtime,
          manifest,
          files: input.files,
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
