import { describe, expect, it } from 'vitest';
import type { PlannedTumour } from '../../../core/planning/plannedTumour';
import { ignoredRegionsText, plannedRegionText, sizeMismatchWarning } from './planBasis';

/** A real tumour of 3.2 mL beside a bigger false one of 12.4 mL, planned on the latter. */
const twoRegions: PlannedTumour = {
  volumeMl: 12.4,
  regionCount: 2,
  otherVolumeMl: 3.2,
  largestSlice: { axis: 2, index: 63, focus: [200, 210, 63] },
};

describe('the region the plan reads', () => {
  it('gives its volume and its largest slice as the axial view counts it', () => {
    expect(plannedRegionText(twoRegions, true)).toBe(
      'The plan reads one tumour region: the largest, 12.4 mL, with its largest area ' +
        'on axial slice 64.',
    );
  });

  it("counts a mask file's slices in the file's own order", () => {
    expect(plannedRegionText({ ...twoRegions, regionCount: 1 }, false)).toBe(
      'The plan reads one tumour region: the only one in the mask, 12.4 mL, with its ' +
        'largest area on axial slice 64 of the mask file (counted from 1 in its own ' +
        'voxel order).',
    );
  });

  it('says how much tumour it ignores, as a volume', () => {
    expect(ignoredRegionsText(twoRegions, true)).toBe(
      '3.2 mL of tumour lies outside this region and is ignored by the plan. If the ' +
        'tumour you are planning for is not the region above, remove the others (Remove ' +
        "in the Segmentation panel's list of tumour regions, or the eraser); the plan follows.",
    );
    expect(ignoredRegionsText({ ...twoRegions, regionCount: 4 }, false)).toMatch(
      /^3\.2 mL of tumour lies outside .* remove the others from the mask file;/,
    );
    expect(ignoredRegionsText({ ...twoRegions, regionCount: 1 }, true)).toBeNull();
    expect(ignoredRegionsText({ ...twoRegions, otherVolumeMl: 0.048 }, true)).toMatch(
      /^0\.05 mL of tumour lies outside/,
    );
  });
});

describe('typed size against the mask', () => {
  it('warns, with the tolerance, when they are far apart', () => {
    expect(sizeMismatchWarning(12, 4.7)).toBe(
      'Sizes disagree: you typed 12 cm, but the planned tumour region measures ' +
        '4.7 cm across on the mask (largest axial diameter), 7.3 cm apart — more than ' +
        "1 cm and more than 25 % of the mask's size. The plan reads both. Check that " +
        'the size is of this tumour and that the mask holds the lesion you measured.',
    );
    expect(sizeMismatchWarning(2.2, 4.7)).not.toBeNull();
  });

  it('stays quiet within 1 cm, or within 25 % of a large tumour', () => {
    expect(sizeMismatchWarning(4.7, 4.7)).toBeNull();
    expect(sizeMismatchWarning(5.6, 4.7)).toBeNull();
    expect(sizeMismatchWarning(11.5, 10)).toBeNull();
    expect(sizeMismatchWarning(13, 10)).not.toBeNull();
  });
});
