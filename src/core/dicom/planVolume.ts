/**
 * Works out the grid of a series before any pixel is decoded: which slices
 * (consistent size and orientation, no duplicates), in which order (along the
 * slice normal), with which spacing, origin and axes — and every warning a
 * user must see about that geometry.
 */
import type { Vec3 } from '../volume/Volume';
import { addScaled, dot, normalize, sub } from '../volume/vec3';
import type { DicomInstance } from './DicomInstance';
import type { StudyMessage } from './StudyMessage';
import { plural } from './StudyMessage';
import { consistentGeometry } from './consistentGeometry';
import {
  analyseSliceSpacing,
  describeGaps,
  sliceIndices,
  type SpacingReport,
} from './sliceSpacing';
import { sortSlices } from './sortSlices';
import { sliceShifts, type SliceShift } from './tiltCorrection';

export interface VolumePlan {
  /** Slices in volume order. */
  slices: DicomInstance[];
  /**
   * Volume index k of each slice: consecutive, except across a gap of whole
   * missing slices, whose places {@link buildVolume} fills with empty slices.
   */
  sliceIndices: number[];
  /** Slices along k, empty filler included. */
  depth: number;
  spacingMm: Vec3;
  originMm: Vec3;
  direction: [Vec3, Vec3, Vec3];
  /**
   * In-plane shift of each slice (voxels) when the slices are not stacked
   * along their normal (gantry tilt); {@link buildVolume} resamples the
   * stack onto an orthogonal grid with them. Null when the stack is straight.
   */
  shifts: SliceShift[] | null;
  warnings: StudyMessage[];
}

/** cos(0.5°): slice positions further off the normal mean a sheared grid. */
const SHEAR_COS = Math.cos((0.5 * Math.PI) / 180);

function warn(code: StudyMessage['code'], text: string): StudyMessage {
  return { level: 'warning', code, text };
}

/** Sorted slices, their spacing along the normal, and the order warnings. */
function orderSlices(instances: DicomInstance[], warnings: StudyMessage[]) {
  const sorted = sortSlices(instances);
  if (!sorted.positionsMm) {
    if (instances.length > 1) {
      const by = sorted.method === 'instance-number' ? 'Instance Number' : 'file order';
      warnings.push(
        warn(
          'no-position',
          `The images carry no Image Position (Patient); slices are ordered by ${by} ` +
            'and the slice spacing is taken from Slice Thickness.',
        ),
      );
    }
    return {
      slices: sorted.slices,
      indices: sorted.slices.map((_, k) => k),
      normal: sorted.normal,
      spacingMm: null,
    };
  }

  const duplicate = new Set(analyseSliceSpacing(sorted.positionsMm).duplicates);
  if (duplicate.size > 0) {
    warnings.push(
      warn(
        'duplicate-positions',
        `${plural(duplicate.size, 'slice')} at the same position as another left out ` +
          '(the series may hold two acquisitions).',
      ),
    );
  }
  const slices = sorted.slices.filter((_, i) => !duplicate.has(i));
  const positionsMm = sorted.positionsMm.filter((_, i) => !duplicate.has(i));
  const report = analyseSliceSpacing(positionsMm);
  const indices = sliceIndices(report, slices.length);
  if (report.gaps.length > 0) {
    warnings.push(warn('missing-slices', describeGaps(report, indices)));
  }
  if (report.uneven) {
    warnings.push(
      warn('inconsistent-spacing', describeUnevenSpacing(report, positionsMm, indices)),
    );
  }
  return { slices, indices, normal: sorted.normal, spacingMm: report.spacingMm };
}

/**
 * The uneven-spacing warning: how far the worst slice sits from its recorded
 * position once every slice is placed one nominal spacing after the last
 * (after a filled gap, after the empty slices).
 */
function describeUnevenSpacing(
  report: SpacingReport,
  positionsMm: number[],
  indices: number[],
): string {
  const spacingMm = report.spacingMm!;
  let offMm = 0;
  for (let n = 1; n < positionsMm.length; n++) {
    const placedMm = indices[n] * spacingMm;
    offMm = Math.max(offMm, Math.abs(positionsMm[n] - positionsMm[0] - placedMm));
  }
  return (
    `Inconsistent slice spacing: from ${report.minMm.toFixed(2)} to ` +
    `${report.maxMm.toFixed(2)} mm; the volume places slices ${spacingMm.toFixed(2)} mm ` +
    `apart, so some sit up to ${offMm.toFixed(2)} mm from their recorded position ` +
    'and distances along the slice axis are approximate.'
  );
}

/**
 * The position of every volume slice, filler included: a filler slice lies
 * on the line between the real slices around it.
 */
function volumePositions(slices: DicomInstance[], indices: number[]): Vec3[] {
  const positions: Vec3[] = [];
  for (let n = 0; n < slices.length; n++) {
    const here = slices[n].positionMm!;
    positions.push(here);
    const next = slices[n + 1]?.positionMm;
    const steps = n + 1 < slices.length ? indices[n + 1] - indices[n] : 1;
    for (let m = 1; m < steps; m++) {
      positions.push(addScaled(here, m / steps, sub(next!, here)));
    }
  }
  return positions;
}

/** Warnings about the series as a whole: modality and slice count. */
function seriesWarnings(slices: DicomInstance[], warnings: StudyMessage[]): void {
  const modality = slices[0].modality || 'unknown';
  if (modality !== 'CT') {
    warnings.push(
      warn(
        'non-ct',
        `This series is ${modality}, not CT: values are not Hounsfield units ` +
          'and segmentation expects CT.',
      ),
    );
  }
  if (slices.length === 1) {
    warnings.push(
      warn(
        'single-slice',
        'This series has a single slice: only the axial view is meaningful ' +
          'and volumes cannot be measured.',
      ),
    );
  }
}

/**
 * Plans the volume of a series.
 *
 * @param instances - the image instances of one series, any order
 */
export function planVolume(instances: DicomInstance[]): VolumePlan {
  const warnings: StudyMessage[] = [];
  const { kept, leftOut } = consistentGeometry(instances);
  if (leftOut > 0) {
    warnings.push(
      warn(
        'mixed-geometry',
        `${plural(leftOut, 'image')} with a different size or orientation ` +
          '(for example a localizer) left out of the volume.',
      ),
    );
  }
  const ordered = orderSlices(kept, warnings);
  const slices = ordered.slices;
  seriesWarnings(slices, warnings);

  const first = slices[0];
  let pixel = first.pixelSpacingMm;
  if (!pixel) {
    pixel = [1, 1];
    warnings.push(
      warn(
        'no-spacing',
        'The images carry no Pixel Spacing; 1 mm is assumed, so sizes are not real.',
      ),
    );
  }
  const rowDir = normalize(first.orientation?.[0] ?? [1, 0, 0]);
  const colDir = normalize(first.orientation?.[1] ?? [0, 1, 0]);
  const normal: Vec3 = ordered.normal ?? [0, 0, 1];

  // Gantry tilt: positions step off the normal (PS3.3 §C.7.6.2.1.1 allows
  // it); each slice is shifted in its plane onto an orthogonal grid.
  const spacing: Vec3 = [
    pixel[1],
    pixel[0],
    ordered.spacingMm ?? first.sliceThicknessMm ?? 1,
  ];
  const direction: [Vec3, Vec3, Vec3] = [rowDir, colDir, normal];
  let shifts: SliceShift[] | null = null;
  const last = slices[slices.length - 1];
  if (first.positionMm && last.positionMm && slices.length > 1) {
    const along = normalize(sub(last.positionMm, first.positionMm));
    const cosTilt = Math.abs(dot(along, normal));
    if (cosTilt < SHEAR_COS) {
      shifts = sliceShifts({
        positionsMm: volumePositions(slices, ordered.indices),
        direction,
        pixelSpacingMm: [spacing[0], spacing[1]],
      });
      const tiltDeg = (Math.acos(Math.min(1, cosTilt)) * 180) / Math.PI;
      warnings.push(
        warn(
          'sheared-grid',
          `Slices are not stacked along their normal (gantry tilt of ` +
            `${tiltDeg.toFixed(1)}°); the volume is resampled onto a grid ` +
            'perpendicular to the slices: each slice is shifted within its ' +
            'own plane (bilinear interpolation), and the grid is enlarged to ' +
            'hold the shifted slices.',
        ),
      );
    }
  }

  return {
    slices,
    sliceIndices: ordered.indices,
    depth: ordered.indices[ordered.indices.length - 1] + 1,
    // PixelSpacing is [between rows, between columns]; ours is [i, j, k].
    spacingMm: spacing,
    originMm: first.positionMm ?? [0, 0, 0],
    direction,
    shifts,
    warnings,
  };
}
