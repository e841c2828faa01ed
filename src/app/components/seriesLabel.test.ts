import { describe, expect, it } from 'vitest';
import type { SeriesSummary } from '../../core/dicom';
import type { SeriesListing } from '../loading/studyProtocol';
import { relativeFolders, sampleText, seriesDetails } from './seriesLabel';

const summary = { description: '', modality: 'CT', sliceCount: 129 } as SeriesSummary;

describe('series label', () => {
  it('drops the folders every series shares, keeping what differs', () => {
    expect(
      relativeFolders([
        'ircadb-01/PATIENT_DICOM',
        'ircadb-01/MASKS_DICOM/leftkidney',
        'ircadb-01/MASKS_DICOM/rightkidney',
      ]),
    ).toEqual(['PATIENT_DICOM', 'MASKS_DICOM/leftkidney', 'MASKS_DICOM/rightkidney']);
    expect(relativeFolders(['study/a', 'study'])).toEqual(['a', '']);
    expect(relativeFolders(['PATIENT_DICOM'])).toEqual(['PATIENT_DICOM']);
  });

  it('says when a slice looks like a mask, and the range of an image', () => {
    expect(sampleText({ slices: 5, min: 0, max: 255, levels: [0, 255] })).toBe(
      'looks like a mask: values 0/255 on 5 slices read',
    );
    expect(sampleText({ slices: 5, min: -1024, max: 1890, levels: null })).toBe(
      'values −1024 to 1890 on 5 slices read',
    );
    expect(sampleText({ slices: 1, min: 0, max: 0, levels: [0] })).toBe(
      'all 0 on the 1 slice read',
    );
    expect(sampleText(null)).toBeNull();
  });

  it('gives series number, folder and values, skipping what is unknown', () => {
    const mask: SeriesListing = {
      kind: 'dicom',
      summary: { ...summary, seriesNumber: 3 },
      patientStudy: null,
      folder: 'ircadb-01/MASKS_DICOM/leftkidney',
      sample: { slices: 5, min: 0, max: 255, levels: [0, 255] },
    };
    expect(seriesDetails(mask, 'MASKS_DICOM/leftkidney')).toEqual([
      'series 3',
      'MASKS_DICOM/leftkidney',
      'looks like a mask: values 0/255 on 5 slices read',
    ]);
    expect(seriesDetails({ ...mask, summary, sample: null }, '')).toEqual([]);
  });
});
