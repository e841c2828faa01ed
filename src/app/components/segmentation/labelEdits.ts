/**
 * Manual edits of a label map as differences: what a brush stroke changed
 * (to undo it) and how to put the previous labels back. Pure functions.
 */
import type { LabelEdit } from '../../store/segmentationStore';

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

/** A copy of `labels` with `edit` undone. */
export function undoEdit(labels: Uint8Array, edit: LabelEdit): Uint8Array {
  const out = labels.slice();
  for (let n = 0; n < edit.indices.length; n++) out[edit.indices[n]] = edit.before[n];
  return out;
}
