/**
 * Turns the pixel data of one slice (a single-frame file or one frame of a
 * multi-frame object) into stored values,
 * whatever its transfer syntax: native little/big endian, deflated (already
 * inflated by the parser) or one of the compressed encodings.
 */
import dicomParser, { type DataSet } from 'dicom-parser';
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
  const start = el.dataOffset + inst.frameIndex * length;
  const bytes = inst.dataSet.byteArray.slice(start, start + length);
  if (bigEndian && info.bitsAllocated === 16) {
    for (let i = 0; i < bytes.length; i += 2) {
      const hi = bytes[i];
      bytes[i] = bytes[i + 1];
      bytes[i + 1] = hi;
    }
  }
  return bytes;
}

/** Frame offsets found by scanning for end-of-image markers, per data set. */
const scannedOffsetTables = new WeakMap<DataSet, number[]>();

/**
 * The compressed bytes of one frame (PS3.5 §A.4): all fragments for a
 * single frame; else the Basic Offset Table; else one fragment per frame;
 * else frame ends found by scanning for the end-of-image marker FFD9, which
 * ends JPEG, JPEG-LS and JPEG 2000 code streams alike (not RLE).
 */
function encapsulatedFrame(inst: DicomInstance, encoding: string): Uint8Array {
  const ds = inst.dataSet;
  const el = ds.elements.x7fe00010;
  const fragments = el.fragments ?? [];
  const frames = inst.numberOfFrames;
  const f = inst.frameIndex;
  if (frames === 1) {
    return dicomParser.readEncapsulatedPixelDataFromFragments(
      ds,
      el,
      0,
      fragments.length,
    ) as Uint8Array;
  }
  if ((el.basicOffsetTable ?? []).length === frames) {
    return dicomParser.readEncapsulatedImageFrame(ds, el, f) as Uint8Array;
  }
  if (fragments.length === frames) {
    return dicomParser.readEncapsulatedPixelDataFromFragments(ds, el, f, 1) as Uint8Array;
  }
  if (encoding === 'rle') {
    throw new Error(
      `cannot locate frame ${f + 1}: RLE pixel data without an offset table ` +
        `holds ${fragments.length} fragments for ${frames} frames`,
    );
  }
  let table = scannedOffsetTables.get(ds);
  if (!table) {
    table = dicomParser.createJPEGBasicOffsetTable(ds, el);
    scannedOffsetTables.set(ds, table);
  }
  if (table.length !== frames) {
    throw new Error(
      `cannot locate frame ${f + 1}: found ${table.length} code streams ` +
        `for ${frames} frames`,
    );
  }
  return dicomParser.readEncapsulatedImageFrame(ds, el, f, table) as Uint8Array;
}

/**
 * Decodes frame `inst.frameIndex` of `inst`.
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
      return decodeJpeg2000(encapsulatedFrame(inst, encoding), info);
    case 'jpeg-ls':
      return decodeJpegLs(encapsulatedFrame(inst, encoding), info);
    case 'jpeg-lossless':
      return decodeJpegLossless(encapsulatedFrame(inst, encoding), info);
    case 'rle':
      return decodeRle(encapsulatedFrame(inst, encoding), info);
    default:
      throw new Error(`transfer syntax ${name} is not supported`);
  }
}
