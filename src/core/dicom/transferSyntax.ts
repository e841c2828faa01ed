/**
 * Transfer syntaxes (DICOM PS3.5 §10 and Annex A) this app can read, and a
 * readable name for each one it meets, so an unsupported file can be named in
 * a message.
 */

/** How the pixel data of a transfer syntax is stored. */
export type PixelEncoding =
  | 'native-le'
  | 'native-be'
  | 'deflate'
  | 'jpeg-lossless'
  | 'jpeg-ls'
  | 'jpeg2000'
  | 'rle'
  | 'unsupported';

interface SyntaxInfo {
  name: string;
  encoding: PixelEncoding;
}

const SYNTAXES: Record<string, SyntaxInfo> = {
  '1.2.840.10008.1.2': { name: 'Implicit VR Little Endian', encoding: 'native-le' },
  '1.2.840.10008.1.2.1': { name: 'Explicit VR Little Endian', encoding: 'native-le' },
  '1.2.840.10008.1.2.1.99': {
    name: 'Deflated Explicit VR Little Endian',
    encoding: 'deflate',
  },
  '1.2.840.10008.1.2.2': { name: 'Explicit VR Big Endian', encoding: 'native-be' },
  '1.2.840.10008.1.2.4.57': {
    name: 'JPEG Lossless (Process 14)',
    encoding: 'jpeg-lossless',
  },
  '1.2.840.10008.1.2.4.70': { name: 'JPEG Lossless SV1', encoding: 'jpeg-lossless' },
  '1.2.840.10008.1.2.4.80': { name: 'JPEG-LS Lossless', encoding: 'jpeg-ls' },
  '1.2.840.10008.1.2.4.81': { name: 'JPEG-LS Near-Lossless', encoding: 'jpeg-ls' },
  '1.2.840.10008.1.2.4.90': { name: 'JPEG 2000 Lossless', encoding: 'jpeg2000' },
  '1.2.840.10008.1.2.4.91': { name: 'JPEG 2000', encoding: 'jpeg2000' },
  '1.2.840.10008.1.2.5': { name: 'RLE Lossless', encoding: 'rle' },
  '1.2.840.10008.1.2.4.50': {
    name: 'JPEG Baseline (8-bit lossy)',
    encoding: 'unsupported',
  },
  '1.2.840.10008.1.2.4.51': {
    name: 'JPEG Extended (12-bit lossy)',
    encoding: 'unsupported',
  },
  '1.2.840.10008.1.2.4.100': { name: 'MPEG-2 video', encoding: 'unsupported' },
  '1.2.840.10008.1.2.4.102': { name: 'MPEG-4 AVC/H.264 video', encoding: 'unsupported' },
  '1.2.840.10008.1.2.4.201': {
    name: 'High-Throughput JPEG 2000 Lossless',
    encoding: 'unsupported',
  },
  '1.2.840.10008.1.2.4.203': {
    name: 'High-Throughput JPEG 2000',
    encoding: 'unsupported',
  },
};

/** Name and pixel encoding of a transfer syntax UID. */
export function describeTransferSyntax(uid: string): SyntaxInfo {
  return SYNTAXES[uid] ?? { name: `unknown (${uid})`, encoding: 'unsupported' };
}

/** True when this app can decode the pixel data of `uid`. */
export function isSupportedTransferSyntax(uid: string): boolean {
  return describeTransferSyntax(uid).encoding !== 'unsupported';
}
