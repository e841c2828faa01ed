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
import { benchGroup, type GroupMember } from '../../src/bench/benchGroup';
import { createOrtRuntime } from '../../src/bench/runtimes/ortRuntime';
import type { SegmentationRuntime } from '../../src/bench/runtimes/runtime';
import { createTfjsRuntime } from '../../src/bench/runtimes/tfjsRuntime';
import { openStudyVolume, preprocessVolumeSlices } from '../../src/bench/study/openStudy';
import { compileLayersModel } from '../../src/core/inference/compileLayersModel';
import {
  appVariant,
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
    if (tf.getBackend() !== 'wasm')
      throw new Error(`tfjs runs ${tf.getBackend()}, not wasm`);
    const model = await tf.loadLayersModel(
      fileSystemIOHandler(join(options.modelDir, manifest.modelFile)),
    );
    if (variant === 'fused') {
      const compiled = compileLayersModel(tf, model);
      if (!compiled) throw new Error('the network does not compile to fused ops');
      report.variantDetail = `${compiled.fusedLayers} layers fused, ${compiled.steps} ops per pass`;
      return createTfjsRuntime({
        tf,
        model: compiled,
        id,
        kind: 'cpu',
        sizePx: S,
        hostMemory,
      });
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
  const volume = await openStudyVolume(input.files);
  const pre = preprocessVolumeSlices(volume, input.sliceIndices, manifest);
  const reports: BackendReport[] = [];
  const outputs = new Map<string, Float32Array>();
  const runs = options.backends
    .filter((b) => b.startsWith('node-'))
    .flatMap((backend) =>
      (backend === 'node-tfjs-wasm' ? options.variants : (['baseline'] as const)).map(
        (variant) => ({ backend, variant }),
      ),
    );

  const members: GroupMember[] = [];
  for (const { backend, variant } of runs) {
    const report: BackendReport = {
      backend,
      variant,
      actualBackend:
        backend === 'node-tfjs-wasm' ? 'tfjs wasm (Node)' : 'onnxruntime-node cpu',
      ok: false,
      notes: [],
      timings: [],
    };
    reports.push(report);
    try {
      const t0 = now();
      const runtime = await openRuntime(backend, options, manifest, variant, report);
      report.modelLoadMs = now() - t0;
      // Variants differ only inside the network: the table shows that gain.
      members.push({
        report,
        runtime,
        study: options.study !== 'none' && variant === appVariant(backend),
      });
    } catch (err) {
      report.error = err instanceof Error ? err.message : String(err);
    }
  }

  const groups = options.interleave ? [members] : members.map((m) => [m]);
  for (const group of groups) {
    if (group.length === 0) continue;
    try {
      await benchGroup({
        members: group,
        manifest,
        files: input.files,
        input: pre,
        slices: input.sliceIndices.length,
        batches: options.batches,
        warmupRuns: options.warmupRuns,
        repetitions: options.repetitions,
        readback: options.readback,
        onOutputs: async (label, probabilities) => void outputs.set(label, probabilities),
        show: (text) => console.error(`bench: node ${text}`),
        now,
      });
      for (const m of group) m.report.ok = true;
    } catch (err) {
      for (const m of group)
        m.report.error = err instanceof Error ? err.message : String(err);
    }
    for (const m of group) m.runtime.dispose();
  }
  return { reports, outputs };
}
