import { beforeEach, describe, expect, it } from 'vitest';
import type { LabelVolume } from '../../../core/volume/Volume';
import { axisAlignedGrid } from '../../../core/volume/testing/axisAlignedGrid';
import { useSegmentationStore } from '../../store/segmentationStore';
import { overlayMaskOf, replacementEdit, undoLabelEdit } from './maskReplacement';
import { showOpenedMask, undoLastEdit } from './segmentationActions';

describe('an opened mask as overlay labels', () => {
  it('shows a cyst (3) as kidney (1) and counts it, leaving the file labels alone', () => {
    const file = Uint8Array.of(0, 1, 2, 3, 3, 0);
    const mask = overlayMaskOf(file);
    expect(Array.from(mask.labels)).toEqual([0, 1, 2, 1, 1, 0]);
    expect(mask.cystVoxels).toBe(2);
    expect(Array.from(file)).toEqual([0, 1, 2, 3, 3, 0]);
  });

  it('undoes a replacement back to the labels and source before it', () => {
    const before = Uint8Array.of(0, 1, 1, 2);
    const after = Uint8Array.of(2, 1, 0, 0);
    const edit = replacementEdit(before, after, { kind: 'network' });
    expect(Array.from(edit.indices)).toEqual([0, 2, 3]);
    const undone = undoLabelEdit(after, edit, {
      kind: 'file',
      name: 'm.nii.gz',
      cystVoxels: 0,
    });
    expect(Array.from(undone.labels!)).toEqual(Array.from(before));
    expect(undone.source).toEqual({ kind: 'network' });
  });

  it('undoes a replacement of no labels back to none', () => {
    const edit = replacementEdit(null, Uint8Array.of(0, 2), null);
    expect(undoLabelEdit(Uint8Array.of(0, 2), edit, null)).toEqual({
      labels: null,
      source: null,
    });
  });

  it('keeps an identical mask undoable (its source changes)', () => {
    const labels = Uint8Array.of(0, 1, 2);
    const edit = replacementEdit(labels, labels.slice(), { kind: 'network' });
    expect(edit.indices).toHaveLength(0);
    expect(undoLabelEdit(labels, edit, null).source).toEqual({ kind: 'network' });
  });
});

describe('opening masks on the study grid, then undo', () => {
  const grid: Omit<LabelVolume, 'labels'> = axisAlignedGrid([2, 2, 2]);
  const state = () => useSegmentationStore.getState();

  beforeEach(() => state().reset());

  it('replaces the labels, measures them, and undo restores each previous one', async () => {
    showOpenedMask('a.nii.gz', Uint8Array.of(1, 1, 2, 2, 0, 0, 3, 0), grid);
    const a = state().labels!;
    expect(Array.from(a.labels)).toEqual([1, 1, 2, 2, 0, 0, 1, 0]);
    expect(a.dims).toEqual([2, 2, 2]);
    expect(state().source).toEqual({ kind: 'file', name: 'a.nii.gz', cystVoxels: 1 });
    await expect.poll(() => state().measurements?.tumourVolumeMl).toBeCloseTo(0.002);

    const versionA = state().labelsVersion;
    showOpenedMask('b.nii.gz', Uint8Array.of(0, 0, 0, 0, 2, 2, 2, 1), grid);
    expect(state().labelsVersion).toBe(versionA + 1);
    expect(state().undoStack).toHaveLength(2);
    await expect.poll(() => state().measurements?.tumourVolumeMl).toBeCloseTo(0.003);

    undoLastEdit();
    expect(Array.from(state().labels!.labels)).toEqual(Array.from(a.labels));
    expect(state().source).toMatchObject({ kind: 'file', name: 'a.nii.gz' });
    await expect.poll(() => state().measurements?.tumourVolumeMl).toBeCloseTo(0.002);

    undoLastEdit();
    expect(state().labels).toBeNull();
    expect(state().source).toBeNull();
    expect(state().measurements).toBeNull();
    expect(state().undoStack).toHaveLength(0);
  });
});
