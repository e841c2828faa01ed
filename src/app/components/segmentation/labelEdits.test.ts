import { describe, expect, it } from 'vitest';
import { diffLabels, undoEdit } from './labelEdits';

describe('label edits', () => {
  it('records only the changed voxels and undoes them exactly', () => {
    const before = Uint8Array.from([0, 1, 1, 2, 0, 0]);
    const after = Uint8Array.from([0, 2, 1, 0, 0, 2]);
    const edit = diffLabels(before, after);
    expect(edit && Array.from(edit.indices)).toEqual([1, 3, 5]);
    expect(edit && Array.from(edit.before)).toEqual([1, 2, 0]);
    expect(edit && Array.from(edit.after)).toEqual([2, 0, 2]);
    expect(Array.from(undoEdit(after, edit!))).toEqual(Array.from(before));
  });

  it('returns null when nothing changed', () => {
    expect(diffLabels(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBeNull();
  });
});
