/**
 * An opened mask file taking the place of the segmentation, as one undoable
 * change: its labels as the overlay shows them (label 3, cyst, becomes
 * kidney, as the plan counts it), the edit that records what it replaced,
 * and what undoing an edit gives back. Pure functions; segmentationActions.ts
 * applies them to the store.
 */
import type { LabelEdit, LabelSource } from '../../store/segmentationStore';
import { diffLabels, undoEdit } from './labelEdits';

const KIDNEY = 1;
const CYST = 3;

/** A mask file's labels as the overlay holds them. */
export interface OverlayMask {
  /** 0 background, 1 kidney (cysts included), 2 tumour. */
  labels: Uint8Array;
  /** Voxels that were label 3 (cyst) in the file. */
  cystVoxels: number;
}

/**
 * The overlay's labels of a mask file: 0, 1 and 2 as they are, 3 (cyst) as 1
 * (kidney). The overlay, the brush and the measurements know kidney and
 * tumour only, and the planning features count a cyst as kidney already.
 *
 * @param fileLabels - 0 background, 1 kidney, 2 tumour, 3 cyst
 */
export function overlayMaskOf(fileLabels: Uint8Array): OverlayMask {
  const labels = fileLabels.slice();
  let cystVoxels = 0;
  for (let v = 0; v < labels.length; v++) {
    if (labels[v] !== CYST) continue;
    labels[v] = KIDNEY;
    cystVoxels++;
  }
  return { labels, cystVoxels };
}

/**
 * The undoable edit of replacing the labels with an opened mask's.
 *
 * @param before - the labels now; null when there are none
 * @param after - the mask's labels (same size)
 * @param sourceBefore - where the labels now came from
 */
export function replacementEdit(
  before: Uint8Array | null,
  after: Uint8Array,
  sourceBefore: LabelSource | null,
): LabelEdit {
  const edit = diffLabels(before ?? new Uint8Array(after.length), after) ?? {
    indices: new Uint32Array(0),
    before: new Uint8Array(0),
    after: new Uint8Array(0),
  };
  return {
    ...edit,
    replaced: { source: before ? sourceBefore : null, hadLabels: before !== null },
  };
}

/** The labels and their source once an edit is undone. */
export interface Undone {
  /** Null when the edit opened a mask where there were no labels. */
  labels: Uint8Array | null;
  source: LabelSource | null;
}

/**
 * Undoes one edit: a stroke gives back the voxels it changed; an opened mask
 * gives back the labels it replaced, and their source.
 *
 * @param source - the source of `labels`
 */
export function undoLabelEdit(
  labels: Uint8Array,
  edit: LabelEdit,
  source: LabelSource | null,
): Undone {
  if (!edit.replaced) return { labels: undoEdit(labels, edit), source };
  if (!edit.replaced.hadLabels) return { labels: null, source: null };
  return { labels: undoEdit(labels, edit), source: edit.replaced.source };
}
