/**
 * Which loads the study worker holds: a new load can be opened before the
 * page keeps it, and the one the page does not keep is let go, while the
 * listed study's series stay openable.
 */
import { describe, expect, it } from 'vitest';
import { syntheticSeries } from '../../../scripts/dicom/syntheticSeries';
import type { InputFile } from '../../core/dicom';
import { createStudyLoaderHandler } from './studyLoaderHandler';
import type { StudyListing, StudyRequest, StudyResponse } from './studyProtocol';

/** RLE Lossless claimed over native pixels: listed, but not decodable. */
const RLE_LOSSLESS = '1.2.840.10008.1.2.5';

const ct = (uid: string) => syntheticSeries({ seriesUid: uid, seriesDescription: 'CT' });
const mr = (uid: string) =>
  syntheticSeries({ seriesUid: uid, modality: 'MR', offsetsMm: [0, 2, 4, 6, 8] });
const broken = (uid: string) =>
  syntheticSeries({ seriesUid: uid, transferSyntaxUid: RLE_LOSSLESS });

/** A handler with a request helper that returns each request's final answer. */
function startLoader() {
  const answers: StudyResponse[] = [];
  const handle = createStudyLoaderHandler((message) => answers.push(message));
  let nextId = 1;
  const ask = async (req: StudyRequest & { id: number }) => {
    await handle(req);
    return answers.filter((a) => a.id === req.id && a.type !== 'progress').at(-1);
  };
  return {
    async load(files: InputFile[]): Promise<StudyListing> {
      const answer = await ask({ id: nextId++, type: 'load', files });
      if (answer?.type !== 'loaded') throw new Error(`not loaded: ${answer?.type}`);
      return answer.listing;
    },
    open: (study: StudyListing, index = study.defaultIndex) =>
      ask({ id: nextId++, type: 'open', study: study.loadId, index }),
    keep: (study: StudyListing) => handle({ type: 'keep', study: study.loadId }),
  };
}

describe('study loader', () => {
  it('keeps the listed load when the page does not keep a new one that failed', async () => {
    const loader = startLoader();
    const listed = await loader.load([...ct('2.25.1'), ...mr('2.25.2')]);
    expect(await loader.open(listed)).toMatchObject({ type: 'opened' });
    await loader.keep(listed);

    const failed = await loader.load(broken('2.25.3'));
    expect(failed.series).toHaveLength(1);
    expect(await loader.open(failed)).toMatchObject({
      type: 'error',
      message: expect.stringContaining('RLE'),
    });
    await loader.keep(listed);

    expect(await loader.open(failed, 0)).toEqual({
      id: expect.any(Number),
      type: 'error',
      message: `no series 0 in load ${failed.loadId}`,
    });
    const other = listed.series.findIndex((s) => s.summary.modality === 'MR');
    const opened = await loader.open(listed, other);
    expect(opened?.type === 'opened' && opened.volume.dims).toEqual([20, 16, 5]);
  });

  it('lets the listed load go once the page keeps the new one', async () => {
    const loader = startLoader();
    const first = await loader.load(ct('2.25.1'));
    await loader.keep(first);
    const second = await loader.load(mr('2.25.2'));
    expect(await loader.open(second)).toMatchObject({ type: 'opened' });
    await loader.keep(second);

    expect(await loader.open(first)).toMatchObject({
      type: 'error',
      message: `no series 0 in load ${first.loadId}`,
    });
    expect(await loader.open(second)).toMatchObject({ type: 'opened' });
  });
});
