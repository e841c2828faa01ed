/**
 * What the UI can do with a study: load files (drop, picker, example) and
 * open one of the series found. Parsing and decoding run in a worker
 * (`studyLoader.worker.ts`). A failed load leaves what was already loaded
 * on screen; only its messages change.
 */
import type { InputFile, StudyMessage } from '../../core/dicom';
import { getLogger } from '../../core/log/logger';
import { useSegmentationStore } from '../store/segmentationStore';
import { useStudyStore } from '../store/studyStore';
import { withKeptStudy, type KeptStudy } from './keptStudy';
import type { NamedFile } from './readDroppedItems';
import { loadInWorker, openInWorker } from './studyClient';

const log = getLogger('study');
const set = useStudyStore.setState;

/**
 * Generation of the latest load or series change: a slower, older request
 * that finishes later must not overwrite a newer one.
 */
let generation = 0;

async function readAll(files: NamedFile[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const { path, file } of files) {
    out.push({ name: path, bytes: new Uint8Array(await file.arrayBuffer()) });
    if (out.length % 16 === 0) {
      set({
        progress: { label: 'Reading files', done: out.length, total: files.length },
      });
    }
  }
  return out;
}

/** Status to fall back to when a load brings nothing new. */
function settledStatus() {
  return useStudyStore.getState().volume ? 'ready' : 'failed';
}

/** The study that stays on screen when a load fails; null when none is open. */
function keptStudy(): KeptStudy | null {
  const { volume, summary } = useStudyStore.getState();
  if (!volume) return null;
  return {
    description: summary?.description ?? '',
    hasLabels: useSegmentationStore.getState().labels !== null,
  };
}

/**
 * Loads dropped or chosen files (or the built-in example's) and opens the
 * default series.
 *
 * @param files - files with their paths in the drop
 */
export async function loadFiles(files: NamedFile[] | InputFile[]) {
  const mine = ++generation;
  set({
    status: 'reading',
    progress: { label: 'Reading files', done: 0, total: files.length },
  });
  const inputs =
    files.length > 0 && 'file' in files[0]
      ? await readAll(files as NamedFile[])
      : (files as InputFile[]);
  if (mine !== generation) return;
  set({ progress: { label: 'Reading DICOM headers', done: 0, total: 0 } });
  let study;
  try {
    study = await loadInWorker(inputs);
  } catch (err) {
    if (mine === generation)
      reportLoadError(`Could not read the files: ${(err as Error).message}`);
    return;
  }
  if (mine !== generation) return;
  log.info('loaded', study.series.length, 'series,', study.skipped.length, 'skipped');

  if (study.series.length === 0) {
    set({
      status: settledStatus(),
      progress: null,
      loadMessages: withKeptStudy(study.messages, keptStudy()),
    });
    return;
  }
  set({ study, loadMessages: study.messages, progress: null });
  await openSeriesAt(study.defaultIndex, mine);
}

/**
 * Builds and shows series `index` of the current study.
 *
 * @param index - position in the study's series list
 * @param claimed - generation already claimed by the calling load
 */
export async function openSeriesAt(index: number, claimed?: number) {
  const series = useStudyStore.getState().study?.series[index];
  if (!series) return;
  const mine = claimed ?? ++generation;
  const previousIndex = useStudyStore.getState().selectedIndex;
  set({ status: 'building', selectedIndex: index });
  try {
    const opened = await openInWorker(index, (done, total) => {
      if (mine === generation)
        set({ progress: { label: 'Decoding slices', done, total } });
    });
    if (mine !== generation) return;
    set({
      status: 'ready',
      progress: null,
      volume: opened.volume,
      summary: series.summary,
      // Known from the files, whether they came from the example button or a drop.
      isExample: series.summary.syntheticPhantom,
      patientStudy: series.patientStudy,
      seriesMessages: opened.warnings,
    });
  } catch (err) {
    if (mine !== generation) return;
    const message: StudyMessage = {
      level: 'error',
      code: 'decode-error',
      text: `Could not decode series "${series.summary.description || series.summary.id}": ${
        err instanceof Error ? err.message : String(err)
      }`,
    };
    set({
      status: settledStatus(),
      progress: null,
      selectedIndex: previousIndex,
      seriesMessages: withKeptStudy([message], keptStudy()),
    });
  }
}

/** Reports a failure that happened before any file could be read. */
export function reportLoadError(text: string) {
  set({
    status: settledStatus(),
    progress: null,
    loadMessages: withKeptStudy(
      [{ level: 'error', code: 'no-images', text }],
      keptStudy(),
    ),
  });
}
