/**
 * Encodes the rendered phantom as a CT DICOM series: 16-bit unsigned stored
 * values (12 bits stored) with Rescale Intercept −1024, as many scanners
 * write them, and attributes that say plainly the data are synthetic. The
 * app recognises the series by its Series Instance UID.
 */
import {
  PHANTOM_SERIES_UID,
  PHANTOM_STUDY_UID,
  PHANTOM_UID_ROOT,
} from '../../src/core/dicom/syntheticPhantom';
import { writeDicomFile } from '../dicom/writeDicomFile';
import { PHANTOM_GRID, phantomPoint } from './phantomGrid';
import type { PhantomVolume } from './renderPhantom';

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const INTERCEPT = -1024;

export interface PhantomFile {
  name: string;
  bytes: Uint8Array;
}

/** One DICOM file per slice, named `slice_001.dcm` … */
export function phantomSeries(volume: PhantomVolume): PhantomFile[] {
  const g = PHANTOM_GRID;
  const perSlice = g.columns * g.rows;
  const files: PhantomFile[] = [];
  for (let k = 0; k < g.slices; k++) {
    const stored = new Uint16Array(perSlice);
    for (let p = 0; p < perSlice; p++)
      stored[p] = volume.hu[k * perSlice + p] - INTERCEPT;
    const position = phantomPoint(0, 0, k);
    const bytes = writeDicomFile({
      pixels: stored,
      attributes: {
        SpecificCharacterSet: 'ISO_IR 192',
        ImageType: ['DERIVED', 'SECONDARY', 'AXIAL'],
        SOPClassUID: CT_IMAGE_STORAGE,
        SOPInstanceUID: `${PHANTOM_UID_ROOT}.3.${k + 1}`,
        StudyDate: '20240101',
        StudyTime: '120000',
        AccessionNumber: 'SYNTHETIC',
        Modality: 'CT',
        Manufacturer: 'NephroPlan phantom generator',
        InstitutionName: 'Synthetic data',
        StudyDescription: 'Synthetic abdominal phantom (not a patient)',
        SeriesDescription: 'SYNTHETIC PHANTOM abdomen CT',
        PatientName: 'PHANTOM^SYNTHETIC',
        PatientID: 'NP-PHANTOM-001',
        PatientBirthDate: '',
        PatientSex: 'O',
        BodyPartExamined: 'ABDOMEN',
        SliceThickness: g.sliceSpacingMm,
        KVP: 120,
        // Fixed UIDs under the generator's own root: every run writes the same
        // bytes, and the app knows the phantom from its files.
        StudyInstanceUID: PHANTOM_STUDY_UID,
        SeriesInstanceUID: PHANTOM_SERIES_UID,
        StudyID: '1',
        SeriesNumber: 1,
        InstanceNumber: k + 1,
        ImagePositionPatient: position,
        ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
        FrameOfReferenceUID: `${PHANTOM_UID_ROOT}.4`,
        SliceLocation: position[2],
        SamplesPerPixel: 1,
        PhotometricInterpretation: 'MONOCHROME2',
        Rows: g.rows,
        Columns: g.columns,
        PixelSpacing: [g.pixelSpacingMm, g.pixelSpacingMm],
        BitsAllocated: 16,
        BitsStored: 12,
        HighBit: 11,
        PixelRepresentation: 0,
        WindowCenter: 40,
        WindowWidth: 400,
        RescaleIntercept: INTERCEPT,
        RescaleSlope: 1,
        RescaleType: 'HU',
        BurnedInAnnotation: 'NO',
      },
    });
    files.push({ name: `slice_${String(k + 1).padStart(3, '0')}.dcm`, bytes });
  }
  return files;
}
