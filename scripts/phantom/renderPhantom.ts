/**
 * Renders the phantom volume: HU per voxel with Gaussian CT-like noise
 * (σ = 12 HU, fixed seed), plus the matching label map.
 */
import { gaussian, mulberry32 } from './random';
import { tissueAt } from './phantomAnatomy';
import { PHANTOM_GRID, phantomPoint } from './phantomGrid';

export const NOISE_SD_HU = 12;
const SEED = 20240611;

export interface PhantomVolume {
  /** HU, slice by slice, row by row. */
  hu: Int16Array;
  /** 0 background, 1 kidney, 2 tumour. */
  labels: Uint8Array;
}

/** Renders every voxel; deterministic. */
export function renderPhantom(): PhantomVolume {
  const { columns, rows, slices } = PHANTOM_GRID;
  const hu = new Int16Array(columns * rows * slices);
  const labels = new Uint8Array(hu.length);
  const noise = gaussian(mulberry32(SEED));
  let n = 0;
  for (let k = 0; k < slices; k++) {
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < columns; i++, n++) {
        const t = tissueAt(phantomPoint(i, j, k));
        hu[n] = Math.max(-1024, Math.round(t.hu + NOISE_SD_HU * noise()));
        labels[n] = t.label;
      }
    }
  }
  return { hu, labels };
}
