/**
 * Turns the pixel data of one single-frame instance into stored values,
 * whatever its transfer syntax: native little/big endian, deflated (already
 * inflated by the parser) or one of the compressed encodings.
 */
import dicomParser from 'dicom-parser';
import type { DicomInstance } from '../DicomInstance';
import { describeTransferSyntax } from '../transferSyntax';
import { wordsFromBytes, type FrameInfo, type StoredPixels } from './DecodedFrame';
import { decodeJpeg2000 } from './decodeJpeg2000';
import { decodeJpegLossless } from './decodeJpegLossless';
import { decodeJpegLs } from './decodeJpegLs';
import { decodeRle } from './decodeRle';
import { maskStoredBits } from './maskStoredBits';

function nativeBytes(
  inst: DicomInstance,
  info: FrameInfo,
  bigEndian: boolean,
): Uint8Array {
  const el = inst.dataSet.elements.x7fe00010;
  const length = info.rows * info.columns * (info.bitsAllocated / 8);
  const bytes = inst.dataSet.byteArray.slice(el.dataOffset, el.dataOffset + length);
  if (bigEndian && info.bitsAllocated === 16) {
    for (let i = 0; i < bytes.length; i += 2) {
      const hi = bytes[i];
      bytes[i] = bytes[i + 1];
      bytes[i + 1] = hi;
    }
  }
  return bytes;
}

function encapsulatedFrame(inst: DicomInstance): Uint8Array {
  const el = inst.dataSet.elements.x7fe00010;
  const fragments = el.fragments ?? [];
  return dicomParser.readEncapsulatedPixelDataFromFragments(
    inst.dataSet,
    el,
    0,
    fragments.length,
  ) as Uint8Array;
}

/**
 * Decodes the single frame of `inst`.
 *
 * @param inst - a parsed, supported image instance
 * @returns stored values, rows × columns, row by row
 */
export async function decodeFrame(inst: DicomInstance): Promise<StoredPixels> {
  const info: FrameInfo = {
    rows: inst.rows,
    columns: inst.columns,
    bitsAllocated: inst.bitsAllocated,
    signed: inst.pixelRepresentation === 1,
  };
  const { encoding, name } = describeTransferSyntax(inst.transferSyntaxUid);

  switch (encoding) {
    case 'native-le':
    case 'deflate':
    case 'native-be': {
      const bytes = nativeBytes(inst, info, encoding === 'native-be');
      const words = wordsFromBytes(bytes, info.bitsAllocated, info.signed);
      return maskStoredBits(words, inst.bitsStored, info.signed);
    }
    case 'jpeg2000':
      return decodeJpeg2000(encapsulatedFrame(inst), info);
    case 'jpeg-ls':
      return decodeJpegLs(encapsulatedFrame(inst), info);
    case 'jpeg-lossless':
      return decodeJpegLossless(encapsulatedFrame(inst), info);
    case 'rle':
      return decodeRle(encapsulatedFrame(inst), info);
    default:
      throw new Error(`transfer syntax ${name} is not supported`);
  }
}
