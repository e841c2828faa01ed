/**
 * Opens a study the way the app does after a drop (src/core/dicom), and
 * prepares the benchmark's network inputs from it with the app's own
 * preprocessing (src/core/segmentation), so every runtime sees the same
 * real slices.
 */
import { loadStudyFromFiles, openSeries, type InputFile } from '../../core/dicom';
import { computeAxialLayout, readAxialSlice } from '../../core/segmentation/axialLayout';
import { preprocessSlice } from '../../core/segmentation/preprocessSlice';
import type { SegmentationManifest } from '../../core/segmentation/SegmentationManifest';
import type { Volume } from '../../core/volume/Volume';

/** Loads the default series of a set of files into a volume. */
export async function openStudyVolume(files: InputFile[]): Promise<Volume> {
  const study = loadStudyFromFiles(files);
  if (study.defaultIndex < 0) {
    throw new Error(`no usable series: ${study.messages.map((m) => m.text).join(' ')}`);
  }
  return (await openSeries(study.series[study.defaultIndex])).volume;
}

/**
 * `count` axial slice indices spread evenly over the middle 60 % of the
 * study, where the abdomen (and the kidneys) are.
 */
export function pickSliceIndices(sliceCount: number, count: number): number[] {
  const lo = Math.floor(sliceCount * 0.2);
  const hi = Math.max(lo, Math.ceil(sliceCount * 0.8) - 1);
  return Array.from({ length: count }, (_, i) =>
    Math.round(count === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * i) / (count - 1)),
  );
}

/** The network inputs of the given axial slices, K × S × S (NHWC, C = 1). */
export function preprocessVolumeSlices(
  volume: Volume,
  indices: readonly number[],
  manifest: Pick<SegmentationManifest, 'input' | 'intensity'>,
): Float32Array {
  const layout = computeAxialLayout(volume);
  const S = manifest.input.sizePx;
  const out = new Float32Array(indices.length * S * S);
  const hu = new Float32Array(layout.height * layout.width);
  indices.forEach((k, i) => {
    readAxialSlice(volume.voxels, layout, k, hu);
    preprocessSlice(
      { ...layout, hu },
      manifest,
      out.subarray(i * S * S, (i + 1) * S * S),
    );
  });
  return out;
}
