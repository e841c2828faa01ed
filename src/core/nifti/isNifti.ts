/**
 * Recognises a NIfTI file by name (`.nii`, `.nii.gz`) or, for an
 * uncompressed file under another name, by its header: sizeof_hdr 348 with
 * the "n+1" magic (NIfTI-1), or 540 with "n+2" (NIfTI-2).
 */

/** True for names ending in .nii or .nii.gz (any case). */
export function hasNiftiName(name: string): boolean {
  return /\.nii(\.gz)?$/i.test(name);
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

/** True when the bytes start with an uncompressed NIfTI-1 or NIfTI-2 header. */
export function hasNiftiHeader(bytes: Uint8Array): boolean {
  if (bytes.length < 348) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = [view.getInt32(0, true), view.getInt32(0, false)];
  if (size.includes(348) && ascii(bytes, 344, 4) === 'n+1\0') return true;
  return bytes.length >= 540 && size.includes(540) && ascii(bytes, 4, 4) === 'n+2\0';
}
