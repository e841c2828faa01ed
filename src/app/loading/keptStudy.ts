/**
 * What a failed load says while another study is open: the error adds that
 * the open study stays as it was, so that nobody fears its segmentation and
 * edits are lost (studyActions.ts keeps them: a load that brings no image,
 * or whose default series cannot be decoded, changes nothing but the
 * messages).
 */
import type { StudyMessage } from '../../core/dicom';

/** The study that stays on screen after a failed load. */
export interface KeptStudy {
  /** Its series description ('' when it has none). */
  description: string;
  /** Whether labels (a segmentation or an opened mask) are shown on it. */
  hasLabels: boolean;
}

/** Errors that mean "nothing was opened" rather than a problem with one file. */
const NOTHING_OPENED = new Set<StudyMessage['code']>([
  'empty-drop',
  'no-images',
  'decode-error',
]);

/** "The open study ("ABDOMEN CT") is kept as it was, with its segmentation and edits." */
export function keptStudySentence(kept: KeptStudy): string {
  const name = kept.description ? ` ("${kept.description}")` : '';
  const labels = kept.hasLabels ? ', with its segmentation and edits' : '';
  return `The open study${name} is kept as it was${labels}.`;
}

/**
 * Adds the kept-study sentence to the errors that say nothing was opened.
 *
 * @param messages - the failed load's messages
 * @param kept - the study on screen, or null when none is open
 * @returns new messages; `messages` itself when no study is open
 */
export function withKeptStudy(
  messages: StudyMessage[],
  kept: KeptStudy | null,
): StudyMessage[] {
  if (!kept) return messages;
  const sentence = keptStudySentence(kept);
  return messages.map((m) =>
    m.level === 'error' && NOTHING_OPENED.has(m.code)
      ? { ...m, text: `${m.text} ${sentence}` }
      : m,
  );
}
