/**
 * Detects truncated files: a native (uncompressed) frame must hold
 * rows × columns × bytes per pixel; an encapsulated one at least one fragment
 * that lies within the file.
 */
import type { DicomInstance } from './DicomInstance';

/** A message when the pixel data is shorter than the image needs. */
export function checkPixelDataLength(inst: DicomInstance): string | undefined {
  const el = inst.dataSet.elements.x7fe00010;
  const fileLength = inst.dataSet.byteArray.length;
  if (el.encapsulatedPixelData) {
    const frags = el.fragments ?? [];
    if (frags.length === 0) return 'pixel data has no fragments';
    const last = frags[frags.length - 1];
    if (last.position + last.length > fileLength) {
      return 'pixel data is truncated (a fragment ends past the end of the file)';
    }
    return undefined;
  }
  const needed = inst.rows * inst.columns * (inst.bitsAllocated / 8);
  const available = Math.min(el.length, fileLength - el.dataOffset);
  if (available < needed) {
    return `pixel data is truncated: ${available} of ${needed} bytes`;
  }
  return undefined;
}
