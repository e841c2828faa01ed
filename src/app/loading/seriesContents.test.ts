/**
 * The folder and slice values the study worker lists with each series: on the
 * real 3D-IRCADb-01 folder, whose patient series and two kidney masks share
 * description, modality and slice count.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFolder } from '../../core/dicom/node/readFolder';
import { useNodeCodecWasm } from '../../core/dicom/node/nodeCodecWasm';
import { sampleValues, seriesFolder } from './seriesContents';
import { createStudyLoaderHandler } from './studyLoaderHandler';
import type { StudyResponse } from './studyProtocol';

const SHARED_DATA = path.resolve(process.env.SHARED_DATA ?? '../shared/data');

describe('series folder', () => {
  it('is the folder all of its files share', () => {
    expect(seriesFolder(['a/MASKS/left/image_0', 'a/MASKS/left/image_1'])).toBe(
      'a/MASKS/left',
    );
    expect(seriesFolder(['a/b/x', 'a/c/y'])).toBe('a');
    expect(seriesFolder(['image_0', 'image_1'])).toBe('');
  });
});

describe('slice sample', () => {
  it('lists the values of slices with few of them', () => {
    expect(sampleValues([Uint8Array.of(0, 0), Uint8Array.of(0, 255)])).toEqual({
      slices: 2,
      min: 0,
      max: 255,
      levels: [0, 255],
    });
    expect(sampleValues([Int16Array.of(-1024, 40, 0, 300, 12)]).levels).toBeNull();
  });
});

describe('listing of a real drop', () => {
  it('tells the IRCADb-01 patient series from its kidney masks', async () => {
    useNodeCodecWasm();
    const dir = path.join(SHARED_DATA, 'ct/ircadb-01');
    const files = (await readFolder(dir)).map((f) => ({
      ...f,
      name: `ircadb-01/${f.name}`,
    }));
    const answers: StudyResponse[] = [];
    await createStudyLoaderHandler((m) => answers.push(m))({
      id: 1,
      type: 'load',
      files,
    });
    const loaded = answers.find((a) => a.type === 'loaded');
    if (loaded?.type !== 'loaded') throw new Error('not loaded');

    const byFolder = Object.fromEntries(
      loaded.listing.series.map((s) => [s.folder, s.sample]),
    );
    expect(Object.keys(byFolder).sort()).toEqual([
      'ircadb-01/MASKS_DICOM/leftkidney',
      'ircadb-01/MASKS_DICOM/rightkidney',
      'ircadb-01/PATIENT_DICOM',
    ]);
    expect(byFolder['ircadb-01/MASKS_DICOM/leftkidney']?.levels).toEqual([0, 255]);
    expect(byFolder['ircadb-01/MASKS_DICOM/rightkidney']?.levels).toEqual([0, 255]);
    const ct = byFolder['ircadb-01/PATIENT_DICOM'];
    expect(ct?.levels).toBeNull();
    expect(ct?.min).toBeLessThan(-500);
    expect(ct?.max).toBeGreaterThan(500);
  });
});
