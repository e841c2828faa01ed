/**
 * The whole-study time "from drop to largest slice": DICOM files already in
 * memory (as a drop hands them over) → parse and sort → preprocess → segment
 * every slice → label areas → the slice with most kidney and tumour.
 *
 * Limitations: areas are counted on the network grid (pixels × spacing²), not
 * resampled back to the source grid; the parser is this module's minimal one.
 * TODO: time src/core/segmentation's runner instead once it exists.
 */
import type { SegmentationManifest } from '../manifest';
import type { SegmentationRuntime } from '../runtimes/runtime';
import type { StudyTiming } from '../types';
import { readCtSeries } from './dicomSlice';
import { preprocessSlices } from './preprocess';

export interface StudyParams {
  runtime: SegmentationRuntime;
  manifest: SegmentationManifest;
  files: readonly Uint8Array[];
  batch: number;
  now: () => number;
}

export const STUDY_PATH =
  'bench pipeline: minimal DICOM parse + manifest preprocessing + ' +
  'inference (labels read back) + area on network grid';

export async function segmentStudy(p: StudyParams): Promise<StudyTiming> {
  const S = p.manifest.input.sizePx;
  const plane = S * S;
  const t0 = p.now();
  const slices = readCtSeries(p.files);
  const t1 = p.now();
  const input = preprocessSlices(slices, p.manifest);
  const t2 = p.now();

  let inferenceMs = 0;
  let postprocessMs = 0;
  const areaPx = new Float64Array(slices.length);
  for (let start = 0; start < slices.length; start += p.batch) {
    const n = Math.min(p.batch, slices.length - start);
    const a = p.now();
    const labels = await p.runtime.labels(
      input.subarray(start * plane, (start + n) * plane),
      n,
    );
    const b = p.now();
    for (let j = 0; j < n; j++) {
      let count = 0;
      for (let i = j * plane; i < (j + 1) * plane; i++) {
        if (labels[i] !== 0) count++;
      }
      areaPx[start + j] = count;
    }
    inferenceMs += b - a;
    postprocessMs += p.now() - b;
  }

  let largest = 0;
  for (let k = 1; k < areaPx.length; k++) {
    if (areaPx[k] > areaPx[largest]) largest = k;
  }
  const t3 = p.now();
  const pixelMm2 = p.manifest.input.spacingMm ** 2;
  return {
    backend: p.runtime.id,
    batch: p.batch,
    slices: slices.length,
    totalMs: t3 - t0,
    parseMs: t1 - t0,
    preprocessMs: t2 - t1,
    inferenceMs,
    postprocessMs,
    largestSliceIndex: largest,
    largestAreaMm2: areaPx[largest] * pixelMm2,
    path: STUDY_PATH,
  };
}
