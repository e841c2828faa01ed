/**
 * One slice of a parsed DICOM image: a single-frame file, or one frame of a
 * multi-frame object. Holds the attributes series grouping, slice sorting,
 * volume building and the study banner need, plus the parsed data set so the
 * pixel data can be decoded later (only for the series the user opens).
 */
import type { DataSet } from 'dicom-parser';
import type { Vec3 } from '../volume/Volume';
import type { PatientStudyInfo } from './PatientStudyInfo';

export interface DicomInstance {
  /** Name of the file it came from (relative path where known). */
  fileName: string;
  sopClassUid: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  /** Series Instance UID (0020,000E); empty when the file lacks it. */
  seriesInstanceUid: string;
  /** Key the instance is grouped by: the series UID, or a fallback. */
  seriesKey: string;
  modality: string;
  seriesDescription: string;
  seriesNumber?: number;
  instanceNumber?: number;
  rows: number;
  columns: number;
  /** Number of Frames (0028,0008) of the object the slice comes from. */
  numberOfFrames: number;
  /** Which frame of the object's pixel data this slice is (0-based). */
  frameIndex: number;
  /** Pixel Spacing (0028,0030): [between rows, between columns], mm. */
  pixelSpacingMm?: [number, number];
  sliceThicknessMm?: number;
  /** Image Position (Patient) (0020,0032), LPS mm. */
  positionMm?: Vec3;
  /** Image Orientation (Patient) (0020,0037): [row direction, column direction]. */
  orientation?: [Vec3, Vec3];
  rescaleSlope: number;
  rescaleIntercept: number;
  bitsAllocated: number;
  bitsStored: number;
  /** 0 unsigned, 1 two's complement. */
  pixelRepresentation: number;
  samplesPerPixel: number;
  photometricInterpretation: string;
  transferSyntaxUid: string;
  patientStudy: PatientStudyInfo;
  /** The parsed file; its `byteArray` holds the pixel data. */
  dataSet: DataSet;
}
