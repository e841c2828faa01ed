/** Stored pixel values of one decoded frame (before the modality LUT). */
export type StoredPixels = Int8Array | Uint8Array | Int16Array | Uint16Array;

/** What a decoder needs to know about the frame it decodes. */
export interface FrameInfo {
  rows: number;
  columns: number;
  bitsAllocated: number;
  /** DICOM Pixel Representation: true for two's complement. */
  signed: boolean;
}

/** Reinterprets little-endian bytes as stored values of the right type. */
export function wordsFromBytes(
  bytes: Uint8Array,
  bitsAllocated: number,
  signed: boolean,
): StoredPixels {
  const copy = bytes.slice();
  if (bitsAllocated === 8) {
    return signed ? new Int8Array(copy.buffer) : copy;
  }
  const n = copy.byteLength >> 1;
  return signed ? new Int16Array(copy.buffer, 0, n) : new Uint16Array(copy.buffer, 0, n);
}
