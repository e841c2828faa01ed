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

/** What the labels were before an opened mask replaced them. */
export interface ReplacedMask {
  /** The labels; null when there were none. */
  labels: Uint8Array | null;
  /** Where they came from. */
  source: LabelSource | null;
  /** Their SegmentationState.maskId. */
  maskId: number;
}

/**
 * The undoable edit of replacing the labels with an opened mask's.
 *
 * @param before - the labels now, their source and mask id
 * @param after - the mask's labels (same size)
 */
export function replacementEdit(before: ReplacedMask, after: Uint8Array): LabelEdit {
  const hadLabels = before.labels !== null;
  const edit = diffLabels(before.labels ?? new Uint8Array(after.length), after) ?? {
    indices: new Uint32Array(0),
    before: new Uint8Array(0),
    after: new Uint8Array(0),
  };
  return {
    ...edit,
    replaced: {
      source: hadLabels ? before.source : null,
      hadLabels,
      maskId: before.maskId,
    },
  };
}

/** The labels, their source and mask id once an edit is undone. */
export interface Undone {
  /** Null when the edit opened a mask where there were no labels. */
  labels: Uint8Array | null;
  source: LabelSource | null;
  /** A stroke's undo keeps the mask; an opened mask's brings back the one before. */
  maskId: number;
}

/**
 * Undoes one edit: a stroke gives back the voxels it changed; an opened mask
 * gives back the labels it replaced, their source and mask id.
 *
 * @param current - the source and mask id of `labels`
 */
export function undoLabelEdit(
  labels: Uint8Array,
  edit: LabelEdit,
  current: { source: LabelSource | null; maskId: number },
): Undone {
  if (!edit.replaced) return { labels: undoEdit(labels, edit), ...current };
  const { source, hadLabels, maskId } = edit.replaced;
  if (!hadLabels) return { labels: null, source: null, maskId };
  return { labels: undoEdit(labels, edit), source, maskId };
}
