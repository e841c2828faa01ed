/**
 * A minimal reader of uncompressed axial CT slices, enough for the benchmark
 * to time the whole study the way the app receives it (files in hand).
 *
 * Limitations: little-endian uncompressed transfer syntaxes only, one frame,
 * 16-bit stored values. TODO: switch to src/core/dicom once it is in the tree,
 * so that the study time covers the app's own parser.
 */
import dicomParser from 'dicom-parser';

/** One CT slice in HU with the geometry the preprocessing needs. */
export interface CtSlice {
  rows: number;
  columns: number;
  /** HU, row-major (`c + r * columns`), rows anterior → posterior. */
  hu: Float32Array;
  /** [between rows, between columns], mm (DICOM PixelSpacing order). */
  pixelSpacingMm: [number, number];
  /** Position of the slice along its normal, mm (for sorting). */
  positionMm: number;
}

const UNCOMPRESSED_LE = new Set([
  '1.2.840.10008.1.2',
  '1.2.840.10008.1.2.1',
]);

function numbers(text: string | undefined, count: number): number[] {
  const parts = (text ?? '').split('\\').map(Number);
  if (parts.length < count || parts.some((v) => !Number.isFinite(v))) {
    throw new Error(`expected ${count} numbers, got "${text}"`);
  }
  return parts;
}

/**
 * Reads one uncompressed CT slice (DICOM Part 10) into HU.
 * Rows or columns whose direction points against LPS +y / +x are flipped, so
 * the slice is in the orientation docs/architecture.md specifies.
 * @param bytes - the whole file
 */
export function readCtSlice(bytes: Uint8Array): CtSlice {
  const ds = dicomParser.parseDicom(bytes);
  const syntax = ds.string('x00020010')?.replace(/\0/g, '').trim();
  if (syntax && !UNCOMPRESSED_LE.has(syntax)) {
    throw new Error(`transfer syntax ${syntax} is not supported here`);
  }
  const rows = ds.uint16('x00280010') ?? 0;
  const columns = ds.uint16('x00280011') ?? 0;
  const signed = ds.uint16('x00280103') === 1;
  const slope = ds.floatString('x00281053') ?? 1;
  const intercept = ds.floatString('x00281052') ?? 0;
  const spacing = numbers(ds.string('x00280030'), 2);
  const position = numbers(ds.string('x00200032'), 3);
  const orient = numbers(ds.string('x00200037'), 6);

  const pixel = ds.elements.x7fe00010;
  if (!pixel || ds.uint16('x00280100') !== 16) {
    throw new Error('expected 16-bit uncompressed pixel data');
  }
  const count = rows * columns;
  const view = new DataView(bytes.buffer, bytes.byteOffset + pixel.dataOffset, count * 2);
  const flipColumns = orient[0] < 0;
  const flipRows = orient[4] < 0;
  const hu = new Float32Array(count);
  for (let r = 0; r < rows; r++) {
    const rOut = flipRows ? rows - 1 - r : r;
    for (let c = 0; c < columns; c++) {
      const at = (r * columns + c) * 2;
      const stored = signed ? view.getInt16(at, true) : view.getUint16(at, true);
      const cOut = flipColumns ? columns - 1 - c : c;
      hu[rOut * columns + cOut] = stored * slope + intercept;
    }
  }

  // Slice normal = row direction × column direction.
  const n = [
    orient[1] * orient[5] - orient[2] * orient[4],
    orient[2] * orient[3] - orient[0] * orient[5],
    orient[0] * orient[4] - orient[1] * orient[3],
  ];
  const positionMm = n[0] * position[0] + n[1] * position[1] + n[2] * position[2];
  return { rows, columns, hu, pixelSpacingMm: [spacing[0], spacing[1]], positionMm };
}

/** Reads and sorts a series' slices by position along the slice normal. */
export function readCtSeries(files: readonly Uint8Array[]): CtSlice[] {
  return files.map(readCtSlice).sort((a, b) => a.positionMm - b.positionMm);
}
