/**
 * DICOM objects without a reviewable image — a structured report, a
 * segmentation and an encapsulated PDF — for tests of what the loader skips.
 */
import { writeDicomFile } from './writeDicomFile';

const COMMON = {
  PatientName: 'TEST^SYNTHETIC',
  PatientID: 'TEST-001',
  StudyInstanceUID: '2.25.4242',
  StudyDate: '20240102',
};

/** A Basic Text SR. */
export function structuredReport(): Uint8Array {
  return writeDicomFile({
    attributes: {
      ...COMMON,
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.11',
      SOPInstanceUID: '2.25.4242.90.1',
      Modality: 'SR',
      SeriesInstanceUID: '2.25.4242.90',
      ValueType: 'CONTAINER',
      ContinuityOfContent: 'SEPARATE',
    },
  });
}

/** A one-frame binary segmentation (it has pixel data, yet no image to review). */
export function segmentationObject(): Uint8Array {
  return writeDicomFile({
    pixelBytes: new Uint8Array(8).fill(0x0f),
    attributes: {
      ...COMMON,
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.66.4',
      SOPInstanceUID: '2.25.4242.91.1',
      Modality: 'SEG',
      SeriesInstanceUID: '2.25.4242.91',
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      Rows: 8,
      Columns: 8,
      NumberOfFrames: 1,
      BitsAllocated: 1,
      BitsStored: 1,
      HighBit: 0,
      PixelRepresentation: 0,
    },
  });
}

/** An encapsulated PDF document. */
export function encapsulatedPdf(): Uint8Array {
  const pdf = new TextEncoder().encode('%PDF-1.4\n% report\n%%EOF\n');
  const padded = new Uint8Array(pdf.length + (pdf.length % 2));
  padded.set(pdf);
  return writeDicomFile({
    attributes: {
      ...COMMON,
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.104.1',
      SOPInstanceUID: '2.25.4242.92.1',
      Modality: 'DOC',
      SeriesInstanceUID: '2.25.4242.92',
      MIMETypeOfEncapsulatedDocument: 'application/pdf',
      DocumentTitle: 'Report',
      EncapsulatedDocument: padded.buffer,
      _vrMap: { EncapsulatedDocument: 'OB' },
    },
  });
}
