/**
 * Benchmarks a group of runtimes that can live side by side (one tfjs
 * backend and the onnxruntime peer of the same kind): parity outputs, the
 * interleaved timings at every batch size, then the whole study for each.
 * Shared by the benchmark page and the Node benchmark.
 */
import type { InputFile } from '../core/dicom';
import type { SegmentationManifest } from '../core/segmentation/SegmentationManifest';
import { collectOutputs, measureInterleaved } from './measure';
import type { SegmentationRuntime } from './runtimes/runtime';
import { segmentStudy } from './study/segmentStudy';
import { variantLabel, type BackendReport, type ReadbackMode } from './types';

export interface GroupMember {
  report: BackendReport;
  runtime: SegmentationRuntime;
  /** Whether this member times the whole study. */
  study: boolean;
}

export interface BenchGroupParams {
  members: GroupMember[];
  manifest: SegmentationManifest;
  /** The study's files (for the whole-study time). */
  files: InputFile[];
  /** Preprocessed benchmark slices, K × S × S. */
  input: Float32Array;
  slices: number;
  batches: number[];
  warmupRuns: number;
  repetitions: number;
  readback: ReadbackMode;
  /** Receives each member's outputs for the parity check. */
  onOutputs: (label: string, probabilities: Float32Array) => Promise<void>;
  show: (text: string) => void;
  now: () => number;
}

export async function benchGroup(p: BenchGroupParams): Promise<void> {
  const S = p.manifest.input.sizePx;
  const names = p.members.map((m) => variantLabel(m.report.backend, m.report.variant));

  for (const [i, m] of p.members.entries()) {
    p.show(`${names[i]}: outputs for the parity check`);
    await p.onOutputs(
      names[i],
      await collectOutputs(m.runtime, p.input, p.slices, S, p.manifest.labels.length),
    );
  }

  p.show(`${names.join(' | ')}: batches ${p.batches.join(', ')}`);
  const results = await measureInterleaved({
    runtimes: p.members.map((m) => m.runtime),
    input: p.input,
    slices: p.slices,
    sizePx: S,
    batches: p.batches,
    warmupRuns: p.warmupRuns,
    repetitions: p.repetitions,
    readback: p.readback,
    now: p.now,
  });
  // Results come runtime by runtime, batch sizes inside.
  results.forEach((r, i) =>
    p.members[Math.floor(i / p.batches.length)].report.timings.push(r),
  );

  for (const [i, m] of p.members.entries()) {
    if (!m.study) continue;
    const best = m.report.timings.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
    p.show(`${names[i]}: whole study, batch ${best.batch}`);
    m.report.study = await segmentStudy({
      runtime: m.runtime,
      manifest: p.manifest,
      files: p.files,
      batch: best.batch,
      now: p.now,
    });
  }
}
