/**
 * Recognises a DICOM Part 10 file by its 128-byte preamble followed by "DICM"
 * (PS3.10 §7.1), whatever its name or extension.
 */
export function isPart10(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 132 &&
    bytes[128] === 0x44 &&
    bytes[129] === 0x49 &&
    bytes[130] === 0x43 &&
    bytes[131] === 0x4d
  );
}
