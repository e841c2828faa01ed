/**
 * JPEG Lossless, Process 14 (PS3.5 §A.4.1), with the pure-JavaScript decoder
 * Cornerstone's loader uses (@cornerstonejs/jpeg-lossless-decoder-js).
 */
import { Decoder } from '@cornerstonejs/jpeg-lossless-decoder-js';
import { wordsFromBytes, type FrameInfo, type StoredPixels } from './DecodedFrame';

/** Decodes one JPEG Lossless frame into stored pixel values. */
export function decodeJpegLossless(encoded: Uint8Array, info: FrameInfo): StoredPixels {
  const bytesPerSample = info.bitsAllocated <= 8 ? 1 : 2;
  const copy = encoded.slice();
  const out = new Decoder().decode(copy.buffer, 0, copy.length, bytesPerSample);
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  const expected = info.rows * info.columns * bytesPerSample;
  if (bytes.length < expected) {
    throw new Error(`JPEG Lossless frame has ${bytes.length} of ${expected} bytes`);
  }
  return wordsFromBytes(bytes.subarray(0, expected), info.bitsAllocated, info.signed);
}
