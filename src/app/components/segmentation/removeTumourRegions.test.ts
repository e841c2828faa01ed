/**
 * Removing whole tumour regions from the Segmentation panel: one undoable
 * edit per removal that sets the region's voxels to background, re-measures
 * and re-lists the regions, keeps the mask (and so the user's confirmation of
 * its tumour, as a brush stroke does), and that undo takes back exactly.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { measureLabels } from '../../../core/measurements/measureLabels';
import type { LabelVolume, Vec3 } from '../../../core/volume/Volume';
import { axisAlignedGrid } from '../../../core/volume/testing/axisAlignedGrid';

let actions: typeof import('./segmentationActions');
let segmentation: typeof import('../../store/segmentationStore');

beforeAll(async () => {
  vi.stubGlobal('location', { search: '', href: 'http://127.0.0.1/' });
  actions = await import('./segmentationActions');
  segmentation = await import('../../store/segmentationStore');
});

const state = () => segmentation.useSegmentationStore.getState();
const grid = axisAlignedGrid([40, 20, 12], [1, 1, 2]);

function paint(labels: Uint8Array, min: Vec3, max: Vec3, label: number): void {
  const [nx, ny] = grid.dims;
  for (let k = min[2]; k <= max[2]; k++)
    for (let j = min[1]; j <= max[1]; j++)
      for (let i = min[0]; i <= max[0]; i++) labels[i + j * nx + k * nx * ny] = label;
}

/** Two kidneys, a tumour in the left one and two false tumours on the right. */
function mask(): Uint8Array {
  const labels = new Uint8Array(grid.dims[0] * grid.dims[1] * grid.dims[2]);
  paint(labels, [2, 2, 1], [10, 12, 10], 1);
  paint(labels, [28, 2, 1], [37, 12, 10], 1);
  paint(labels, [30, 4, 4], [34, 8, 8], 2);
  paint(labels, [4, 4, 2], [6, 6, 4], 2);
  paint(labels, [11, 5, 8], [11, 6, 9], 2);
  return labels;
}

/** Waits until the labels now in the store are measured and listed. */
async function measured() {
  await vi.waitFor(() =>
    expect(state().tumourRegionsVersion).toBe(state().labelsVersion),
  );
  const s = state();
  const volume: LabelVolume = s.labels!;
  expect(s.measurements).toEqual(measureLabels(volume));
  return s;
}

/** Opens `labels` as a mask on the grid and waits until it is measured. */
async function openMask(labels: Uint8Array) {
  actions.showOpenedMask('mask.nii.gz', labels, grid);
  return measured();
}

const tumourVoxels = (labels: Uint8Array) => labels.filter((v) => v === 2).length;

describe('removing a tumour region', () => {
  it('sets its voxels to background as one edit that keeps the mask, and undo restores exactly', async () => {
    const opened = await openMask(mask());
    expect(opened.tumourRegions!.map((r) => r.voxels.length)).toEqual([125, 27, 4]);
    expect(opened.measurements!.tumourComponentCount).toBe(3);

    const [, falseTumour] = opened.tumourRegions!;
    actions.removeTumourRegions([falseTumour]);
    const removed = await measured();
    const expected = opened.labels!.labels.slice();
    for (const v of falseTumour.voxels) expected[v] = 0;
    expect(removed.labels!.labels).toEqual(expected);
    expect(removed.maskId).toBe(opened.maskId);
    expect(removed.source).toEqual(opened.source);
    expect(removed.undoStack).toHaveLength(opened.undoStack.length + 1);
    expect(removed.labelsVersion).toBeGreaterThan(opened.labelsVersion);
    expect(removed.measurements!.tumourComponentCount).toBe(2);
    expect(removed.measurements!.kidneys.right!.tumourVolumeMl).toBeCloseTo(0.008, 12);
    expect(removed.tumourRegions!.map((r) => r.voxels.length)).toEqual([125, 4]);

    actions.undoLastEdit();
    const undone = await measured();
    expect(undone.labels!.labels).toEqual(opened.labels!.labels);
    expect(undone.measurements).toEqual(opened.measurements);
    expect(undone.tumourRegions).toEqual(opened.tumourRegions);
    expect(undone.maskId).toBe(opened.maskId);
    expect(undone.undoStack).toHaveLength(opened.undoStack.length);
  });

  it('moves the largest tumour slice to the next region when the largest goes', async () => {
    const opened = await openMask(mask());
    expect(opened.measurements!.largestTumourSlice!.index).toBe(4);
    actions.removeTumourRegions([opened.tumourRegions![0]]);
    const removed = await measured();
    expect(removed.measurements!.largestTumourSlice!.index).toBe(2);
    expect(removed.measurements!.tumourSide).toBe('right');
  });

  it('does nothing with regions listed for labels that have changed since', async () => {
    const opened = await openMask(mask());
    const [, second, third] = opened.tumourRegions!;
    actions.removeTumourRegions([third]);
    const removed = await measured();
    actions.removeTumourRegions([second]);
    expect(state().labels).toBe(removed.labels);
    expect(state().undoStack).toHaveLength(removed.undoStack.length);

    // Labels changed, their regions not listed yet: the list is stale.
    const [first] = removed.tumourRegions!;
    state().set({ labelsVersion: removed.labelsVersion + 1 });
    actions.removeTumourRegions([first]);
    actions.removeAllTumour();
    expect(state().labels).toBe(removed.labels);
  });
});

describe('removing all tumour', () => {
  it('leaves the kidneys, and one undo brings every region back', async () => {
    const opened = await openMask(mask());
    actions.removeAllTumour();
    const cleared = await measured();
    expect(tumourVoxels(cleared.labels!.labels)).toBe(0);
    const kidney = opened.labels!.labels.map((v) => (v === 2 ? 0 : v));
    expect(cleared.labels!.labels).toEqual(kidney);
    expect(cleared.tumourRegions).toEqual([]);
    expect(cleared.measurements!.tumourVolumeMl).toBe(0);
    expect(cleared.measurements!.largestTumourSlice).toBeNull();
    expect(cleared.maskId).toBe(opened.maskId);
    expect(cleared.undoStack).toHaveLength(opened.undoStack.length + 1);

    actions.undoLastEdit();
    const undone = await measured();
    expect(undone.labels!.labels).toEqual(opened.labels!.labels);
    expect(undone.measurements).toEqual(opened.measurements);
  });
});
