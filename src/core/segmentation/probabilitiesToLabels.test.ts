import { describe, expect, it } from 'vitest';
import { probabilitiesToLabels } from './probabilitiesToLabels';

const target = (height: number, width: number, spacing = 1) => ({
  height,
  width,
  rowSpacingMm: spacing,
  colSpacingMm: spacing,
});

function oneHot(labels: number[], count = 3): Float32Array {
  const out = new Float32Array(labels.length * count);
  labels.forEach((l, i) => (out[i * count + l] = 1));
  return out;
}

describe('probabilitiesToLabels', () => {
  it('returns the argmax when the grids coincide', () => {
    const labels = [0, 1, 2, 2, 1, 0, 1, 1, 2];
    const out = probabilitiesToLabels(
      { probs: oneHot(labels), sizePx: 3, spacingMm: 1, labelCount: 3 },
      target(3, 3),
    );
    expect(Array.from(out)).toEqual(labels);
  });

  it('gives ties to the lower label', () => {
    const probs = Float32Array.from([
      0.2,
      0.4,
      0.4,
      0.5,
      0.5,
      0,
      1 / 3,
      1 / 3,
      1 / 3,
      0,
      0.5,
      0.5,
    ]);
    const out = probabilitiesToLabels(
      { probs, sizePx: 2, spacingMm: 1, labelCount: 3 },
      target(2, 2),
    );
    expect(Array.from(out)).toEqual([1, 0, 0, 1]);
  });

  it('makes pixels outside the network grid background', () => {
    // 2 x 2 network grid at 1 mm, all tumour; a 4 x 4 source at 1 mm is wider.
    const out = probabilitiesToLabels(
      { probs: oneHot([2, 2, 2, 2]), sizePx: 2, spacingMm: 1, labelCount: 3 },
      target(4, 4),
    );
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 2, 2, 0, 0, 2, 2, 0, 0, 0, 0, 0]);
  });

  it('interpolates probabilities before the argmax', () => {
    // Network at 2 mm, both rows [kidney 0.9 | tumour 0.6]: half-way between
    // them kidney still wins (0.65 against 0.3).
    const row = [0.1, 0.9, 0, 0.4, 0, 0.6];
    const probs = Float32Array.from([...row, ...row]);
    const out = probabilitiesToLabels(
      { probs, sizePx: 2, spacingMm: 2, labelCount: 3 },
      { height: 1, width: 3, rowSpacingMm: 1, colSpacingMm: 1 },
    );
    // Samples at ct = 0, 0.5, 1 (the single source row maps to rt = 0.5, inside).
    expect(Array.from(out)).toEqual([1, 1, 2]);
  });
});
