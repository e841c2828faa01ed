/**
 * A candidate volume found in a drop: a DICOM series (instances not yet
 * decoded) or a NIfTI file (already a volume).
 */
import type { Volume } from '../volume/Volume';
import type { DicomInstance } from './DicomInstance';
import type { PatientStudyInfo } from './PatientStudyInfo';
import type { SeriesSummary } from './SeriesSummary';

export interface DicomSeries {
  kind: 'dicom';
  summary: SeriesSummary;
  instances: DicomInstance[];
  patientStudy: PatientStudyInfo;
}

export interface NiftiSeries {
  kind: 'nifti';
  summary: SeriesSummary;
  volume: Volume;
}

export type StudySeries = DicomSeries | NiftiSeries;
