/**
 * Manual edits of a label map as differences: what a brush stroke changed
 * (to undo it), the edit that removes whole tumour regions, and how to apply
 * or take back an edit. Pure functions.
 */
import type { TumourRegion } from '../../../core/measurements/tumourRegions';
import type { LabelEdit } from '../../store/segmentationStore';

const TUMOUR = 2;

/**
 * The voxels where `after` differs from `before`.
 *
 * @returns null when nothing changed
 */
export function diffLabels(before: Uint8Array, after: Uint8Array): LabelEdit | null {
  if (before.length !== after.length) throw new Error('label maps differ in size');
  let count = 0;
  for (let v = 0; v < before.length; v++) if (before[v] !== after[v]) count++;
  if (count === 0) return null;

  const edit: LabelEdit = {
    indices: new Uint32Array(count),
    before: new Uint8Array(count),
    after: new Uint8Array(count),
  };
  let n = 0;
  for (let v = 0; v < before.length; v++) {
    if (before[v] === after[v]) continue;
    edit.indices[n] = v;
    edit.before[n] = before[v];
    edit.after[n] = after[v];
    n++;
  }
  return edit;
}

/**
 * The edit that sets the voxels of tumour regions to background.
 *
 * @param regions - regions of the labels the edit will apply to
 * @returns null when there is nothing to remove
 */
export function regionRemovalEdit(regions: readonly TumourRegion[]): LabelEdit | null {
  const count = regions.reduce((n, r) => n + r.voxels.length, 0);
  if (count === 0) return null;
  const indices = new Uint32Array(count);
  let n = 0;
  for (const r of regions) {
    indices.set(r.voxels, n);
    n += r.voxels.length;
  }
  return {
    indices,
    before: new Uint8Array(count).fill(TUMOUR),
    after: new Uint8Array(count),
  };
}

/** A copy of `labels` with `edit` applied. */
export function applyEdit(labels: Uint8Array, edit: LabelEdit): Uint8Array {
  const out = labels.slice();
  for (let n = 0; n < edit.indices.length; n++) out[edit.indices[n]] = edit.after[n];
  return out;
}

/** A copy of `labels` with `edit` undone. */
export function undoEdit(labels: Uint8Array, edit: LabelEdit): Uint8Array {
  const out = labels.slice();
  for (let n = 0; n < edit.indices.length; n++) out[edit.indices[n]] = edit.before[n];
  return out;
}
