import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../volume/Volume';
import { cross, dot, normalize } from '../volume/vec3';
import { sliceNormal, sortSlices, type SliceGeometry } from './sortSlices';

interface Slice extends SliceGeometry {
  id: number;
}

/** Slices `offsets` mm along the normal of `orientation`, from `origin`. */
function stack(
  orientation: [Vec3, Vec3],
  offsets: number[],
  origin: Vec3 = [5, -7, 11],
): Slice[] {
  const n = normalize(cross(orientation[0], orientation[1]));
  return offsets.map((o, id) => ({
    id,
    orientation,
    positionMm: origin.map((v, a) => v + o * n[a]) as Vec3,
  }));
}

/** Rotation of `v` about unit `axis` by `deg` degrees (Rodrigues). */
function rotate(v: Vec3, axis: Vec3, deg: number): Vec3 {
  const t = (deg * Math.PI) / 180;
  const k = normalize(axis);
  const kxv = cross(k, v);
  const kdv = dot(k, v);
  return [0, 1, 2].map(
    (a) => v[a] * Math.cos(t) + kxv[a] * Math.sin(t) + k[a] * kdv * (1 - Math.cos(t)),
  ) as Vec3;
}

const AXIAL: [Vec3, Vec3] = [
  [1, 0, 0],
  [0, 1, 0],
];

describe('sortSlices', () => {
  it('orders shuffled axial slices by position along the normal', () => {
    const slices = stack(AXIAL, [0, 2, 4, 6, 8]);
    const shuffled = [slices[3], slices[0], slices[4], slices[1], slices[2]];
    const sorted = sortSlices(shuffled);
    expect(sorted.method).toBe('position');
    expect(sorted.slices.map((s) => s.id)).toEqual([0, 1, 2, 3, 4]);
    expect(sorted.positionsMm!.map((z) => z - sorted.positionsMm![0])).toEqual([
      0, 2, 4, 6, 8,
    ]);
  });

  it('gives the same order for files in reversed order', () => {
    const slices = stack(AXIAL, [0, 1.5, 3, 4.5]);
    const sorted = sortSlices([...slices].reverse());
    expect(sorted.slices.map((s) => s.id)).toEqual([0, 1, 2, 3]);
  });

  it('follows the normal when it points to the feet (reversed column direction)', () => {
    const flipped: [Vec3, Vec3] = [
      [1, 0, 0],
      [0, -1, 0],
    ];
    const slices = stack(flipped, [0, 2, 4]);
    const sorted = sortSlices([slices[2], slices[0], slices[1]]);
    expect(sorted.normal).toEqual([0, 0, -1]);
    expect(sorted.slices.map((s) => s.id)).toEqual([0, 1, 2]);
    // Along the normal means head-to-feet here: z decreases.
    const z = sorted.slices.map((s) => s.positionMm![2]);
    expect(z[0]).toBeGreaterThan(z[2]);
  });

  it.each([
    { axis: [1, 0, 0] as Vec3, deg: 25 },
    { axis: [0, 1, 0] as Vec3, deg: -40 },
    { axis: [1, 2, 3] as Vec3, deg: 33 },
    { axis: [0, 0, 1] as Vec3, deg: 90 },
  ])('sorts gantry-free oblique slices (rotated $deg° about $axis)', ({ axis, deg }) => {
    const orientation: [Vec3, Vec3] = [
      rotate(AXIAL[0], axis, deg),
      rotate(AXIAL[1], axis, deg),
    ];
    const offsets = [0, 2.5, 5, 7.5, 10, 12.5];
    const slices = stack(orientation, offsets);
    const shuffled = [4, 1, 5, 0, 3, 2].map((i) => slices[i]);
    const sorted = sortSlices(shuffled);
    expect(sorted.slices.map((s) => s.id)).toEqual([0, 1, 2, 3, 4, 5]);
    const n = sliceNormal(orientation);
    const expected = normalize(cross(orientation[0], orientation[1]));
    n.forEach((v, a) => expect(v).toBeCloseTo(expected[a], 12));
    const steps = sorted.positionsMm!.slice(1).map((z, i) => z - sorted.positionsMm![i]);
    steps.forEach((d) => expect(d).toBeCloseTo(2.5, 9));
  });

  it('falls back to Instance Number without positions', () => {
    const slices = [3, 1, 2].map((instanceNumber, id) => ({ id, instanceNumber }));
    const sorted = sortSlices(slices);
    expect(sorted.method).toBe('instance-number');
    expect(sorted.slices.map((s) => s.instanceNumber)).toEqual([1, 2, 3]);
    expect(sorted.positionsMm).toBeNull();
  });
});
