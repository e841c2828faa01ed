/**
 * A drop whose series are listed but whose default series cannot be decoded:
 * with no study open its series are listed so that another can be picked;
 * over an open study it changes nothing but the messages: the study on
 * screen, its series list and the files the loader holds stay as they were.
 * The loader runs in this process (studyLoaderHandler.ts) instead of a worker.
 */
import { describe, expect, it, vi } from 'vitest';
import { syntheticSeries } from '../../../scripts/dicom/syntheticSeries';
import { useStudyStore } from '../store/studyStore';
import { loadFiles, openSeriesAt } from './studyActions';

vi.mock('./studyClient', async () => {
  const { createStudyLoaderHandler } = await import('./studyLoaderHandler');
  type Response = import('./studyProtocol').StudyResponse;
  type Request = import('./studyProtocol').StudyRequest & { id: number };
  let onProgress: ((done: number, total: number) => void) | undefined;
  const answers: Response[] = [];
  const handle = createStudyLoaderHandler((message) => {
    if (message.type === 'progress') onProgress?.(message.done, message.total);
    else answers.push(message);
  });
  let nextId = 1;
  const ask = async (req: Request) => {
    await handle(req);
    const answer = answers.find((a) => a.id === req.id)!;
    if (answer.type === 'error') throw new Error(answer.message);
    return answer;
  };
  return {
    loadInWorker: async (files: import('../../core/dicom').InputFile[]) => {
      const answer = await ask({ id: nextId++, type: 'load', files });
      return answer.type === 'loaded' ? answer.listing : null;
    },
    openInWorker: async (
      study: number,
      index: number,
      progress: (done: number, total: number) => void,
    ) => {
      onProgress = progress;
      const answer = await ask({ id: nextId++, type: 'open', study, index });
      return answer.type === 'opened' ? answer : null;
    },
    keepInWorker: (study: number) => void handle({ type: 'keep', study }),
  };
});

/** RLE Lossless claimed over native pixels: listed, but not decodable. */
const RLE_LOSSLESS = '1.2.840.10008.1.2.5';

const series = (description: string, uid: string, slices: number, syntax?: string) =>
  syntheticSeries({
    seriesUid: uid,
    seriesDescription: description,
    modality: description.includes('MR') ? 'MR' : 'CT',
    offsetsMm: Array.from({ length: slices }, (_, k) => 2 * k),
    transferSyntaxUid: syntax,
  });

const state = () => useStudyStore.getState();
const rowOf = (description: string) =>
  state().study!.series.findIndex((s) => s.summary.description === description);

describe('a drop whose default series cannot be decoded', () => {
  it('is listed when no study is open, and changes nothing over an open one', async () => {
    await loadFiles([
      ...series('A CT', '2.25.1', 6, RLE_LOSSLESS),
      ...series('A MR 6', '2.25.2', 6),
      ...series('A MR 5', '2.25.3', 5),
    ]);
    expect(state()).toMatchObject({ status: 'failed', volume: null, selectedIndex: -1 });
    expect(state().study!.series).toHaveLength(3);
    expect(state().seriesMessages).toEqual([
      expect.objectContaining({
        code: 'decode-error',
        text: expect.stringMatching(/^Could not decode series "A CT": RLE/),
      }),
    ]);

    await openSeriesAt(rowOf('A MR 6'));
    expect(state().status).toBe('ready');
    expect(state().volume!.dims[2]).toBe(6);
    const before = state();

    await loadFiles(series('B CT', '2.25.4', 6, RLE_LOSSLESS));
    const after = state();
    expect(after.status).toBe('ready');
    for (const key of [
      'study',
      'selectedIndex',
      'volume',
      'summary',
      'patientStudy',
      'isExample',
      'seriesMessages',
    ] as const)
      expect(after[key], key).toBe(before[key]);
    expect(after.loadMessages).toEqual([
      expect.objectContaining({
        code: 'decode-error',
        text: expect.stringMatching(
          /^Could not decode series "B CT": RLE.*\. The open study \("A MR 6"\) is kept as it was\.$/,
        ),
      }),
    ]);

    // The loader still holds the open study's files.
    await openSeriesAt(rowOf('A MR 5'));
    expect(state().status).toBe('ready');
    expect(state().summary!.description).toBe('A MR 5');
    expect(state().volume!.dims[2]).toBe(5);
  });
});
