import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../volume/Volume';
import { computeAxialLayout, readAxialSlice, writeAxialSlice } from './axialLayout';
import { centredGrid, sampleGrid, type Grid } from './testing/kidneyPhantom';

/** A value that differs at every LPS point of the reference grid. */
const coordinateCode = (p: Vec3) =>
  Math.round(p[0]) * 1e6 + Math.round(p[1]) * 1e3 + Math.round(p[2]);

const reference = centredGrid([5, 4, 3], [1, 2, 3]);

/** The reference grid re-expressed with permuted and flipped axes. */
function reoriented(perm: number[], flips: boolean[]): Grid {
  const lps: Vec3[] = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  const dims = perm.map((a) => reference.dims[a]) as Vec3;
  const spacingMm = perm.map((a) => reference.spacingMm[a]) as Vec3;
  const direction = perm.map((a, n) => lps[a].map((x) => (flips[n] ? -x : x))) as [
    Vec3,
    Vec3,
    Vec3,
  ];
  return centredGrid(dims, spacingMm, direction);
}

function canonicalSlices(grid: Grid): number[][] {
  const voxels = sampleGrid(grid, new Float32Array(60), coordinateCode);
  const layout = computeAxialLayout(grid);
  const slices: number[][] = [];
  for (let k = 0; k < layout.sliceCount; k++) {
    const out = new Float32Array(layout.height * layout.width);
    readAxialSlice(voxels, layout, k, out);
    slices.push(Array.from(out));
  }
  return slices;
}

describe('axial slices in canonical orientation', () => {
  const expected = canonicalSlices(reference);

  it('reads LPS-aligned volumes unchanged, rows +y and columns +x', () => {
    const layout = computeAxialLayout(reference);
    expect([layout.height, layout.width, layout.sliceCount]).toEqual([4, 5, 3]);
    expect([layout.rowSpacingMm, layout.colSpacingMm, layout.sliceSpacingMm]).toEqual([
      2, 1, 3,
    ]);
    // Along a row x grows (patient right → left), down a column y grows (anterior → posterior).
    const row0 = expected[0].slice(0, 5);
    expect(row0.every((v, c) => c === 0 || v > row0[c - 1])).toBe(true);
    expect(expected[0][5]).toBeGreaterThan(expected[0][0]);
  });

  it.each([
    ['RAS (NIfTI convention)', [0, 1, 2], [true, true, false]],
    ['reversed slice order', [0, 1, 2], [false, false, true]],
    ['transposed rows and columns', [1, 0, 2], [false, false, false]],
    ['slices along the first axis', [2, 0, 1], [false, true, false]],
    ['slices along the second axis, all flipped', [1, 2, 0], [true, true, true]],
  ])('gives the same slices for %s', (_name, perm, flips) => {
    const slices = canonicalSlices(reoriented(perm, flips));
    // A reversed slice axis gives the same slices in reverse order.
    const zFlipped = flips[perm.indexOf(2)];
    expect(zFlipped ? slices.reverse() : slices).toEqual(expected);
  });

  it('writes back exactly what it read', () => {
    const grid = reoriented([2, 0, 1], [true, false, true]);
    const voxels = sampleGrid(grid, new Float32Array(60), coordinateCode);
    const layout = computeAxialLayout(grid);
    const copy = new Float32Array(60);
    const slice = new Float32Array(layout.height * layout.width);
    for (let k = 0; k < layout.sliceCount; k++) {
      readAxialSlice(voxels, layout, k, slice);
      writeAxialSlice(copy, layout, k, slice);
    }
    expect(copy).toEqual(voxels);
  });
});
