/**
 * Writes a DICOM Part 10 file with dcmjs from naturalized attributes (keyword
 * → value) and, for images, 16-bit pixel data. Used by the phantom generator
 * and by tests that build fixtures at run time.
 */
import dcmjs from 'dcmjs';

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

export const EXPLICIT_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** Our implementation UID root (a UUID-derived 2.25 UID, PS3.5 §B.2). */
export const IMPLEMENTATION_UID = '2.25.301975528764419457366383815276012263311';

export interface DicomFileSpec {
  /** Naturalized attributes, e.g. `{ Modality: 'CT', Rows: 256 }`. */
  attributes: Record<string, unknown>;
  /** Stored 16-bit pixel values, rows × columns (omit for non-image objects). */
  pixels?: Int16Array | Uint16Array;
  /** Raw pixel bytes written as OB instead (e.g. 1-bit segmentation frames). */
  pixelBytes?: Uint8Array;
  /** Transfer syntax written in the meta header (default explicit LE). */
  transferSyntaxUid?: string;
}

/** Encodes one DICOM file. */
export function writeDicomFile(spec: DicomFileSpec): Uint8Array {
  const attrs = spec.attributes;
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: attrs.SOPClassUID,
    MediaStorageSOPInstanceUID: attrs.SOPInstanceUID,
    TransferSyntaxUID: spec.transferSyntaxUid ?? EXPLICIT_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_UID,
    ImplementationVersionName: 'NEPHROPLAN',
  };
  const dataset: Record<string, unknown> = { ...attrs };
  if (spec.pixels) {
    const p = spec.pixels;
    dataset.PixelData = [p.buffer.slice(p.byteOffset, p.byteOffset + p.byteLength)];
    dataset._vrMap = { PixelData: 'OW' };
  } else if (spec.pixelBytes) {
    const b = spec.pixelBytes;
    dataset.PixelData = [b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)];
    dataset._vrMap = { PixelData: 'OB' };
  }
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(dict.write());
}
