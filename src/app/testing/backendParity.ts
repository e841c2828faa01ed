/**
 * TEST-ONLY: runs the segmentation network on a few axial slices of the
 * study on screen once per forced backend (each in its own worker, as the app
 * runs it) and returns the raw argmax labels, so a test can compare WebGPU
 * with WASM. Loaded on demand by the test hook; the app never calls it.
 */
import type { BackendChoice } from '../../core/inference/chooseBackend';
import type { Volume } from '../../core/volume/Volume';
import { createSegmentationClient } from '../../workers/segmentationClient';
import { SEGMENTATION_MODEL_URL } from '../components/segmentation/segmentationActions';
import { useStudyStore } from '../store/studyStore';
import { labelRuns } from './labelRuns';

export interface BackendRun {
  backend: BackendChoice;
  /** Run-length encoded raw labels of the slab. */
  runs: number[];
  seconds: number;
}

/** Slices [first, first + count) of a volume whose third axis is the slice axis. */
function slab(volume: Volume, first: number, count: number): Volume {
  const [nx, ny] = volume.dims;
  const size = nx * ny;
  const origin = volume.originMm.map(
    (o, c) => o + first * volume.spacingMm[2] * volume.direction[2][c],
  ) as Volume['originMm'];
  return {
    ...volume,
    voxels: volume.voxels.slice(first * size, (first + count) * size),
    dims: [nx, ny, count],
    originMm: origin,
  };
}

export async function runOnBackends(
  first: number,
  count: number,
  backends: string[],
): Promise<BackendRun[]> {
  const volume = useStudyStore.getState().volume;
  if (!volume) throw new Error('no volume loaded');
  const part = slab(volume, first, count);
  const out: BackendRun[] = [];
  for (const backend of backends) {
    const client = await createSegmentationClient(SEGMENTATION_MODEL_URL, { backend });
    try {
      const started = performance.now();
      const result = await client.run(part, { raw: true, batchSize: 1 });
      out.push({
        backend: client.backendInfo,
        runs: labelRuns(result.labels.labels),
        seconds: (performance.now() - started) / 1000,
      });
    } finally {
      client.dispose();
    }
  }
  return out;
}
