/**
 * Small synthetic CT-like DICOM series with a known voxel pattern and any
 * geometry (oblique, reversed, with gaps), for unit and end-to-end tests.
 * `expectedHu` gives the value every voxel must have after loading.
 */
import type { Vec3 } from '../../src/core/volume/Volume';
import { writeDicomFile } from './writeDicomFile';

export interface SyntheticSeriesOptions {
  rows?: number;
  columns?: number;
  /** Offsets of the slices along the normal, mm (default 0, 2, 4, … for 6 slices). */
  offsetsMm?: number[];
  pixelSpacingMm?: [number, number];
  /** [row direction, column direction]; default axial. */
  orientation?: [Vec3, Vec3];
  /** Position of the first pixel of the slice at offset 0. */
  originMm?: Vec3;
  modality?: string;
  seriesUid?: string;
  seriesNumber?: number;
  seriesDescription?: string;
  patientName?: string;
  studyUid?: string;
  /** Stored value = HU − intercept (slope 1). */
  intercept?: number;
  /** Prefix of the file names; slices are named `${prefix}${n}` (no extension). */
  filePrefix?: string;
  /** Transfer syntax claimed in the meta header (pixels stay native). */
  transferSyntaxUid?: string;
  /** Extra attributes written into every file. */
  extra?: Record<string, unknown>;
}

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';

/** HU of voxel (i, j) of the slice at `offsetMm`: a pattern a wrong order would break. */
export function expectedHu(i: number, j: number, offsetMm: number): number {
  return Math.round(offsetMm * 10) + 3 * j + i - 100;
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [
    a[1] * b[2] - a[2] * b[1],
    a[2] * b[0] - a[0] * b[2],
    a[0] * b[1] - a[1] * b[0],
  ];
}

/** Writes the series; files come back in slice order (shuffle them yourself). */
export function syntheticSeries(
  o: SyntheticSeriesOptions = {},
): { name: string; bytes: Uint8Array }[] {
  const rows = o.rows ?? 16;
  const columns = o.columns ?? 20;
  const offsets = o.offsetsMm ?? [0, 2, 4, 6, 8, 10];
  const [rowDir, colDir] = o.orientation ?? [
    [1, 0, 0],
    [0, 1, 0],
  ];
  const normal = cross(rowDir, colDir);
  const origin = o.originMm ?? [-10, -20, 30];
  const intercept = o.intercept ?? -1024;
  const seriesUid = o.seriesUid ?? '2.25.4242.1';
  const modality = o.modality ?? 'CT';

  return offsets.map((offset, n) => {
    const stored = new Uint16Array(rows * columns);
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < columns; i++)
        stored[j * columns + i] = expectedHu(i, j, offset) - intercept;
    }
    const position = origin.map((v, a) => v + offset * normal[a]);
    const bytes = writeDicomFile({
      pixels: stored,
      transferSyntaxUid: o.transferSyntaxUid,
      attributes: {
        SOPClassUID: modality === 'MR' ? MR_IMAGE_STORAGE : CT_IMAGE_STORAGE,
        SOPInstanceUID: `${seriesUid}.${n + 1}`,
        Modality: modality,
        PatientName: o.patientName ?? 'TEST^SYNTHETIC',
        PatientID: 'TEST-001',
        StudyDate: '20240102',
        StudyDescription: 'Synthetic test series',
        SeriesDescription: o.seriesDescription ?? 'synthetic',
        StudyInstanceUID: o.studyUid ?? '2.25.4242',
        SeriesInstanceUID: seriesUid,
        SeriesNumber: o.seriesNumber ?? 1,
        InstanceNumber: n + 1,
        ImagePositionPatient: position,
        ImageOrientationPatient: [...rowDir, ...colDir],
        PixelSpacing: o.pixelSpacingMm ?? [0.75, 0.5],
        SliceThickness: 2,
        SamplesPerPixel: 1,
        PhotometricInterpretation: 'MONOCHROME2',
        Rows: rows,
        Columns: columns,
        BitsAllocated: 16,
        BitsStored: 16,
        HighBit: 15,
        PixelRepresentation: 0,
        RescaleIntercept: intercept,
        RescaleSlope: 1,
        ...o.extra,
      },
    });
    return { name: `${o.filePrefix ?? 'image_'}${n}`, bytes };
  });
}
