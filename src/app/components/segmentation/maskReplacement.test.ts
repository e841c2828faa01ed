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

  it('undoes a replacement back to the labels, source and mask before it', () => {
    const before = Uint8Array.of(0, 1, 1, 2);
    const after = Uint8Array.of(2, 1, 0, 0);
    const edit = replacementEdit(
      { labels: before, source: { kind: 'network' }, maskId: 4 },
      after,
    );
    expect(Array.from(edit.indices)).toEqual([0, 2, 3]);
    const undone = undoLabelEdit(after, edit, {
      source: { kind: 'file', name: 'm.nii.gz', cystVoxels: 0 },
      maskId: 5,
    });
    expect(Array.from(undone.labels!)).toEqual(Array.from(before));
    expect(undone.source).toEqual({ kind: 'network' });
    expect(undone.maskId).toBe(4);
  });

  it('undoes a replacement of no labels back to none', () => {
    const edit = replacementEdit(
      { labels: null, source: null, maskId: 1 },
      Uint8Array.of(0, 2),
    );
    expect(undoLabelEdit(Uint8Array.of(0, 2), edit, { source: null, maskId: 2 })).toEqual(
      { labels: null, source: null, maskId: 1 },
    );
  });

  it('keeps an identical mask undoable (its source changes)', () => {
    const labels = Uint8Array.of(0, 1, 2);
    const edit = replacementEdit(
      { labels, source: { kind: 'network' }, maskId: 1 },
      labels.slice(),
    );
    expect(edit.indices).toHaveLength(0);
    expect(undoLabelEdit(labels, edit, { source: null, maskId: 2 }).source).toEqual({
      kind: 'network',
    });
  });

  it('undoes a stroke within the same mask', () => {
    const labels = Uint8Array.of(0, 2, 2);
    const stroke = {
      indices: Uint32Array.of(1),
      before: Uint8Array.of(0),
      after: Uint8Array.of(2),
    };
    const undone = undoLabelEdit(labels, stroke, {
      source: { kind: 'network' },
      maskId: 7,
    });
    expect(Array.from(undone.labels!)).toEqual([0, 0, 2]);
    expect(undone.maskId).toBe(7);
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
