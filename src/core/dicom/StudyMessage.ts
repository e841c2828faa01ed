/**
 * A message about the loaded input for the user: specific, in plain words,
 * with a stable code tests and the UI can key on.
 */
export type MessageLevel = 'error' | 'warning' | 'info';

export type MessageCode =
  | 'empty-drop'
  | 'no-images'
  | 'not-dicom-skipped'
  | 'non-image-skipped'
  | 'unreadable'
  | 'unsupported'
  | 'non-ct'
  | 'single-slice'
  | 'missing-slices'
  | 'inconsistent-spacing'
  | 'duplicate-positions'
  | 'mixed-geometry'
  | 'no-position'
  | 'sheared-grid'
  | 'no-spacing'
  | 'nifti-error'
  | 'decode-error';

export interface StudyMessage {
  level: MessageLevel;
  code: MessageCode;
  text: string;
}

/** Lists up to `max` names, then "and N more". */
export function listNames(names: string[], max = 3): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** "1 file" / "3 files". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
