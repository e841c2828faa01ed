/**
 * Keeps only the Bits Stored of each value (PS3.5 §8.1.1): bits above the
 * high bit may hold overlays or garbage; signed values are sign-extended.
 */
import type { StoredPixels } from './DecodedFrame';

export function maskStoredBits(
  words: StoredPixels,
  bitsStored: number,
  signed: boolean,
): StoredPixels {
  const allocated = words.BYTES_PER_ELEMENT * 8;
  if (bitsStored >= allocated || bitsStored <= 0) return words;
  const mask = (1 << bitsStored) - 1;
  const shift = 32 - bitsStored;
  for (let i = 0; i < words.length; i++) {
    const v = words[i] & mask;
    words[i] = signed ? (v << shift) >> shift : v;
  }
  return words;
}
