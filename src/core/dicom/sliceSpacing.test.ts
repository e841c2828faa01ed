import { describe, expect, it } from 'vitest';
import { analyseSliceSpacing, describeGaps, sliceIndices } from './sliceSpacing';

describe('analyseSliceSpacing', () => {
  it('accepts regular spacing with rounding noise', () => {
    const r = analyseSliceSpacing([0, 1.6000001, 3.2, 4.7999999, 6.4]);
    expect(r.spacingMm).toBeCloseTo(1.6, 5);
    expect(r.gaps).toEqual([]);
    expect(r.uneven).toBe(false);
  });

  it('reports a gap of two missing slices', () => {
    const r = analyseSliceSpacing([0, 2, 4, 10, 12, 14]);
    expect(r.spacingMm).toBe(2);
    expect(r.gaps).toEqual([{ afterSlice: 2, gapMm: 6, missing: 2 }]);
    expect(r.uneven).toBe(false);
    expect(sliceIndices(r, 6)).toEqual([0, 1, 2, 5, 6, 7]);
    expect(describeGaps(r, sliceIndices(r, 6))).toContain(
      '6.00 mm gap after slice 3, filled with 2 empty slices (slices 4–5)',
    );
  });

  it('does not fill a gap that would hold more empty slices than real ones', () => {
    // Two stacks of five slices 200 mm apart: 99 missing slices would be mostly air.
    const stacks = [0, 2, 4, 6, 8, 208, 210, 212, 214, 216];
    const r = analyseSliceSpacing(stacks);
    expect(r.gaps).toEqual([]);
    expect(r.uneven).toBe(true);
    expect(sliceIndices(r, stacks.length)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // As many empty slices as real ones is still filled.
    expect(analyseSliceSpacing([0, 2, 4, 16, 18, 20]).gaps).toEqual([
      { afterSlice: 2, gapMm: 12, missing: 5 },
    ]);
  });

  it('reports uneven spacing that gaps do not explain', () => {
    const r = analyseSliceSpacing([0, 2, 4, 7, 9, 11.5]);
    expect(r.uneven).toBe(true);
    expect(r.minMm).toBe(2);
    expect(r.maxMm).toBe(3);
  });

  it('finds duplicate positions', () => {
    const r = analyseSliceSpacing([0, 2, 2, 4]);
    expect(r.duplicates).toEqual([2]);
    expect(r.spacingMm).toBe(2);
  });

  it('has no spacing for a single slice', () => {
    expect(analyseSliceSpacing([5]).spacingMm).toBeNull();
  });
});
