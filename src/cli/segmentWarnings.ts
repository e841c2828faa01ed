/**
 * What `segment` must tell the user besides its result: the files the load
 * skipped, each with its reason, and the warnings about the series it built
 * (missing slices, uneven spacing, a modality other than CT, …) — what the
 * browser lists for the same input. Printed on stderr as the browser words
 * them, and listed one entry per file or warning in the `--json` report.
 */
import { type LoadedStudy, SKIPPED_FILE_CODE } from '../core/dicom/loadStudyFromFiles';
import type { MessageCode, StudyMessage } from '../core/dicom/StudyMessage';

/** One entry of the report's `warnings`. */
export interface SegmentWarning {
  /** The message code the app keys on (`unreadable`, `missing-slices`, …). */
  code: MessageCode;
  /** The skipped file (its path within the input folder); absent for the series. */
  file?: string;
  /** Why the file was skipped, or the warning about the series. */
  message: string;
}

/**
 * The warnings of a run.
 *
 * @param study - the loaded input, for its skipped files
 * @param seriesWarnings - the warnings of the series that was built
 */
export function segmentWarnings(
  study: LoadedStudy,
  seriesWarnings: StudyMessage[],
): SegmentWarning[] {
  return [
    ...study.skipped.map((s) => ({
      code: SKIPPED_FILE_CODE[s.kind],
      file: s.fileName,
      message: s.reason,
    })),
    ...seriesWarnings.map((w) => ({ code: w.code, message: w.text })),
  ];
}

/** Prints the load's messages (files named up to 3 at a time) and the series warnings. */
export function printSegmentWarnings(
  study: LoadedStudy,
  seriesWarnings: StudyMessage[],
): void {
  for (const m of [...study.messages, ...seriesWarnings]) {
    process.stderr.write(`segment: warning: ${m.text}\n`);
  }
}
