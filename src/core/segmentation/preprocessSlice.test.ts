import { describe, expect, it } from 'vitest';
import { testManifest } from '../inference/testing/saveModelToDir';
import { preprocessSlice, type CanonicalSlice } from './preprocessSlice';
import type { SegmentationManifest } from './SegmentationManifest';

function manifest(
  sizePx: number,
  spacingMm: number,
  windowHu: [number, number] = [0, 255],
) {
  const m: SegmentationManifest = testManifest(sizePx, spacingMm);
  m.intensity.windowHu = windowHu;
  return m;
}

function slice(
  hu: number[] | Float32Array,
  height: number,
  width: number,
  spacing = 1,
): CanonicalSlice {
  return { hu, height, width, rowSpacingMm: spacing, colSpacingMm: spacing };
}

/** Deterministic pseudo-random HU in [lo, hi). */
function randomHu(n: number, lo: number, hi: number, seed = 7): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    out[i] = lo + ((hi - lo) * s) / 2147483647;
  }
  return out;
}

describe('preprocessSlice', () => {
  it('only windows when the network grid equals the source grid', () => {
    const hu = [-50, 0, 100, 255, 300, 127.5, 51, 204, 1000];
    const x = preprocessSlice(slice(hu, 3, 3), manifest(3, 1));
    const expected = hu.map((v) => Math.min(Math.max(v, 0), 255) / 255);
    expect(Array.from(x)).toEqual(Array.from(Float32Array.from(expected)));
  });

  it('centres the network grid on the slice centre', () => {
    const hu = new Array(81).fill(0);
    hu[4 * 9 + 4] = 255;
    // 9 px at 1 mm sampled every 2 mm: target (2, 2) lands on source (4, 4).
    const x = preprocessSlice(slice(hu, 9, 9), manifest(5, 2));
    expect(x[2 * 5 + 2]).toBe(1);
    expect(x.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('interpolates bilinearly between source pixels', () => {
    // 2 x 2 source at 2 mm, 3 x 3 target at 1 mm: the centre is the mean of all four.
    const x = preprocessSlice(slice([0, 100, 200, 255], 2, 2, 2), manifest(3, 1));
    expect(x[4]).toBeCloseTo(138.75 / 255, 6);
    expect(x[1]).toBeCloseTo(50 / 255, 6); // between 0 and 100 on the top row
  });

  it('fills samples outside the slice with outsideValueHu before windowing', () => {
    const m = manifest(8, 1, [-1024, 1000]);
    const x = preprocessSlice(slice(new Array(16).fill(1000), 4, 4), m);
    const outside = (-1000 + 1024) / 2024;
    expect(x[0]).toBeCloseTo(outside, 7); // corner: 2 px beyond the source
    expect(x[3 * 8 + 3]).toBe(1); // inside
    expect(x.filter((v) => v === 1).length).toBe(16);
  });

  it('uses separate row and column spacings', () => {
    // Columns twice as far apart as rows: the row axis needs twice the samples.
    const hu = randomHu(15 * 8, -200, 400);
    const s: CanonicalSlice = {
      hu,
      height: 15,
      width: 8,
      rowSpacingMm: 1,
      colSpacingMm: 2,
    };
    const x = preprocessSlice(s, manifest(15, 1));
    // Target column 7 is the source centre column 3.5: the mean of columns 3 and 4.
    const r = 7;
    const mean = (hu[r * 8 + 3] + hu[r * 8 + 4]) / 2;
    expect(x[r * 15 + 7]).toBeCloseTo(Math.min(Math.max(mean, 0), 255) / 255, 6);
  });
});

describe('8-bit [0, 255]-clipped slices', () => {
  const windows: [number, number][] = [
    [0, 255],
    [40, 200],
    [0, 100],
  ];
  const clip8 = (hu: Float32Array) => hu.map((v) => Math.min(Math.max(v, 0), 255));

  it.each(windows)(
    'give the identical input on an aligned grid (window %d–%d HU)',
    (lo, hi) => {
      const hu = randomHu(40 * 40, -1000, 1500);
      const m = manifest(32, 1, [lo, hi]);
      const raw = preprocessSlice(slice(hu, 40, 40), m);
      const eightBit = preprocessSlice(slice(clip8(hu), 40, 40), m);
      expect(eightBit).toEqual(raw);
    },
  );

  it.each(windows)(
    'give the identical input wherever interpolation does not mix across 0 or 255 HU (window %d–%d HU)',
    (lo, hi) => {
      // The spec resamples HU first and windows after, so a target pixel whose
      // bilinear neighbours straddle a clip limit of the 8-bit image can differ;
      // every other pixel must be bit-identical.
      const height = 64;
      const width = 70;
      const hu = randomHu(height * width, -1000, 1500, 11);
      const spacing = 0.7;
      const m = manifest(48, 1.5, [lo, hi]);
      const raw = preprocessSlice(slice(hu, height, width, spacing), m);
      const eightBit = preprocessSlice(slice(clip8(hu), height, width, spacing), m);

      let compared = 0;
      for (let r = 0; r < 48; r++) {
        const rs = (height - 1) / 2 + ((r - 23.5) * 1.5) / spacing;
        for (let c = 0; c < 48; c++) {
          const cs = (width - 1) / 2 + ((c - 23.5) * 1.5) / spacing;
          const inside = rs >= 0 && rs <= height - 1 && cs >= 0 && cs <= width - 1;
          const i = r * 48 + c;
          if (!inside) {
            expect(eightBit[i]).toBe(raw[i]);
            compared++;
            continue;
          }
          const rows = [Math.floor(rs), Math.min(Math.floor(rs) + 1, height - 1)];
          const cols = [Math.floor(cs), Math.min(Math.floor(cs) + 1, width - 1)];
          const n = rows.flatMap((y) => cols.map((x) => hu[y * width + x]));
          const mixed =
            !n.every((v) => v >= 0 && v <= 255) &&
            !n.every((v) => v <= 0) &&
            !n.every((v) => v >= 255);
          if (mixed) continue;
          expect(eightBit[i]).toBe(raw[i]);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(100);
    },
  );
});

describe('windowBeforeResampling (optional manifest field)', () => {
  it.each([
    [0, 255],
    [40, 200],
  ] as [number, number][])(
    'makes the 8-bit slice give the identical input everywhere (window %d–%d HU)',
    (lo, hi) => {
      const hu = randomHu(64 * 70, -1000, 1500, 11);
      const m = manifest(48, 1.5, [lo, hi]);
      m.intensity.windowBeforeResampling = true;
      const s = (values: Float32Array) => ({
        hu: values,
        height: 64,
        width: 70,
        rowSpacingMm: 0.7,
        colSpacingMm: 0.7,
      });
      const clip8 = hu.map((v) => Math.min(Math.max(v, 0), 255));
      expect(preprocessSlice(s(clip8), m)).toEqual(preprocessSlice(s(hu), m));
    },
  );

  it('is the documented order when absent: resample HU, then window', () => {
    // Neighbours −1000 and 300 HU, sampled half-way: −350 HU → 0 after the window.
    const m = manifest(1, 1);
    const half = {
      hu: [-1000, 300],
      height: 1,
      width: 2,
      rowSpacingMm: 1,
      colSpacingMm: 1,
    };
    expect(preprocessSlice(half, m)[0]).toBe(0);
    m.intensity.windowBeforeResampling = true;
    expect(preprocessSlice(half, m)[0]).toBeCloseTo(127.5 / 255, 6);
  });
});
