/**
 * Entry point for a drop, a picker selection or a folder on disk: sorts the
 * files into DICOM series and NIfTI volumes, sets aside what cannot be used
 * and says why, in messages meant for the user. Nothing here throws for bad
 * input: a bad file is counted, the rest stays usable.
 */
import { hasNiftiHeader, hasNiftiName } from '../nifti/isNifti';
import { readNifti } from '../nifti/readNifti';
import type { InputFile, ParsedFile } from './ParsedFile';
import type { StudySeries } from './StudySeries';
import type { MessageCode, StudyMessage } from './StudyMessage';
import { listNames, plural } from './StudyMessage';
import type { DicomInstance } from './DicomInstance';
import { groupSeries } from './groupSeries';
import { niftiSummary } from './niftiSummary';
import { parseDicomFile } from './parseDicomFile';
import { pickDefaultSeries } from './pickDefaultSeries';

/** A file that was not loaded, and why. */
export interface SkippedFile {
  fileName: string;
  kind: Exclude<ParsedFile['kind'], 'image'> | 'nifti-error';
  reason: string;
}

export interface LoadedStudy {
  /** DICOM series and NIfTI volumes, in picker order. */
  series: StudySeries[];
  /** Index in `series` of the one to open first (-1 when none). */
  defaultIndex: number;
  skipped: SkippedFile[];
  messages: StudyMessage[];
}

/** Files the OS adds to folders; skipped silently rather than reported. */
function isHiddenSystemFile(name: string): boolean {
  const base = name.split('/').pop() ?? name;
  return base === '.DS_Store' || base === 'Thumbs.db' || base === 'desktop.ini';
}

/** The message code under which each kind of skipped file is reported (app and CLI). */
export const SKIPPED_FILE_CODE: Record<SkippedFile['kind'], MessageCode> = {
  'not-dicom': 'not-dicom-skipped',
  'non-image': 'non-image-skipped',
  unreadable: 'unreadable',
  unsupported: 'unsupported',
  'nifti-error': 'nifti-error',
};

function skippedMessages(skipped: SkippedFile[]): StudyMessage[] {
  const messages: StudyMessage[] = [];
  const of = (k: SkippedFile['kind']) => skipped.filter((s) => s.kind === k);
  const notDicom = of('not-dicom');
  if (notDicom.length > 0) {
    messages.push({
      level: 'info',
      code: SKIPPED_FILE_CODE['not-dicom'],
      text:
        `Skipped ${plural(notDicom.length, 'file')} that ` +
        `${notDicom.length === 1 ? 'is' : 'are'} not DICOM: ` +
        `${listNames(notDicom.map((s) => s.fileName))}.`,
    });
  }
  const nonImage = of('non-image');
  if (nonImage.length > 0) {
    messages.push({
      level: 'warning',
      code: SKIPPED_FILE_CODE['non-image'],
      text:
        `Skipped ${plural(nonImage.length, 'DICOM object')} without an image: ` +
        `${listNames(nonImage.map((s) => `${s.fileName} (${s.reason})`))}.`,
    });
  }
  for (const [kind, lead] of [
    ['unreadable', 'Could not read'],
    ['unsupported', 'Cannot decode'],
    ['nifti-error', 'Could not read NIfTI'],
  ] as const) {
    const list = of(kind);
    if (list.length === 0) continue;
    messages.push({
      level: 'error',
      code: SKIPPED_FILE_CODE[kind],
      text:
        `${lead} ${plural(list.length, 'file')}: ` +
        `${listNames(list.map((s) => `${s.fileName}: ${s.reason}`))}.`,
    });
  }
  return messages;
}

/**
 * Reads a set of files into candidate series.
 *
 * @param files - names (relative paths) and bytes, any order, any mix
 * @returns series to offer, the default choice, skipped files and messages
 */
export function loadStudyFromFiles(files: InputFile[]): LoadedStudy {
  const visible = files.filter((f) => !isHiddenSystemFile(f.name));
  if (visible.length === 0) {
    return {
      series: [],
      defaultIndex: -1,
      skipped: [],
      messages: [
        { level: 'error', code: 'empty-drop', text: 'No files were dropped or chosen.' },
      ],
    };
  }

  const instances: DicomInstance[] = [];
  const series: StudySeries[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of visible) {
    if (hasNiftiName(file.name) || hasNiftiHeader(file.bytes)) {
      try {
        const volume = readNifti(file.bytes);
        series.push({ kind: 'nifti', summary: niftiSummary(file.name, volume), volume });
      } catch (err) {
        skipped.push({
          fileName: file.name,
          kind: 'nifti-error',
          reason: (err as Error).message,
        });
      }
      continue;
    }
    const parsed = parseDicomFile(file);
    switch (parsed.kind) {
      case 'image':
        instances.push(...parsed.instances);
        break;
      case 'not-dicom':
        skipped.push({ fileName: file.name, kind: 'not-dicom', reason: 'not DICOM' });
        break;
      case 'non-image':
        skipped.push({
          fileName: file.name,
          kind: 'non-image',
          reason: parsed.description,
        });
        break;
      default:
        skipped.push({ fileName: file.name, kind: parsed.kind, reason: parsed.reason });
    }
  }

  series.unshift(...groupSeries(instances));
  const messages = skippedMessages(skipped);
  if (series.length === 0) {
    messages.unshift({
      level: 'error',
      code: 'no-images',
      text: `No image series found among ${plural(visible.length, 'file')}.`,
    });
  }
  const defaultIndex = pickDefaultSeries(series.map((s) => s.summary));
  return { series, defaultIndex, skipped, messages };
}
