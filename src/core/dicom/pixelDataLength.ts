/**
 * Detects truncated files: native (uncompressed) pixel data must hold
 * frames × rows × columns × bytes per pixel; encapsulated pixel data at least
 * one fragment per frame (or a Basic Offset Table entry per frame), all lying
 * within the file.
 */
import type { DicomInstance } from './DicomInstance';

/** A message when the pixel data is shorter than the image needs. */
export function checkPixelDataLength(inst: DicomInstance): string | undefined {
  const el = inst.dataSet.elements.x7fe00010;
  const fileLength = inst.dataSet.byteArray.length;
  const frames = inst.numberOfFrames;
  if (el.encapsulatedPixelData) {
    const frags = el.fragments ?? [];
    if (frags.length === 0) return 'pixel data has no fragments';
    const last = frags[frags.length - 1];
    if (last.position + last.length > fileLength) {
      return 'pixel data is truncated (a fragment ends past the end of the file)';
    }
    const table = el.basicOffsetTable ?? [];
    if (table.length > 0 && table.length !== frames) {
      return `the Basic Offset Table lists ${table.length} frames of ${frames}`;
    }
    if (frags.length < frames) {
      return `pixel data holds ${frags.length} fragments for ${frames} frames`;
    }
    return undefined;
  }
  const needed = frames * inst.rows * inst.columns * (inst.bitsAllocated / 8);
  const available = Math.min(el.length, fileLength - el.dataOffset);
  if (available < needed) {
    return `pixel data is truncated: ${available} of ${needed} bytes`;
  }
  return undefined;
}
