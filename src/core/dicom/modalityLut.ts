/**
 * The modality LUT of CT (PS3.3 §C.11.1.1.2): HU = stored × Rescale Slope +
 * Rescale Intercept, per slice. Int16 voxels when every result is an integer
 * that fits, else Float32.
 */
import type { DicomInstance } from './DicomInstance';
import type { StoredPixels } from './codecs/DecodedFrame';

type Rescale = Pick<DicomInstance, 'rescaleSlope' | 'rescaleIntercept'>;

function fitsInt16(frames: StoredPixels[], slices: Rescale[]): boolean {
  const integral = slices.every(
    (s) => Number.isInteger(s.rescaleSlope) && Number.isInteger(s.rescaleIntercept),
  );
  if (!integral) return false;
  for (let k = 0; k < frames.length; k++) {
    const { rescaleSlope: m, rescaleIntercept: b } = slices[k];
    for (const v of frames[k]) {
      const hu = v * m + b;
      if (hu < -32768 || hu > 32767) return false;
    }
  }
  return true;
}

/**
 * HU voxels of a stack of decoded frames.
 *
 * @param frames - stored values, one frame per slice, in volume order
 * @param slices - the rescale attributes of each slice
 * @param perSlice - pixels per frame
 */
export function applyModalityLut(
  frames: StoredPixels[],
  slices: Rescale[],
  perSlice: number,
): Int16Array | Float32Array {
  const voxels = fitsInt16(frames, slices)
    ? new Int16Array(perSlice * frames.length)
    : new Float32Array(perSlice * frames.length);
  for (let k = 0; k < frames.length; k++) {
    const { rescaleSlope: m, rescaleIntercept: b } = slices[k];
    const f = frames[k];
    const offset = k * perSlice;
    for (let p = 0; p < perSlice; p++) voxels[offset + p] = f[p] * m + b;
  }
  return voxels;
}
