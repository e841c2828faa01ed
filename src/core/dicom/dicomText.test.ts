import { describe, expect, it } from 'vitest';
import { formatDicomDate, formatPatientSex, formatPersonName } from './dicomText';

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

  it("spells out the Patient's Sex code", () => {
    expect(formatPatientSex('M')).toBe('male');
    expect(formatPatientSex('F')).toBe('female');
    expect(formatPatientSex('O')).toBe('other');
    expect(formatPatientSex(' f ')).toBe('female');
  });

  it('says "not recorded" for a missing or unknown sex, quoting what is stored', () => {
    expect(formatPatientSex('')).toBe('not recorded');
    expect(formatPatientSex('U')).toBe('not recorded (stored as "U")');
    expect(formatPatientSex('<b>X</b>')).toBe('not recorded (stored as "<b>X</b>")');
  });
});
