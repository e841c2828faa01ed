import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  encapsulatedPdf,
  segmentationObject,
  structuredReport,
} from '../../../scripts/dicom/nonImageObjects';
import { syntheticSeries } from '../../../scripts/dicom/syntheticSeries';
import { loadStudyFromFiles } from './loadStudyFromFiles';
import { PHANTOM_SERIES_UID, PHANTOM_UID_ROOT } from './syntheticPhantom';

const text = (s: string) => new TextEncoder().encode(s);
const SHARED_DATA = path.resolve(process.env.SHARED_DATA ?? '../shared/data');

describe('loadStudyFromFiles', () => {
  it('groups two interleaved series and picks the axial CT by default', () => {
    const ct = syntheticSeries({
      seriesUid: '2.25.1.1',
      seriesNumber: 2,
      seriesDescription: 'ABD CT',
    });
    const mr = syntheticSeries({
      seriesUid: '2.25.1.2',
      seriesNumber: 1,
      modality: 'MR',
      offsetsMm: [0, 5, 10, 15, 20, 25, 30, 35, 40],
      filePrefix: 'mr_',
    });
    const files = [...ct, ...mr].sort(
      (a, b) => (a.bytes[200] ^ 0x5a) - (b.bytes[200] ^ 0x5a),
    );
    const study = loadStudyFromFiles(files);

    expect(study.series).toHaveLength(2);
    expect(study.series.map((s) => s.summary.sliceCount).sort()).toEqual([6, 9]);
    const chosen = study.series[study.defaultIndex].summary;
    expect(chosen.modality).toBe('CT');
    expect(chosen.description).toBe('ABD CT');
    expect(chosen.spacingMm).toEqual([0.5, 0.75, 2]);
    expect(study.messages).toEqual([]);
  });

  it("knows NephroPlan's synthetic phantom by its Series Instance UID only", () => {
    const flag = (seriesUid: string) =>
      loadStudyFromFiles(syntheticSeries({ seriesUid })).series[0].summary
        .syntheticPhantom;
    expect(flag(PHANTOM_SERIES_UID)).toBe(true);
    expect(flag('2.25.1.1')).toBe(false);
    expect(flag(`${PHANTOM_UID_ROOT}.9`)).toBe(false);
    expect(flag(`${PHANTOM_SERIES_UID}.1`)).toBe(false);
  });

  it('skips and counts non-DICOM files, naming them', () => {
    const files = [
      ...syntheticSeries(),
      { name: 'README.txt', bytes: text('hello') },
      { name: 'scan/notes.json', bytes: text('{"a": 1}') },
      { name: '.DS_Store', bytes: text('junk') },
    ];
    const study = loadStudyFromFiles(files);
    expect(study.series).toHaveLength(1);
    const msg = study.messages.find((m) => m.code === 'not-dicom-skipped');
    expect(msg?.text).toBe(
      'Skipped 2 files that are not DICOM: README.txt, scan/notes.json.',
    );
  });

  it('names DICOM objects that hold no image', () => {
    const study = loadStudyFromFiles([
      ...syntheticSeries(),
      { name: 'report', bytes: structuredReport() },
      { name: 'seg.dcm', bytes: segmentationObject() },
      { name: 'doc.dcm', bytes: encapsulatedPdf() },
    ]);
    const msg = study.messages.find((m) => m.code === 'non-image-skipped');
    expect(msg?.text).toContain('Skipped 3 DICOM objects without an image');
    expect(msg?.text).toContain('report (structured report (SR))');
    expect(msg?.text).toContain('seg.dcm (segmentation (SEG))');
    expect(msg?.text).toContain('doc.dcm (encapsulated PDF)');
  });

  it('reports truncated and corrupted files and keeps the rest', () => {
    const series = syntheticSeries({ rows: 64, columns: 64 });
    const truncated = series[0].bytes.slice(0, series[0].bytes.length - 3000);
    const garbage = new Uint8Array(400);
    garbage.set(text('DICM'), 128);
    for (let i = 132; i < garbage.length; i++) garbage[i] = (i * 97) % 251;
    const study = loadStudyFromFiles([
      ...series.slice(1),
      { name: 'cut', bytes: truncated },
      { name: 'broken', bytes: garbage },
    ]);
    expect(study.series[0].summary.sliceCount).toBe(5);
    const msg = study.messages.find((m) => m.code === 'unreadable');
    expect(msg?.level).toBe('error');
    expect(msg?.text).toMatch(/^Could not read 2 files: /);
    expect(msg?.text).toContain('cut: pixel data is truncated');
    expect(msg?.text).toContain('broken: ');
  });

  it('names an unsupported transfer syntax', () => {
    const [slice] = syntheticSeries({
      offsetsMm: [0],
      transferSyntaxUid: '1.2.840.10008.1.2.4.100',
    });
    const study = loadStudyFromFiles([{ name: 'video.dcm', bytes: slice.bytes }]);
    expect(study.series).toEqual([]);
    expect(study.messages.map((m) => m.code)).toEqual(['no-images', 'unsupported']);
    expect(study.messages[1].text).toContain(
      'video.dcm: transfer syntax MPEG-2 video is not supported',
    );
  });

  it('recognises NIfTI by name or, uncompressed, by header', () => {
    const file = readFileSync(path.join(SHARED_DATA, 'ct/totalseg/example_ct_sm.nii.gz'));
    const raw = gunzipSync(new Uint8Array(file));
    const study = loadStudyFromFiles([
      { name: 'a/ct_sm.nii.gz', bytes: new Uint8Array(file) },
      { name: 'volume_without_extension', bytes: raw },
      { name: 'broken.nii', bytes: text('not nifti') },
    ]);
    expect(
      study.series.map((s) => [s.kind, s.summary.description, s.summary.sliceCount]),
    ).toEqual([
      ['nifti', 'ct_sm.nii.gz', 30],
      ['nifti', 'volume_without_extension', 30],
    ]);
    expect(study.messages.map((m) => m.code)).toEqual(['nifti-error']);
    expect(study.messages[0].text).toContain('broken.nii: not a NIfTI file');
  });

  it('says so when nothing was dropped', () => {
    const study = loadStudyFromFiles([]);
    expect(study.messages).toEqual([
      { level: 'error', code: 'empty-drop', text: 'No files were dropped or chosen.' },
    ]);
  });

  it('says so when no file holds an image', () => {
    const study = loadStudyFromFiles([{ name: 'a.txt', bytes: text('x') }]);
    expect(study.series).toEqual([]);
    expect(study.messages[0]).toMatchObject({ code: 'no-images', level: 'error' });
  });
});
