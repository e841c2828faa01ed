/**
 * The whole-study time "from drop to largest slice", on the app's own path:
 * the study's files already in memory (as a drop hands them over) →
 * loadStudyFromFiles + openSeries (src/core/dicom) → segmentVolume, the slice
 * runner with its preprocessing, back-mapping and post-processing
 * (src/core/segmentation) → measureLabels, which finds the largest tumour
 * slice (src/core/measurements). Only the network behind the runner changes.
 */
import type { InputFile } from '../../core/dicom';
import { measureLabels } from '../../core/measurements/measureLabels';
import type { SegmentationManifest } from '../../core/segmentation/SegmentationManifest';
import { segmentVolume } from '../../core/segmentation/segmentVolume';
import type { SliceModel } from '../../core/segmentation/SliceModel';
import type { SegmentationRuntime } from '../runtimes/runtime';
import type { StudyTiming } from '../types';
import { openStudyVolume } from './openStudy';

export interface StudyParams {
  runtime: SegmentationRuntime;
  manifest: SegmentationManifest;
  files: InputFile[];
  batch: number;
  now: () => number;
}

export const STUDY_PATH =
  'app path: loadStudyFromFiles + openSeries → segmentVolume (batch, default ' +
  'post-processing) → measureLabels; files already in memory';

/** Wraps a SliceModel so the time spent inside the network is summed. */
function timed(model: SliceModel, now: () => number, total: { ms: number }): SliceModel {
  return {
    sizePx: model.sizePx,
    labelCount: model.labelCount,
    async predict(batch, count) {
      const t0 = now();
      try {
        return await model.predict(batch, count);
      } finally {
        total.ms += now() - t0;
      }
    },
  };
}

export async function segmentStudy(p: StudyParams): Promise<StudyTiming> {
  const inference = { ms: 0 };
  const model = timed(p.runtime.sliceModel(p.manifest), p.now, inference);

  const t0 = p.now();
  const volume = await openStudyVolume(p.files);
  const t1 = p.now();
  const labels = await segmentVolume({
    volume,
    manifest: p.manifest,
    model,
    batchSize: p.batch,
  });
  const t2 = p.now();
  const measurements = measureLabels(labels);
  const t3 = p.now();

  const largest = measurements.largestTumourSlice;
  return {
    backend: p.runtime.id,
    batch: p.batch,
    slices: volume.dims[2],
    totalMs: t3 - t0,
    loadMs: t1 - t0,
    segmentMs: t2 - t1,
    inferenceMs: inference.ms,
    measureMs: t3 - t2,
    largestSliceIndex: largest?.index ?? null,
    largestAreaMm2: largest?.areaMm2 ?? 0,
    path: STUDY_PATH,
  };
}
