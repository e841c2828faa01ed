import { describe, expect, it } from 'vitest';
import { directionLetters, orientationLabels } from './orientationLabels';

describe('orientationLabels', () => {
  it('labels an axial view in radiological convention', () => {
    // Cornerstone's axial camera: anterior up, looking from the feet.
    expect(orientationLabels([0, -1, 0], [0, 0, -1])).toEqual({
      top: 'A',
      bottom: 'P',
      right: 'L',
      left: 'R',
    });
  });

  it('labels a coronal view', () => {
    expect(orientationLabels([0, 0, 1], [0, -1, 0])).toEqual({
      top: 'S',
      bottom: 'I',
      right: 'L',
      left: 'R',
    });
  });

  it('names oblique directions by their strongest components', () => {
    expect(directionLetters([0.8, -0.6, 0])).toBe('LA');
    expect(directionLetters([0.1, 0.2, -0.97])).toBe('I');
  });
});
