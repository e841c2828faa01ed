/**
 * What the segmentation panel does: start the worker client (backend from
 * `?backend=`), run and cancel, reset for a new study, commit brush strokes
 * and remove whole tumour regions as undoable edits, show an opened mask file
 * in place of the labels (also undoable), undo, re-measure and list the
 * tumour regions after every change, and show the largest tumour slice or a
 * region. Everything it decides lands in the segmentation store; the
 * overlay follows the store (useLabelmapSync.ts).
 *
 * A run, an opened mask and a new study give the labels a new `maskId`, whose
 * tumour the user must confirm again before it is planned on; strokes,
 * removed regions and their undo keep it.
 */
import { backendFromQuery } from '../../../core/inference/chooseBackend';
import { getLogger } from '../../../core/log/logger';
import type { Measurements } from '../../../core/measurements/Measurements';
import { measureLabels } from '../../../core/measurements/measureLabels';
import {
  listTumourRegions,
  type TumourRegion,
} from '../../../core/measurements/tumourRegions';
import type { LabelVolume, Volume } from '../../../core/volume/Volume';
import { getCurrentViewer } from '../../../viewer/currentViewer';
import {
  createSegmentationClient,
  type SegmentationClient,
} from '../../../workers/segmentationClient';
import {
  newMaskId,
  useSegmentationStore,
  type LabelEdit,
  type LabelSource,
} from '../../store/segmentationStore';
import { useStudyStore } from '../../store/studyStore';
import { applyEdit, diffLabels, regionRemovalEdit } from './labelEdits';
import { largestSliceFocus } from './largestSliceFocus';
import { overlayMaskOf, replacementEdit, undoLabelEdit } from './maskReplacement';
import { markShown } from './shownLabels';

const log = getLogger('segmentation');

/** Folder of the segmentation network, served with the app. */
export const SEGMENTATION_MODEL_URL = `${import.meta.env.BASE_URL}models/segmentation/`;

let client: Promise<SegmentationClient> | null = null;
let running: { controller: AbortController; volume: Volume } | null = null;
/** The worker's current run, settled or not (a cancel takes effect between batches). */
let workerBusy: Promise<unknown> = Promise.resolve();

const store = () => useSegmentationStore.getState();

/**
 * The worker client, started on first use with the URL's forced backend. A
 * client whose worker was stopped (a run that did not heed its cancel in
 * time) is dropped: the next use starts a fresh one, which loads the model
 * again.
 */
export function getSegmentationClient(): Promise<SegmentationClient> {
  if (!client) {
    const backend = backendFromQuery(location.search);
    const started = createSegmentationClient(SEGMENTATION_MODEL_URL, {
      backend,
      onStopped: () => {
        if (client === started) client = null;
      },
    });
    client = started;
    started.then(
      (c) => store().set({ backend: c.backendInfo, model: c.model }),
      () => {
        if (client === started) client = null;
      },
    );
  }
  return client;
}

/** Segments the volume on screen; the result replaces any earlier one. */
export async function runSegmentation(): Promise<void> {
  const volume = useStudyStore.getState().volume;
  if (!volume || running) return;
  const controller = new AbortController();
  running = { controller, volume };
  store().set({ status: 'loading-model', progress: null, message: null, tool: 'none' });
  getCurrentViewer()?.setEditTool('none', store().brushRadiusMm);
  try {
    const c = await getSegmentationClient();
    // A cancelled run may still be finishing its batch in the worker.
    await workerBusy.catch(() => undefined);
    controller.signal.throwIfAborted();
    store().set({ status: 'running' });
    const run = c.run(volume, {
      signal: controller.signal,
      onProgress: (progress) => {
        if (running?.controller === controller) store().set({ progress });
      },
    });
    workerBusy = run;
    const result = await run;
    if (useStudyStore.getState().volume !== volume) return;
    log.info(`segmented in ${result.durationSec.toFixed(1)} s`);
    // Listed here, once per run; an edit's regions are listed in the worker.
    const labelsVersion = store().labelsVersion + 1;
    store().set({
      status: 'done',
      labels: result.labels,
      source: { kind: 'network' },
      labelsVersion,
      maskId: newMaskId(),
      measurements: result.measurements,
      tumourRegions: listTumourRegions(result.labels),
      tumourRegionsVersion: labelsVersion,
      undoStack: [],
      message: null,
    });
  } catch (err) {
    if (useStudyStore.getState().volume !== volume) return;
    const cancelled = (err as Error).name === 'AbortError';
    store().set({
      status: cancelled ? 'cancelled' : 'failed',
      progress: null,
      message: cancelled
        ? 'Segmentation cancelled; nothing was changed.'
        : `Segmentation failed: ${(err as Error).message}`,
    });
    if (!cancelled) log.error('segmentation failed', err);
  } finally {
    if (running?.controller === controller) running = null;
  }
}

/**
 * Stops the run at the next batch, or within about a second by stopping the
 * worker (segmentationClient.ts); the previous labels (if any) stay.
 */
export function cancelSegmentation(): void {
  running?.controller.abort();
}

/** A different study is on screen: stop any run and forget the segmentation. */
export function resetForNewStudy(): void {
  running?.controller.abort();
  running = null;
  getCurrentViewer()?.removeLabels();
  markShown(null);
  store().reset();
}

/**
 * Moves the views to the largest tumour slice, through the tumour's centre
 * there; nothing without tumour.
 */
export function showLargestTumourSlice(): void {
  const { labels, measurements } = store();
  const slice = measurements?.largestTumourSlice;
  if (!labels || !slice) return;
  getCurrentViewer()?.showVoxel(largestSliceFocus(labels, slice));
}

/** Moves the views to a tumour region's largest axial slice, through its centre. */
export function showTumourRegion(region: TumourRegion): void {
  getCurrentViewer()?.showVoxel(region.focus);
}

/**
 * Measures `labels` in the worker; here on the main thread when there is no
 * worker, or when it was stopped before it answered.
 */
async function measureIn(labels: LabelVolume): Promise<Measurements> {
  try {
    if (client) return await (await client).measure(labels);
  } catch (err) {
    log.warn('measuring in the worker failed; measuring here', err);
  }
  return measureLabels(labels);
}

/** Lists the tumour regions of `labels` in the worker, like measureIn. */
async function listRegionsIn(labels: LabelVolume): Promise<TumourRegion[]> {
  try {
    if (client) return await (await client).listTumourRegions(labels);
  } catch (err) {
    log.warn('listing tumour regions in the worker failed; listing here', err);
  }
  return listTumourRegions(labels);
}

/** Measures `labels` and lists their tumour regions; stores both if still current. */
async function remeasure(labels: LabelVolume): Promise<void> {
  try {
    const [measurements, tumourRegions] = await Promise.all([
      measureIn(labels),
      listRegionsIn(labels),
    ]);
    if (store().labels !== labels) return;
    store().set({
      measurements,
      tumourRegions,
      tumourRegionsVersion: store().labelsVersion,
    });
  } catch (err) {
    log.error('measuring failed', err);
  }
}

/** The labels after an edit, undo or opened mask, and what goes with them. */
interface Replacement {
  labels: LabelVolume;
  undoStack: LabelEdit[];
  /** Default: the source now. */
  source?: LabelSource | null;
  /** Default: the mask now (an edit keeps it). */
  maskId?: number;
}

/** Replaces the labels: new version, new measurements and tumour regions. */
function replaceLabels(r: Replacement): void {
  store().set({
    labels: r.labels,
    source: r.source === undefined ? store().source : r.source,
    maskId: r.maskId ?? store().maskId,
    labelsVersion: store().labelsVersion + 1,
    undoStack: r.undoStack,
  });
  void remeasure(r.labels);
}

/**
 * Shows a mask file in place of the current labels, on the study's grid, to
 * be measured and corrected like a segmentation. One undoable change: undo
 * brings back the labels it replaced (or none).
 *
 * @param name - the file's name
 * @param fileLabels - 0 background, 1 kidney, 2 tumour, 3 cyst (shown as kidney)
 * @param grid - the shown volume's (the caller checked that the mask lies on it)
 */
export function showOpenedMask(
  name: string,
  fileLabels: Uint8Array,
  grid: Omit<LabelVolume, 'labels'>,
): void {
  const { labels: current, source, maskId, undoStack } = store();
  const mask = overlayMaskOf(fileLabels);
  const edit = replacementEdit(
    { labels: current?.labels ?? null, source, maskId },
    mask.labels,
  );
  const { dims, spacingMm, originMm, direction } = grid;
  replaceLabels({
    labels: { labels: mask.labels, dims, spacingMm, originMm, direction },
    undoStack: [...undoStack, edit],
    source: { kind: 'file', name, cystVoxels: mask.cystVoxels },
    maskId: newMaskId(),
  });
}

/** A brush or eraser stroke ended: record it and re-measure. */
export async function commitStroke(): Promise<void> {
  const current = store().labels;
  const overlay = await getCurrentViewer()?.currentLabels();
  if (!current || !overlay) return;
  const now = overlay.read();
  const edit = diffLabels(current.labels, now);
  if (!edit) return;
  markShown(now);
  replaceLabels({
    labels: { ...current, labels: now },
    undoStack: [...store().undoStack, edit],
  });
}

/**
 * Sets the voxels of tumour regions to background, as one undoable edit that
 * keeps the mask (and its confirmation), like an eraser stroke. Nothing
 * happens while the regions are stale (listed for labels changed since).
 *
 * @param regions - regions from the store's `tumourRegions`
 */
export function removeTumourRegions(regions: readonly TumourRegion[]): void {
  const { labels, tumourRegions, undoStack } = store();
  if (!labels || store().tumourRegionsVersion !== store().labelsVersion) return;
  if (!regions.every((r) => tumourRegions?.includes(r))) return;
  const edit = regionRemovalEdit(regions);
  if (!edit) return;
  replaceLabels({
    labels: { ...labels, labels: applyEdit(labels.labels, edit) },
    undoStack: [...undoStack, edit],
  });
}

/** Removes every tumour region (see removeTumourRegions). */
export function removeAllTumour(): void {
  removeTumourRegions(store().tumourRegions ?? []);
}

/**
 * Undoes the last manual edit or opened mask. Undoing an opened mask brings
 * back the mask before it, confirmed or not as it was.
 */
export function undoLastEdit(): void {
  const { labels, undoStack, source, maskId } = store();
  const edit = undoStack[undoStack.length - 1];
  if (!labels || !edit) return;
  const undone = undoLabelEdit(labels.labels, edit, { source, maskId });
  const rest = undoStack.slice(0, -1);
  if (!undone.labels) {
    store().set({
      labels: null,
      source: null,
      maskId: undone.maskId,
      measurements: null,
      tumourRegions: null,
      labelsVersion: store().labelsVersion + 1,
      undoStack: rest,
    });
    return;
  }
  replaceLabels({
    labels: { ...labels, labels: undone.labels },
    undoStack: rest,
    source: undone.source,
    maskId: undone.maskId,
  });
}
