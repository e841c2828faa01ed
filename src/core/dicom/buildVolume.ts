/**
 * Builds the HU {@link Volume} of one DICOM series: consistent geometry,
 * slices sorted along their normal, spacing checked, every frame decoded and
 * the modality LUT applied (HU = stored × Rescale Slope + Rescale Intercept,
 * PS3.3 §C.11.1.1.2). The browser and the CLI both call this, so both see
 * the same voxels.
 */
import type { Vec3, Volume } from '../volume/Volume';
import { dot, normalize, sub } from '../volume/vec3';
import type { DicomInstance } from './DicomInstance';
import type { DicomSeries } from './StudySeries';
import type { StudyMessage } from './StudyMessage';
import { plural } from './StudyMessage';
import { decodeFrame } from './codecs/decodeFrame';
import type { StoredPixels } from './codecs/DecodedFrame';
import { consistentGeometry } from './consistentGeometry';
import { analyseSliceSpacing, describeGaps } from './sliceSpacing';
import { sortSlices } from './sortSlices';

export interface BuildVolumeOptions {
  /** Called after each decoded slice. */
  onProgress?: (done: number, total: number) => void;
}

export interface BuiltVolume {
  volume: Volume;
  /** Slices in volume order (k = index). */
  slices: DicomInstance[];
  warnings: StudyMessage[];
}

/** cos(0.5°): slice positions further off the normal mean a sheared grid. */
const SHEAR_COS = Math.cos((0.5 * Math.PI) / 180);

function warn(code: StudyMessage['code'], text: string): StudyMessage {
  return { level: 'warning', code, text };
}

/** Drops slices at the same position as the previous one. */
function dropDuplicates(slices: DicomInstance[], positions: number[], dup: number[]) {
  const skip = new Set(dup);
  return {
    slices: slices.filter((_, i) => !skip.has(i)),
    positions: positions.filter((_, i) => !skip.has(i)),
  };
}

function huFrom(frames: StoredPixels[], slices: DicomInstance[], perSlice: number) {
  const integral = slices.every(
    (s) => Number.isInteger(s.rescaleSlope) && Number.isInteger(s.rescaleIntercept),
  );
  let fitsInt16 = integral;
  if (integral) {
    for (let k = 0; k < frames.length && fitsInt16; k++) {
      const { rescaleSlope: m, rescaleIntercept: b } = slices[k];
      for (const v of frames[k]) {
        const hu = v * m + b;
        if (hu < -32768 || hu > 32767) {
          fitsInt16 = false;
          break;
        }
      }
    }
  }
  const voxels = fitsInt16
    ? new Int16Array(perSlice * frames.length)
    : new Float32Array(perSlice * frames.length);
  for (let k = 0; k < frames.length; k++) {
    const { rescaleSlope: m, rescaleIntercept: b } = slices[k];
    const f = frames[k];
    const offset = k * perSlice;
    for (let p = 0; p < perSlice; p++) voxels[offset + p] = f[p] * m + b;
  }
  return voxels;
}

/**
 * Decodes a series into a volume.
 *
 * @param series - a series from {@link loadStudyFromFiles}
 * @param options - progress callback
 * @returns the volume, its slices in order and the warnings a user must see
 * @throws Error when a frame cannot be decoded
 */
export async function buildVolume(
  series: DicomSeries,
  options: BuildVolumeOptions = {},
): Promise<BuiltVolume> {
  const warnings: StudyMessage[] = [];
  const { kept, leftOut } = consistentGeometry(series.instances);
  if (leftOut > 0) {
    warnings.push(
      warn(
        'mixed-geometry',
        `${plural(leftOut, 'image')} with a different size or orientation ` +
          `(for example a localizer) left out of the volume.`,
      ),
    );
  }

  const sorted = sortSlices(kept);
  let slices = sorted.slices;
  let sliceSpacingMm: number | null = null;
  if (sorted.positionsMm) {
    const report = analyseSliceSpacing(sorted.positionsMm);
    if (report.duplicates.length > 0) {
      const d = dropDuplicates(slices, sorted.positionsMm, report.duplicates);
      slices = d.slices;
      warnings.push(
        warn(
          'duplicate-positions',
          `${plural(report.duplicates.length, 'slice')} at the same position as ` +
            `another left out (the series may hold two acquisitions).`,
        ),
      );
    }
    sliceSpacingMm = report.spacingMm;
    if (report.gaps.length > 0)
      warnings.push(warn('missing-slices', describeGaps(report)));
    if (report.uneven) {
      warnings.push(
        warn(
          'inconsistent-spacing',
          `Inconsistent slice spacing: from ${report.minMm.toFixed(2)} to ` +
            `${report.maxMm.toFixed(2)} mm; the volume uses ` +
            `${report.spacingMm!.toFixed(2)} mm, so distances along the slice ` +
            `axis are approximate.`,
        ),
      );
    }
  } else if (slices.length > 1) {
    warnings.push(
      warn(
        'no-position',
        `The images carry no Image Position (Patient); slices are ordered by ` +
          `${sorted.method === 'instance-number' ? 'Instance Number' : 'file order'} ` +
          `and the slice spacing is taken from Slice Thickness.`,
      ),
    );
  }

  const first = slices[0];
  const modality = first.modality || 'unknown';
  if (modality !== 'CT') {
    warnings.push(
      warn(
        'non-ct',
        `This series is ${modality}, not CT: values are not Hounsfield units ` +
          `and segmentation expects CT.`,
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
  const spacingMm: Vec3 = [
    pixel[1],
    pixel[0],
    sliceSpacingMm ?? first.sliceThicknessMm ?? 1,
  ];

  const rowDir: Vec3 = first.orientation?.[0] ?? [1, 0, 0];
  const colDir: Vec3 = first.orientation?.[1] ?? [0, 1, 0];
  const normal: Vec3 = sorted.normal ?? [0, 0, 1];
  const last = slices[slices.length - 1];
  if (first.positionMm && last.positionMm && slices.length > 1) {
    const along = normalize(sub(last.positionMm, first.positionMm));
    if (Math.abs(dot(along, normal)) < SHEAR_COS) {
      warnings.push(
        warn(
          'sheared-grid',
          'Slices are not stacked along their normal (gantry tilt); the volume ' +
            'is shown unsheared, so its geometry is approximate.',
        ),
      );
    }
  }

  const total = slices.length;
  const frames: StoredPixels[] = [];
  for (const s of slices) {
    frames.push(await decodeFrame(s));
    options.onProgress?.(frames.length, total);
    // Let the browser paint progress (and Node run timers) between slices.
    if (frames.length % 8 === 0) await new Promise((r) => setTimeout(r, 0));
  }
  const perSlice = first.rows * first.columns;
  const volume: Volume = {
    voxels: huFrom(frames, slices, perSlice),
    dims: [first.columns, first.rows, total],
    spacingMm,
    originMm: first.positionMm ?? [0, 0, 0],
    direction: [normalize(rowDir), normalize(colDir), normal],
  };
  return { volume, slices, warnings };
}
