/**
 * Messages between the page and the study-loading worker. The worker keeps
 * the parsed files; the page gets what it shows (listing, volume, messages).
 */
import type {
  InputFile,
  PatientStudyInfo,
  SeriesSummary,
  SkippedFile,
  StudyMessage,
} from '../../core/dicom';
import type { Volume } from '../../core/volume/Volume';

/** One entry of the series list, without the parsed files behind it. */
export interface SeriesListing {
  kind: 'dicom' | 'nifti';
  summary: SeriesSummary;
  /** Patient and study attributes (DICOM only). */
  patientStudy: PatientStudyInfo | null;
}

/** What the page knows about a load. */
export interface StudyListing {
  series: SeriesListing[];
  /** Index of the series to open first (-1 when none). */
  defaultIndex: number;
  skipped: SkippedFile[];
  messages: StudyMessage[];
}

export type StudyRequest =
  | { id: number; type: 'load'; files: InputFile[] }
  | { id: number; type: 'open'; index: number };

export type StudyResponse =
  | { id: number; type: 'loaded'; listing: StudyListing }
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'opened'; volume: Volume; warnings: StudyMessage[] }
  | { id: number; type: 'error'; message: string };
