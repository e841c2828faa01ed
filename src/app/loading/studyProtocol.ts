/**
 * Messages between the page and the study-loading worker. The worker keeps
 * the parsed files; the page gets what it shows (listing, volume, messages).
 *
 * Each load is known by the id of its `load` request (`StudyListing.loadId`).
 * The worker holds the load whose series the page lists and the newest load,
 * until the page says with `keep` which of the two it lists from now on: a
 * new drop replaces the open study only once its default series has decoded
 * (studyActions.ts), and a drop that fails leaves the open study's files.
 */
import type {
  InputFile,
  PatientStudyInfo,
  SeriesSummary,
  SkippedFile,
  StudyMessage,
} from '../../core/dicom';
import type { Volume } from '../../core/volume/Volume';
import type { SliceSample } from './seriesContents';

/** One entry of the series list, without the parsed files behind it. */
export interface SeriesListing {
  kind: 'dicom' | 'nifti';
  summary: SeriesSummary;
  /** Patient and study attributes (DICOM only). */
  patientStudy: PatientStudyInfo | null;
  /** Folder of the series' files inside the drop ('' at its top). */
  folder: string;
  /** Values of its middle slice; null when that slice could not be read. */
  sample: SliceSample | null;
}

/** What the page knows about a load. */
export interface StudyListing {
  /** The worker's name for this load: opening one of its series names it. */
  loadId: number;
  series: SeriesListing[];
  /** Index of the series to open first (-1 when none). */
  defaultIndex: number;
  skipped: SkippedFile[];
  messages: StudyMessage[];
}

/**
 * `load`: parse files (answered by `loaded`). `open`: decode series `index`
 * of load `study` (`progress`, then `opened`). `keep`: the page lists load
 * `study`; the worker forgets the other (not answered). A failed request is
 * answered by `error`.
 */
export type StudyRequest =
  | { id: number; type: 'load'; files: InputFile[] }
  | { id: number; type: 'open'; study: number; index: number }
  | { type: 'keep'; study: number };

export type StudyResponse =
  | { id: number; type: 'loaded'; listing: StudyListing }
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'opened'; volume: Volume; warnings: StudyMessage[] }
  | { id: number; type: 'error'; message: string };
