/**
 * RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, one
 * PackBits segment per byte plane, most significant byte first.
 */
import { wordsFromBytes, type FrameInfo, type StoredPixels } from './DecodedFrame';

/** Unpacks one PackBits segment into `out` (one byte plane). */
function unpackSegment(
  data: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
): void {
  let inPos = start;
  let outPos = 0;
  while (inPos < end && outPos < out.length) {
    const n = (data[inPos++] << 24) >> 24;
    if (n >= 0) {
      const count = n + 1;
      out.set(data.subarray(inPos, inPos + count), outPos);
      inPos += count;
      outPos += count;
    } else if (n > -128) {
      const count = 1 - n;
      out.fill(data[inPos++], outPos, outPos + count);
      outPos += count;
    }
  }
  if (outPos < out.length) throw new Error('RLE segment ends early');
}

/** Decodes one RLE Lossless frame into stored pixel values. */
export function decodeRle(encoded: Uint8Array, info: FrameInfo): StoredPixels {
  const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  const segments = view.getUint32(0, true);
  const bytesPerSample = info.bitsAllocated / 8;
  if (segments !== bytesPerSample) {
    throw new Error(`RLE frame has ${segments} segments, expected ${bytesPerSample}`);
  }

  const pixels = info.rows * info.columns;
  const plane = new Uint8Array(pixels);
  const out = new Uint8Array(pixels * bytesPerSample);
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < segments ? view.getUint32(8 + 4 * s, true) : encoded.length;
    unpackSegment(encoded, start, end, plane);
    // Segment 0 holds the most significant byte; output is little endian.
    const byteInWord = bytesPerSample - 1 - s;
    for (let p = 0; p < pixels; p++) out[p * bytesPerSample + byteInWord] = plane[p];
  }
  return wordsFromBytes(out, info.bitsAllocated, info.signed);
}
