/**
 * One line of the series picker: enough to recognise a series and choose it.
 */
import type { Vec3 } from '../volume/Volume';
import type { PlaneLabel } from './planeLabel';

export interface SeriesSummary {
  /** Stable id within one load (the series key or the NIfTI file name). */
  id: string;
  source: 'dicom' | 'nifti';
  description: string;
  /** DICOM Modality, e.g. "CT"; empty for NIfTI (unknown). */
  modality: string;
  seriesNumber?: number;
  sliceCount: number;
  rows: number;
  columns: number;
  /** [between columns, between rows, between slices] mm; slice spacing estimated. */
  spacingMm: Vec3 | null;
  plane: PlaneLabel;
  /** Transfer syntax name (DICOM) or "NIfTI-1". */
  encoding: string;
  /** True for NephroPlan's own synthetic phantom, known by its UIDs (syntheticPhantom.ts). */
  syntheticPhantom: boolean;
}
