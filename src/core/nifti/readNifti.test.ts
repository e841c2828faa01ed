import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { valueAt, voxelToWorld } from '../volume/voxelGeometry';
import { readNifti } from './readNifti';

const SHARED_DATA = path.resolve(process.env.SHARED_DATA ?? '../shared/data');

interface TinyNifti {
  dims: [number, number, number];
  /** 3×4 sform rows (RAS). */
  srow: number[][];
  datatype: 4 | 16;
  values: number[];
  slope?: number;
  inter?: number;
}

/** A NIfTI-1 single file (.nii) written field by field (NIfTI-1 header layout). */
function tinyNifti(n: TinyNifti): Uint8Array {
  const bytesPer = n.datatype === 4 ? 2 : 4;
  const buf = new ArrayBuffer(352 + n.values.length * bytesPer);
  const v = new DataView(buf);
  v.setInt32(0, 348, true);
  [3, ...n.dims, 1, 1, 1, 1].forEach((d, i) => v.setInt16(40 + 2 * i, d, true));
  v.setInt16(70, n.datatype, true);
  v.setInt16(72, bytesPer * 8, true);
  [1, 1, 1, 1, 1, 1, 1, 1].forEach((d, i) => v.setFloat32(76 + 4 * i, d, true));
  v.setFloat32(108, 352, true);
  v.setFloat32(112, n.slope ?? 1, true);
  v.setFloat32(116, n.inter ?? 0, true);
  v.setInt16(252, 0, true);
  v.setInt16(254, 2, true);
  n.srow.forEach((row, r) =>
    row.forEach((x, c) => v.setFloat32(280 + 16 * r + 4 * c, x, true)),
  );
  new Uint8Array(buf).set(new TextEncoder().encode('n+1\0'), 344);
  n.values.forEach((x, i) =>
    n.datatype === 4
      ? v.setInt16(352 + 2 * i, x, true)
      : v.setFloat32(352 + 4 * i, x, true),
  );
  return new Uint8Array(buf);
}

const values = Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 10 - 100);

describe('readNifti', () => {
  it('converts a RAS sform to LPS without touching the voxel order', () => {
    const file = tinyNifti({
      dims: [2, 3, 4],
      srow: [
        [2, 0, 0, 10],
        [0, 3, 0, -20],
        [0, 0, 4, 30],
      ],
      datatype: 4,
      values,
    });
    const vol = readNifti(file);
    expect(vol.dims).toEqual([2, 3, 4]);
    expect(vol.spacingMm).toEqual([2, 3, 4]);
    expect(vol.originMm).toEqual([-10, 20, 30]);
    expect(vol.direction).toEqual([
      [-1, 0, 0],
      [0, -1, 0],
      [0, 0, 1],
    ]);
    expect(vol.voxels).toBeInstanceOf(Int16Array);
    expect(Array.from(vol.voxels)).toEqual(values);
    // Voxel (1, 2, 3) is at RAS (12, -14, 42), i.e. LPS (-12, 14, 42).
    expect(voxelToWorld(vol, [1, 2, 3])).toEqual([-12, 14, 42]);
  });

  it('handles a rotated affine, scl_slope, floats and gzip', () => {
    const file = tinyNifti({
      dims: [2, 3, 4],
      srow: [
        [0, 0, 1.5, 0],
        [-2, 0, 0, 5],
        [0, 2.5, 0, -7],
      ],
      datatype: 16,
      values: values.map((x) => x + 0.25),
      slope: 2,
      inter: -3,
    });
    const vol = readNifti(gzipSync(file));
    expect(vol.spacingMm).toEqual([2, 2.5, 1.5]);
    expect(vol.direction).toEqual([
      [0, 1, 0],
      [0, 0, 1],
      [-1, 0, 0],
    ]);
    expect(vol.voxels).toBeInstanceOf(Float32Array);
    expect(valueAt(vol, [1, 0, 0])).toBeCloseTo(2 * (values[1] + 0.25) - 3, 5);
  });

  it('rejects bytes that are not NIfTI', () => {
    expect(() => readNifti(new Uint8Array(400))).toThrow('not a NIfTI file');
    expect(() => readNifti(new Uint8Array([0x1f, 0x8b, 1, 2, 3]))).toThrow(/gzip|NIfTI/);
  });

  it('agrees with nibabel on the reference CT', () => {
    const file = path.join(SHARED_DATA, 'ct/totalseg/example_ct.nii.gz');
    const vol = readNifti(new Uint8Array(readFileSync(file)));
    const script = [
      'import nibabel, json, sys',
      'img = nibabel.load(sys.argv[1])',
      'd = img.get_fdata()',
      'pts = [(60, 50, 56), (10, 90, 3), (121, 0, 111)]',
      'print(json.dumps({"shape": img.shape, "affine": img.affine.tolist(),',
      '  "values": [d[p] for p in pts]}))',
    ].join('\n');
    const out = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' }),
    ) as { shape: number[]; affine: number[][]; values: number[] };

    expect(vol.dims).toEqual(out.shape);
    expect(valueAt(vol, [60, 50, 56])).toBe(out.values[0]);
    expect(valueAt(vol, [10, 90, 3])).toBe(out.values[1]);
    expect(valueAt(vol, [121, 0, 111])).toBe(out.values[2]);
    // nibabel's RAS affine applied to a voxel, flipped to LPS, equals ours.
    const [i, j, k] = [7, 11, 13];
    const ras = out.affine.slice(0, 3).map((r) => r[0] * i + r[1] * j + r[2] * k + r[3]);
    const lps = voxelToWorld(vol, [i, j, k]);
    expect(lps[0]).toBeCloseTo(-ras[0], 4);
    expect(lps[1]).toBeCloseTo(-ras[1], 4);
    expect(lps[2]).toBeCloseTo(ras[2], 4);
  });
});
