import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCanonicalGrid } from './canonicalGrid';
import { GEOMETRY_FEATURE_NAMES, geometryFeatures } from './geometryFeatures';
import { largestSliceCrop, largestTumourSlice } from './largestSliceCrop';
import {
  PYTHON,
  REPO_ROOT,
  haveMasks,
  havePython,
  maskPath,
  readMask,
  runPythonJson,
} from './testing/pythonReference';
import { findTumourAndKidney } from './tumourAndKidney';

interface PyFeatures {
  path: string;
  dims: number[];
  spacingMm: number[];
  tumourCount: number;
  kidneyCount: number;
  largestSlice: number;
  geometry: Record<string, number>;
  crop: number[];
}

const SPEC = {
  sizePx: 48,
  spacingMm: 3.5,
  channels: ['kidney', 'tumour'],
  ctWindowHu: [-200, 300] as [number, number],
};

// Two tumours in one kidney (00001), a cyst (00002), 1 mm slices and 0.45 mm pixels (00160).
const CASES = ['case_00000', 'case_00001', 'case_00002', 'case_00160'];

function tsFeatures(path: string) {
  const grid = toCanonicalGrid(readMask(path));
  const tk = findTumourAndKidney(grid);
  return {
    grid,
    tk,
    geometry: geometryFeatures(grid, tk),
    crop: largestSliceCrop(grid, tk, SPEC),
    largestSlice: largestTumourSlice(grid, tk.tumour),
  };
}

function expectSame(ts: ReturnType<typeof tsFeatures>, py: PyFeatures) {
  expect(Array.from(ts.grid.dims)).toEqual(py.dims);
  expect(ts.tk.tumourCount).toBe(py.tumourCount);
  expect(ts.tk.kidneyCount).toBe(py.kidneyCount);
  expect(ts.largestSlice).toBe(py.largestSlice);
  for (const name of GEOMETRY_FEATURE_NAMES) {
    expect(ts.geometry[name], name).toBeCloseTo(py.geometry[name], 6);
  }
  let maxDiff = 0;
  for (let i = 0; i < py.crop.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(ts.crop[i] - py.crop[i]));
  }
  expect(ts.crop.length).toBe(py.crop.length);
  expect(maxDiff).toBeLessThan(1e-5);
}

describe.skipIf(!haveMasks || !havePython)(
  'planning features: TypeScript = Python',
  () => {
    const tmp = mkdtempSync(join(tmpdir(), 'plan-parity-'));
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));

    const reference = runPythonJson<PyFeatures[]>(
      'plan.features_json',
      CASES.map(maskPath),
    );

    it.each(CASES.map((c, i) => [c, i] as const))('%s', (_, i) => {
      const py = reference[i];
      const ts = tsFeatures(py.path);
      expectSame(ts, py);
      // Not a vacuous comparison: the crop shows both kidney and tumour.
      const sums = [0, 0];
      ts.crop.forEach((v, j) => (sums[j % 2] += v));
      expect(sums[0]).toBeGreaterThan(10);
      expect(sums[1]).toBeGreaterThan(1);
    });

    it('gives the same features for a mask stored in another orientation', () => {
      // Transpose and flip the stored array, adjusting the affine so the anatomy is unchanged.
      const out = join(tmp, 'reoriented.nii.gz');
      const script = [
        'import sys, numpy as np, nibabel as nib',
        'img = nib.load(sys.argv[1]); d = np.asarray(img.dataobj); a = img.affine.copy()',
        'd2 = np.flip(d.transpose(2, 0, 1), axis=1)',
        'perm = np.zeros((4, 4)); perm[3, 3] = 1',
        'perm[2, 0] = 1; perm[0, 1] = -1; perm[0, 3] = d.shape[0] - 1; perm[1, 2] = 1',
        'nib.save(nib.Nifti1Image(d2, a @ perm), sys.argv[2])',
      ].join('\n');
      execFileSync(PYTHON, ['-c', script, maskPath('case_00000'), out], {
        cwd: REPO_ROOT,
      });
      const [original, moved] = runPythonJson<PyFeatures[]>('plan.features_json', [
        maskPath('case_00000'),
        out,
      ]);
      for (const name of GEOMETRY_FEATURE_NAMES) {
        expect(moved.geometry[name], name).toBeCloseTo(original.geometry[name], 9);
      }
      expectSame(tsFeatures(out), moved);
      expectSame(tsFeatures(out), original);
    });
  },
);
