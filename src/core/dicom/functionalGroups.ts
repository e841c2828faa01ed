/**
 * Functional groups of multi-frame images (PS3.3 §C.7.6.16): the Shared
 * (5200,9229) and Per-frame (5200,9230) Functional Groups Sequences. Each
 * functional group macro sits in one or the other; a per-frame item wins.
 * Used by {@link frameInstances} to give every frame its own geometry and
 * rescale.
 */
import type { DataSet } from 'dicom-parser';
import type { Vec3 } from '../volume/Volume';
import { readNumbers } from './dicomNumbers';

const SHARED_GROUPS = 'x52009229';
const PER_FRAME_GROUPS = 'x52009230';

/** Functional group macros read here (PS3.3 §C.7.6.16.2). */
const PIXEL_MEASURES = 'x00289110';
const PLANE_POSITION = 'x00209113';
const PLANE_ORIENTATION = 'x00209116';
const PIXEL_VALUE_TRANSFORMATION = 'x00289145';
const FRAME_CONTENT = 'x00209111';

/** What one frame's functional groups say; absent fields were not given. */
export interface FrameAttributes {
  /** Image Position (Patient), LPS mm. */
  positionMm?: Vec3;
  orientation?: [Vec3, Vec3];
  /** [between rows, between columns], mm. */
  pixelSpacingMm?: [number, number];
  sliceThicknessMm?: number;
  rescaleSlope?: number;
  rescaleIntercept?: number;
  /** In-Stack Position Number (0020,9057) of Frame Content. */
  inStackPosition?: number;
}

function firstItem(ds: DataSet | undefined, tag: string): DataSet | undefined {
  return ds?.elements[tag]?.items?.[0]?.dataSet;
}

/** Number of items in the Per-frame Functional Groups Sequence, or null. */
export function perFrameGroupCount(ds: DataSet): number | null {
  const el = ds.elements[PER_FRAME_GROUPS];
  return el ? (el.items?.length ?? 0) : null;
}

/** True when the object carries shared or per-frame functional groups. */
export function hasFunctionalGroups(ds: DataSet): boolean {
  return Boolean(ds.elements[PER_FRAME_GROUPS] || ds.elements[SHARED_GROUPS]);
}

/**
 * The attributes of frame `frameIndex` (0-based) from the functional groups.
 *
 * @param ds - the multi-frame object
 * @param frameIndex - 0-based frame number
 */
export function readFrameAttributes(ds: DataSet, frameIndex: number): FrameAttributes {
  const perFrame = ds.elements[PER_FRAME_GROUPS]?.items?.[frameIndex]?.dataSet;
  const shared = firstItem(ds, SHARED_GROUPS);
  const macro = (tag: string) => firstItem(perFrame, tag) ?? firstItem(shared, tag);

  const position = readNumbers(macro(PLANE_POSITION), 'x00200032', 3);
  const iop = readNumbers(macro(PLANE_ORIENTATION), 'x00200037', 6);
  const measures = macro(PIXEL_MEASURES);
  const spacing = readNumbers(measures, 'x00280030', 2);
  const transform = macro(PIXEL_VALUE_TRANSFORMATION);
  return {
    positionMm: position as Vec3 | undefined,
    orientation: iop ? [iop.slice(0, 3) as Vec3, iop.slice(3, 6) as Vec3] : undefined,
    pixelSpacingMm: spacing as [number, number] | undefined,
    sliceThicknessMm: readNumbers(measures, 'x00180050', 1)?.[0],
    rescaleSlope: readNumbers(transform, 'x00281053', 1)?.[0],
    rescaleIntercept: readNumbers(transform, 'x00281052', 1)?.[0],
    inStackPosition: macro(FRAME_CONTENT)?.uint32('x00209057'),
  };
}
