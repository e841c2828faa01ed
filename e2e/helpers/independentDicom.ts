/**
 * Reads DICOM reference data in the test process by a route that shares no
 * code with the app: dcmjs parses, and JPEG 2000 frames are decoded by
 * OpenJPEG's command-line tool. The tests compare the app against this.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { readPgm } from '../../scripts/dicom/readPgm';

type Dict = Record<string, { Value?: unknown[] }>;

function value<T>(dict: Dict, tag: string, index = 0): T {
  const v = dict[tag]?.Value?.[index];
  if (v === undefined) throw new Error(`missing ${tag}`);
  return v as T;
}

export interface IndependentSlice {
  file: string;
  rows: number;
  columns: number;
  position: number[];
  orientation: number[];
  pixelSpacing: number[];
  /** HU of pixel (column i, row j). */
  huAt(i: number, j: number): number;
}

function decodeJ2k(fragments: ArrayBuffer[]): Uint16Array {
  const dir = mkdtempSync(path.join(tmpdir(), 'np-e2e-j2k-'));
  writeFileSync(
    path.join(dir, 'f.j2k'),
    Buffer.concat(fragments.map((f) => Buffer.from(f))),
  );
  execFileSync(
    'opj_decompress',
    ['-i', path.join(dir, 'f.j2k'), '-o', path.join(dir, 'f.pgm')],
    {
      stdio: 'ignore',
    },
  );
  return readPgm(new Uint8Array(readFileSync(path.join(dir, 'f.pgm')))).samples;
}

/** Reads one file. */
export function readSlice(file: string): IndependentSlice {
  const buf = readFileSync(file);
  const msg = dcmjs.data.DicomMessage.readFile(
    buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length),
  );
  const dict = msg.dict as Dict;
  const syntax = value<string>(msg.meta as Dict, '00020010');
  const rows = value<number>(dict, '00280010');
  const columns = value<number>(dict, '00280011');
  const slope = Number(dict['00281053']?.Value?.[0] ?? 1);
  const intercept = Number(dict['00281052']?.Value?.[0] ?? 0);
  const signed = value<number>(dict, '00280103') === 1;
  const pixelValue = dict['7FE00010'].Value as ArrayBuffer[];

  let stored: ArrayLike<number>;
  if (syntax.startsWith('1.2.840.10008.1.2.4.9')) stored = decodeJ2k(pixelValue);
  else if (syntax === '1.2.840.10008.1.2.1' || syntax === '1.2.840.10008.1.2') {
    stored = signed ? new Int16Array(pixelValue[0]) : new Uint16Array(pixelValue[0]);
  } else throw new Error(`test reader does not handle transfer syntax ${syntax}`);

  return {
    file,
    rows,
    columns,
    position: (dict['00200032'].Value as (string | number)[]).map(Number),
    orientation: (dict['00200037'].Value as (string | number)[]).map(Number),
    pixelSpacing: (dict['00280030'].Value as (string | number)[]).map(Number),
    huAt: (i, j) => stored[j * columns + i] * slope + intercept,
  };
}

/** Every file of a folder, sorted along the slice normal (row × column). */
export function readSeriesSorted(folder: string): IndependentSlice[] {
  const slices = readdirSync(folder).map((f) => readSlice(path.join(folder, f)));
  const [a, b, c, d, e, f] = slices[0].orientation;
  const normal = [b * f - c * e, c * d - a * f, a * e - b * d];
  const along = (s: IndependentSlice) =>
    s.position.reduce((sum, p, i) => sum + p * normal[i], 0);
  return slices.sort((x, y) => along(x) - along(y));
}

/** Distance between the first two sorted slices, mm. */
export function sliceSpacing(sorted: IndependentSlice[]): number {
  const d = sorted[1].position.map((p, i) => p - sorted[0].position[i]);
  return Math.hypot(...d);
}
