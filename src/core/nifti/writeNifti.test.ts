import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nifti from 'nifti-reader-js';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { LabelVolume, Vec3 } from '../volume/Volume';
import { readNifti } from './readNifti';
import { rasAffine, writeNifti } from './writeNifti';

function labels(dims: Vec3, direction: [Vec3, Vec3, Vec3], originMm: Vec3): LabelVolume {
  const n = dims[0] * dims[1] * dims[2];
  return {
    labels: Uint8Array.from({ length: n }, (_, i) => (i * 7) % 3),
    dims,
    spacingMm: [0.75, 0.8, 2.5],
    originMm,
    direction,
  };
}

const orientations: [string, [Vec3, Vec3, Vec3]][] = [
  [
    'DICOM axial (LPS)',
    [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
  ],
  [
    'NIfTI RAS',
    [
      [-1, 0, 0],
      [0, -1, 0],
      [0, 0, 1],
    ],
  ],
  [
    'KiTS-like, slices first',
    [
      [0, 0, -1],
      [0, -1, 0],
      [-1, 0, 0],
    ],
  ],
  [
    'oblique',
    [
      [Math.SQRT1_2, Math.SQRT1_2, 0],
      [-Math.SQRT1_2, Math.SQRT1_2, 0],
      [0, 0, 1],
    ],
  ],
];

describe('writeNifti', () => {
  it.each(orientations)(
    'round-trips labels, shape and geometry through readNifti (%s)',
    (_n, dir) => {
      const volume = labels([7, 5, 4], dir, [-120.5, 33.25, -402]);
      const back = readNifti(writeNifti(volume));
      expect(back.dims).toEqual(volume.dims);
      expect(Array.from(back.voxels)).toEqual(Array.from(volume.labels));
      for (let a = 0; a < 3; a++) {
        expect(back.spacingMm[a]).toBeCloseTo(volume.spacingMm[a], 5);
        expect(back.originMm[a]).toBeCloseTo(volume.originMm[a], 4);
        for (let c = 0; c < 3; c++)
          expect(back.direction[a][c]).toBeCloseTo(dir[a][c], 6);
      }
    },
  );

  it.each(orientations)('writes a qform that matches the sform (%s)', (_n, dir) => {
    const volume = labels([3, 3, 3], dir, [10, 20, 30]);
    const bytes = gunzipSync(writeNifti(volume));
    const buffer = bytes.buffer.slice(
      bytes.byteOffset,
      bytes.byteOffset + bytes.byteLength,
    );
    const header = nifti.readHeader(buffer) as nifti.NIFTI1;
    expect(header.qform_code).toBe(1);
    expect(header.sform_code).toBe(1);
    expect(header.datatypeCode).toBe(2);
    const fromQuaternion = header.convertNiftiQFormToNiftiSForm(
      header.quatern_b,
      header.quatern_c,
      header.quatern_d,
      header.qoffset_x,
      header.qoffset_y,
      header.qoffset_z,
      header.pixDims[1],
      header.pixDims[2],
      header.pixDims[3],
      header.pixDims[0],
    );
    const expected = rasAffine(volume);
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 4; c++)
        expect(fromQuaternion[r][c]).toBeCloseTo(expected[r][c], 4);
    }
  });

  const python = '/usr/bin/python3';
  it.skipIf(!existsSync(python))(
    'is read by nibabel with the same affine and voxels',
    () => {
      const volume = labels([6, 5, 4], orientations[2][1], [1, 2, 3]);
      const dir = mkdtempSync(join(tmpdir(), 'nephroplan-nifti-'));
      try {
        const path = join(dir, 'mask.nii.gz');
        writeFileSync(path, writeNifti(volume));
        const script =
          'import sys, json, nibabel as nib, numpy as np\n' +
          'img = nib.load(sys.argv[1])\n' +
          'print(json.dumps({"shape": list(img.shape), "sform": img.get_sform().tolist(),' +
          ' "qform": img.get_qform().tolist(), "dtype": str(img.get_data_dtype()),' +
          ' "data": np.asarray(img.dataobj).flatten(order="F").tolist()}))';
        const out = JSON.parse(
          execFileSync(python, ['-c', script, path], { encoding: 'utf8' }),
        );
        expect(out.shape).toEqual([6, 5, 4]);
        expect(out.dtype).toBe('uint8');
        expect(out.data).toEqual(Array.from(volume.labels));
        const expected = rasAffine(volume);
        for (const m of [out.sform, out.qform]) {
          for (let r = 0; r < 4; r++) {
            for (let c = 0; c < 4; c++) expect(m[r][c]).toBeCloseTo(expected[r][c], 4);
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
