/**
 * The study the user is looking at: the candidate series of the last
 * successful load, the one shown, its volume, and the messages about both.
 *
 * Segmentation and planning keep their own stores beside this one
 * (`segmentationStore.ts`, `planningStore.ts`) and read the volume from here.
 */
import { create } from 'zustand';
import type { StudyListing } from '../loading/studyProtocol';
import type { PatientStudyInfo, SeriesSummary, StudyMessage } from '../../core/dicom';
import type { Volume } from '../../core/volume/Volume';

export type StudyStatus = 'idle' | 'reading' | 'building' | 'ready' | 'failed';

export interface Progress {
  label: string;
  done: number;
  total: number;
}

export interface StudyState {
  status: StudyStatus;
  progress: Progress | null;
  /** The last load that found at least one series. */
  study: StudyListing | null;
  /**
   * True when the series on screen is the built-in synthetic phantom, known
   * from its files (SeriesSummary.syntheticPhantom), however they were opened.
   */
  isExample: boolean;
  selectedIndex: number;
  /** The volume on screen (HU) and what it is. */
  volume: Volume | null;
  summary: SeriesSummary | null;
  patientStudy: PatientStudyInfo | null;
  /** Messages about the last load attempt. */
  loadMessages: StudyMessage[];
  /** Warnings about the series on screen. */
  seriesMessages: StudyMessage[];
}

export const initialStudyState: StudyState = {
  status: 'idle',
  progress: null,
  study: null,
  isExample: false,
  selectedIndex: -1,
  volume: null,
  summary: null,
  patientStudy: null,
  loadMessages: [],
  seriesMessages: [],
};

/** The study store; actions live in `../loading/studyActions.ts`. */
export const useStudyStore = create<StudyState>()(() => ({ ...initialStudyState }));
