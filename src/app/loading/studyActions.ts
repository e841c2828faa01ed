/**
 * What the UI can do with a study: load files (drop, picker, example) and
 * open one of the series found. Parsing and decoding run in a worker
 * (`studyLoader.worker.ts`). A failed load leaves what was already loaded
 * on screen, with its series list and the files behind it; only the
 * messages change.
 */
import type { InputFile, StudyMessage } from '../../core/dicom';
import { getLogger } from '../../core/log/logger';
import type { Volume } from '../../core/volume/Volume';
import { useSegmentationStore } from '../store/segmentationStore';
import { useStudyStore } from '../store/studyStore';
import { withKeptStudy, type KeptStudy } from './keptStudy';
import type { NamedFile } from './readDroppedItems';
import { keepInWorker, loadInWorker, openInWorker } from './studyClient';
import type { SeriesListing, StudyListing } from './studyProtocol';

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

/** The error shown when series `series` cannot be decoded, as one sentence. */
function decodeError(series: SeriesListing, err: unknown): StudyMessage {
  const name = series.summary.description || series.summary.id;
  const reason = err instanceof Error ? err.message : String(err);
  return {
    level: 'error',
    code: 'decode-error',
    text: `Could not decode series "${name}": ${reason.replace(/\.?$/, '.')}`,
  };
}

/** The store's fields for `series`, decoded and on screen. */
function shownSeries(
  series: SeriesListing,
  opened: { volume: Volume; warnings: StudyMessage[] },
) {
  return {
    status: 'ready' as const,
    progress: null,
    volume: opened.volume,
    summary: series.summary,
    // Known from the files, whether they came from the example button or a drop.
    isExample: series.summary.syntheticPhantom,
    patientStudy: series.patientStudy,
    seriesMessages: opened.warnings,
  };
}

/** Decodes series `index` of `study`, showing progress while `mine` is the latest. */
function decode(study: StudyListing, index: number, mine: number) {
  return openInWorker(study.loadId, index, (done, total) => {
    if (mine === generation) set({ progress: { label: 'Decoding slices', done, total } });
  });
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
  await openNewStudy(study, mine);
}

/**
 * Opens the default series of a new load. The load replaces the open study
 * (its series list, and its files in the worker) only once that series has
 * decoded; when it cannot be decoded the open study stays as it was. With no
 * study open, the load's series are listed all the same, so that another
 * one can be picked.
 *
 * @param study - the new load, with at least one series
 * @param mine - generation claimed by the load
 */
async function openNewStudy(study: StudyListing, mine: number) {
  const index = study.defaultIndex;
  const series = study.series[index];
  set({ status: 'building', progress: null });
  try {
    const opened = await decode(study, index, mine);
    if (mine !== generation) return;
    keepInWorker(study.loadId);
    set({
      study,
      selectedIndex: index,
      loadMessages: study.messages,
      ...shownSeries(series, opened),
    });
  } catch (err) {
    if (mine !== generation) return;
    const error = decodeError(series, err);
    const kept = keptStudy();
    const listed = useStudyStore.getState().study;
    if (kept && listed) {
      keepInWorker(listed.loadId);
      set({
        status: 'ready',
        progress: null,
        loadMessages: withKeptStudy([...study.messages, error], kept),
      });
      return;
    }
    keepInWorker(study.loadId);
    set({
      status: 'failed',
      progress: null,
      study,
      selectedIndex: -1,
      loadMessages: study.messages,
      seriesMessages: [error],
    });
  }
}

/**
 * Builds and shows series `index` of the listed study.
 *
 * @param index - position in the study's series list
 */
export async function openSeriesAt(index: number) {
  const study = useStudyStore.getState().study;
  const series = study?.series[index];
  if (!study || !series) return;
  const mine = ++generation;
  const previousIndex = useStudyStore.getState().selectedIndex;
  set({ status: 'building', selectedIndex: index });
  try {
    const opened = await decode(study, index, mine);
    if (mine !== generation) return;
    set(shownSeries(series, opened));
  } catch (err) {
    if (mine !== generation) return;
    set({
      status: settledStatus(),
      progress: null,
      selectedIndex: previousIndex,
      seriesMessages: withKeptStudy([decodeError(series, err)], keptStudy()),
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
