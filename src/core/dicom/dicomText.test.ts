import { describe, expect, it } from 'vitest';
import { formatDicomDate, formatPersonName } from './dicomText';

describe('DICOM text formatting', () => {
  it('formats person names with all component groups', () => {
    expect(formatPersonName('Doe^Jane^M^Dr')).toBe('Doe, Dr Jane M');
    expect(formatPersonName('Yamada^Tarou=山田^太郎')).toBe('Yamada, Tarou = 山田, 太郎');
    expect(formatPersonName('liver_01^patient')).toBe('liver_01, patient');
  });

  it('formats DA dates and keeps anything else', () => {
    expect(formatDicomDate('20090527')).toBe('2009-05-27');
    expect(formatDicomDate('unknown')).toBe('unknown');
  });
});
