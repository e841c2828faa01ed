/**
 * The outcome of reading one dropped file: an image instance, or a reason it
 * was set aside (the loader counts and reports these; it never throws).
 */
import type { DicomInstance } from './DicomInstance';

/** A file as the loaders receive it, from a drop, a picker or the disk. */
export interface InputFile {
  /** File name, or relative path inside a dropped folder. */
  name: string;
  bytes: Uint8Array;
}

export type ParsedFile =
  /** An image: one slice per frame (one for a single-frame file). */
  | { kind: 'image'; instances: DicomInstance[] }
  /** A valid DICOM object that carries no image (SR, SEG, PDF, ...). */
  | { kind: 'non-image'; fileName: string; description: string }
  /** No DICOM Part 10 preamble: not a DICOM file at all. */
  | { kind: 'not-dicom'; fileName: string }
  /** Claims to be DICOM but cannot be read (truncated, corrupted). */
  | { kind: 'unreadable'; fileName: string; reason: string }
  /** A DICOM image whose encoding this app cannot decode. */
  | { kind: 'unsupported'; fileName: string; reason: string };
