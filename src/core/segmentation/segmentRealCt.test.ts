/**
 * The whole TypeScript pipeline with the trained network on a real CT: the
 * 3D-IRCADb-01 DICOM series and its left and right kidney masks (no tumour).
 * Every fourth slice is segmented (the network is 2D, so the slices it sees
 * are the study's own). Also the TotalSegmentator example, a NIfTI in RAS
 * with organ labels (kidney_right 2, kidney_left 3). Checks kidney overlap and
 * that each kidney is reported on its own side, which fails if any
 * orientation step (DICOM LPS or NIfTI RAS) is wrong.
 *
 * Skipped, saying so, without the trained model (models/segmentation, or
 * SEG_MODEL_DIR) or the shared data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStudyFromPath } from '../dicom/node/readFolder';
import { openSeries } from '../dicom/openSeries';
import { initBackend } from '../inference/initBackend';
import { loadSegmentationModelFromDir } from '../inference/loadSegmentationModelFromDir';
import { measureLabels } from '../measurements/measureLabels';
import { readNifti } from '../nifti/readNifti';
import type { Measurements } from '../measurements/Measurements';
import type { LabelVolume, Volume } from '../volume/Volume';
import { segmentVolume } from './segmentVolume';

const root = resolve(__dirname, '../../..');
const modelDir = process.env.SEG_MODEL_DIR ?? join(root, 'models/segmentation');
const sharedData = process.env.SHARED_DATA ?? resolve(root, '../shared/data');
const ircadb = join(sharedData, 'ct/ircadb-01');
const totalseg = join(sharedData, 'ct/totalseg');
const missing = [
  join(modelDir, 'model.json'),
  join(ircadb, 'PATIENT_DICOM'),
  join(totalseg, 'example_ct_sm.nii.gz'),
].find((p) => !existsSync(p));
if (missing) console.warn(`segmentRealCt: skipped, ${missing} does not exist`);

const STEP = 4;

async function loadSeries(folder: string): Promise<Volume> {
  const study = await loadStudyFromPath(folder);
  return (await openSeries(study.series[study.defaultIndex])).volume;
}

/** Every STEP-th slice from `first`, as a volume with STEP× the slice spacing. */
function everyNthSlice<T extends Volume>(v: T, first: number): T {
  const plane = v.dims[0] * v.dims[1];
  const ks: number[] = [];
  for (let k = first; k < v.dims[2]; k += STEP) ks.push(k);
  const voxels = new (v.voxels.constructor as Int16ArrayConstructor)(plane * ks.length);
  ks.forEach((k, n) =>
    voxels.set(v.voxels.subarray(k * plane, (k + 1) * plane), n * plane),
  );
  const step = first * v.spacingMm[2];
  return {
    ...v,
    voxels,
    dims: [v.dims[0], v.dims[1], ks.length],
    spacingMm: [v.spacingMm[0], v.spacingMm[1], v.spacingMm[2] * STEP],
    originMm: v.originMm.map(
      (o, c) => o + step * v.direction[2][c],
    ) as Volume['originMm'],
  };
}

function dice(a: (i: number) => boolean, b: (i: number) => boolean, n: number): number {
  let both = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = a(i);
    const y = b(i);
    if (x && y) both++;
    sum += Number(x) + Number(y);
  }
  return (2 * both) / sum;
}

/** Segments a volume with the shipped network on WASM, releasing the model after. */
async function segmentWithShippedModel(volume: Volume): Promise<LabelVolume> {
  const model = await loadSegmentationModelFromDir(modelDir);
  try {
    return await segmentVolume({
      volume,
      manifest: model.manifest,
      model: model.sliceModel,
    });
  } finally {
    model.dispose();
  }
}

describe.skipIf(missing !== undefined)('segmentation of a real CT (3D-IRCADb-01)', () => {
  let ct: Volume;
  let left: Volume;
  let right: Volume;
  let labels: LabelVolume;
  let measurements: Measurements;

  beforeAll(async () => {
    await initBackend({ requested: 'wasm' });
    ct = everyNthSlice(await loadSeries(join(ircadb, 'PATIENT_DICOM')), 2);
    left = everyNthSlice(await loadSeries(join(ircadb, 'MASKS_DICOM/leftkidney')), 2);
    right = everyNthSlice(await loadSeries(join(ircadb, 'MASKS_DICOM/rightkidney')), 2);
    labels = await segmentWithShippedModel(ct);
    measurements = measureLabels(labels);
    console.info('segmentRealCt:', JSON.stringify(measurements));
  }, 600_000);

  it('masks share the CT grid', () => {
    expect(left.dims).toEqual(ct.dims);
    expect(right.originMm).toEqual(ct.originMm);
  });

  it('finds the kidneys (Dice of kidney ∪ tumour against both masks)', () => {
    const n = labels.labels.length;
    const score = dice(
      (i) => labels.labels[i] > 0,
      (i) => left.voxels[i] > 0 || right.voxels[i] > 0,
      n,
    );
    console.info(`segmentRealCt: kidney Dice ${score.toFixed(3)}`);
    expect(score).toBeGreaterThan(0.8);
  });

  it('reports each kidney on its own side with about its true volume', () => {
    const voxelMl = (ct.spacingMm[0] * ct.spacingMm[1] * ct.spacingMm[2]) / 1000;
    const volumeMl = (mask: Volume) => mask.voxels.filter((v) => v > 0).length * voxelMl;
    const found = measurements.kidneys;
    for (const [side, mask] of [
      ['left', left],
      ['right', right],
    ] as const) {
      const m = found[side];
      expect(m, side).not.toBeNull();
      const total = (m?.kidneyVolumeMl ?? 0) + (m?.tumourVolumeMl ?? 0);
      expect(total / volumeMl(mask), side).toBeGreaterThan(0.75);
      expect(total / volumeMl(mask), side).toBeLessThan(1.25);
    }
  });
});

describe.skipIf(missing !== undefined)(
  'segmentation of a real NIfTI CT (TotalSegmentator)',
  () => {
    let ct: Volume;
    let organs: Volume;
    let labels: LabelVolume;
    let measurements: Measurements;

    beforeAll(async () => {
      await initBackend({ requested: 'wasm' });
      ct = readNifti(readFileSync(join(totalseg, 'example_ct_sm.nii.gz')));
      organs = readNifti(readFileSync(join(totalseg, 'example_seg.nii.gz')));
      labels = await segmentWithShippedModel(ct);
      measurements = measureLabels(labels);
      console.info('segmentRealCt (NIfTI):', JSON.stringify(measurements));
    }, 600_000);

    it('finds the kidneys and puts each on its own side', () => {
      expect(organs.dims).toEqual(ct.dims);
      const isKidney = (i: number) => organs.voxels[i] === 2 || organs.voxels[i] === 3;
      const score = dice((i) => labels.labels[i] > 0, isKidney, labels.labels.length);
      console.info(`segmentRealCt (NIfTI): kidney Dice ${score.toFixed(3)}`);
      expect(score).toBeGreaterThan(0.75);

      const voxelMl = (ct.spacingMm[0] * ct.spacingMm[1] * ct.spacingMm[2]) / 1000;
      for (const [side, label] of [
        ['right', 2],
        ['left', 3],
      ] as const) {
        const truthMl = organs.voxels.filter((v) => v === label).length * voxelMl;
        const m = measurements.kidneys[side];
        const found = (m?.kidneyVolumeMl ?? 0) + (m?.tumourVolumeMl ?? 0);
        expect(found / truthMl, side).toBeGreaterThan(0.7);
        expect(found / truthMl, side).toBeLessThan(1.3);
      }
    });
  },
);
