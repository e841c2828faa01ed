import { describe, expect, it } from 'vitest';
import { loadStudyFromFiles } from '../../core/dicom/loadStudyFromFiles';
import { keptStudySentence, withKeptStudy } from './keptStudy';

const junk = loadStudyFromFiles([
  { name: 'notes.txt', bytes: new TextEncoder().encode('not an image') },
]).messages;

describe('withKeptStudy', () => {
  it('says in the error that the open study, its segmentation and edits are kept', () => {
    const messages = withKeptStudy(junk, { description: 'ABDOMEN CT', hasLabels: true });
    expect(messages.find((m) => m.code === 'no-images')?.text).toBe(
      'No image series found among 1 file. The open study ("ABDOMEN CT") is kept as ' +
        'it was, with its segmentation and edits.',
    );
    // The list of skipped files is not an error about the drop as a whole.
    expect(messages.find((m) => m.code === 'not-dicom-skipped')).toEqual(
      junk.find((m) => m.code === 'not-dicom-skipped'),
    );
  });

  it('adds nothing when no study is open', () => {
    expect(withKeptStudy(junk, null)).toBe(junk);
  });

  it('says so for an empty drop and a series that cannot be decoded', () => {
    const empty = loadStudyFromFiles([]).messages;
    const [emptyMessage] = withKeptStudy(empty, { description: '', hasLabels: false });
    expect(emptyMessage.text).toBe(
      'No files were dropped or chosen. The open study is kept as it was.',
    );
    const [decode] = withKeptStudy(
      [{ level: 'error', code: 'decode-error', text: 'Could not decode series "B".' }],
      { description: 'A', hasLabels: false },
    );
    expect(decode.text).toMatch(/The open study \("A"\) is kept as it was\.$/);
  });
});

describe('keptStudySentence', () => {
  it('names the segmentation only when there is one', () => {
    expect(keptStudySentence({ description: 'CT', hasLabels: false })).toBe(
      'The open study ("CT") is kept as it was.',
    );
    expect(keptStudySentence({ description: 'CT', hasLabels: true })).toBe(
      'The open study ("CT") is kept as it was, with its segmentation and edits.',
    );
  });
});
