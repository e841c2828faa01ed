import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { measureLabels } from '../../../core/measurements/measureLabels';
import type { LabelVolume, Volume } from '../../../core/volume/Volume';
import { axisAlignedGrid } from '../../../core/volume/testing/axisAlignedGrid';
import type { StudyViewer } from '../../../viewer/StudyViewer';

/** Labels the fake network returns on the next run. */
let networkLabels = Uint8Array.of(0, 1, 2, 2, 0, 1, 2, 0);

// The worker cannot start in Node: a client that "segments" at once.
vi.mock('../../../workers/segmentationClient', () => ({
  createSegmentationClient: async () => ({
    backendInfo: { name: 'cpu', reason: 'test' },
    model: { name: 'test', version: '0' },
    run: async (volume: Volume) => {
      const labels: LabelVolume = { ...grid, labels: networkLabels.slice() };
      void volume;
      return { labels, measurements: measureLabels(labels), durationSec: 0 };
    },
    measure: async (labels: LabelVolume) => measureLabels(labels),
  }),
}));

const grid = axisAlignedGrid([2, 2, 2]);
const volume: Volume = { ...grid, voxels: new Int16Array(8) } as Volume;

let actions: typeof import('../segmentation/segmentationActions');
let planning: typeof import('../../store/planningStore');
let segmentation: typeof import('../../store/segmentationStore');
let study: typeof import('../../store/studyStore');
let viewer: typeof import('../../../viewer/currentViewer');
let activeMaskOf: typeof import('./useActiveMask').activeMaskOf;

beforeAll(async () => {
  const items = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  });
  vi.stubGlobal('location', { search: '' });
  actions = await import('../segmentation/segmentationActions');
  planning = await import('../../store/planningStore');
  segmentation = await import('../../store/segmentationStore');
  study = await import('../../store/studyStore');
  viewer = await import('../../../viewer/currentViewer');
  activeMaskOf = (await import('./useActiveMask')).activeMaskOf;
});

/** The mask the plan would use now. */
const active = () =>
  activeMaskOf({
    ...segmentation.useSegmentationStore.getState(),
    file: planning.usePlanningStore.getState().maskFile,
  });

/** True when the user has confirmed the tumour of the mask the plan would use. */
const reviewed = () => {
  const mask = active();
  return (
    mask !== null &&
    planning.usePlanningStore.getState().reviewedMasks.includes(mask.reviewKey)
  );
};

/** Confirms the tumour of the mask the plan would use, as the button does. */
const confirm = () =>
  planning.usePlanningStore.getState().confirmTumour(active()!.reviewKey, 4.2);

/** A brush stroke: the viewer's overlay now holds `after`, then the stroke ends. */
async function stroke(after: Uint8Array) {
  const overlay = { read: () => after.slice() };
  viewer.setCurrentViewer({
    currentLabels: async () => overlay,
    setEditTool: () => undefined,
    removeLabels: () => undefined,
  } as unknown as StudyViewer);
  await actions.commitStroke();
}

describe("the confirmation of a mask's tumour", () => {
  beforeEach(() => {
    networkLabels = Uint8Array.of(0, 1, 2, 2, 0, 1, 2, 0);
    study.useStudyStore.setState({ volume });
    actions.resetForNewStudy();
    planning.usePlanningStore.getState().setMaskFile(null);
    planning.usePlanningStore.getState().clearForm();
  });

  it('is needed after a run, and a new run asks again', async () => {
    await actions.runSegmentation();
    expect(active()?.source).toBe('segmentation');
    expect(reviewed()).toBe(false);
    confirm();
    expect(reviewed()).toBe(true);

    await actions.runSegmentation();
    expect(reviewed()).toBe(false);
  });

  it("survives the user's brush, eraser and undo of a stroke", async () => {
    await actions.runSegmentation();
    confirm();
    const before = active()!;

    await stroke(Uint8Array.of(0, 1, 2, 0, 0, 1, 2, 0));
    expect(active()!.key).not.toBe(before.key);
    expect(reviewed()).toBe(true);
    actions.undoLastEdit();
    expect(active()!.key).not.toBe(before.key);
    expect(reviewed()).toBe(true);
  });

  it('is needed again for an opened mask, on the grid or not', async () => {
    await actions.runSegmentation();
    confirm();
    actions.showOpenedMask('a.nii.gz', Uint8Array.of(0, 1, 2, 0, 0, 0, 0, 0), grid);
    expect(active()?.name).toBe('a.nii.gz');
    expect(reviewed()).toBe(false);
    confirm();

    const s = planning.usePlanningStore.getState();
    const labelsVersion = segmentation.useSegmentationStore.getState().labelsVersion;
    const elsewhere = { ...axisAlignedGrid([1, 1, 2]), labels: Uint8Array.of(1, 2) };
    s.setMaskFile({
      name: 'b.nii.gz',
      labels: elsewhere,
      segmentationVersion: labelsVersion,
    });
    expect(active()?.shown).toBe(false);
    expect(reviewed()).toBe(false);
    confirm();
    s.setMaskFile({
      name: 'b.nii.gz',
      labels: elsewhere,
      segmentationVersion: labelsVersion,
    });
    expect(reviewed()).toBe(false);
  });

  it("undoing an opened mask brings back the earlier mask's own confirmation", async () => {
    await actions.runSegmentation();
    actions.showOpenedMask('a.nii.gz', Uint8Array.of(0, 1, 2, 0, 0, 0, 0, 0), grid);
    confirm();
    actions.showOpenedMask('b.nii.gz', Uint8Array.of(0, 1, 2, 2, 0, 0, 0, 0), grid);
    expect(reviewed()).toBe(false);

    actions.undoLastEdit();
    expect(active()?.name).toBe('a.nii.gz');
    expect(reviewed()).toBe(true);
    // The network's mask before it was never confirmed.
    actions.undoLastEdit();
    expect(active()?.source).toBe('segmentation');
    expect(reviewed()).toBe(false);
  });

  it('is needed again for a new study', async () => {
    await actions.runSegmentation();
    confirm();
    actions.resetForNewStudy();
    expect(active()).toBeNull();
    await actions.runSegmentation();
    expect(reviewed()).toBe(false);
  });

  it('keeps the mask size out of the form until confirmed, then follows edits', async () => {
    const s = () => planning.usePlanningStore.getState();
    await actions.runSegmentation();
    const mask = active()!;
    s().suggestSize(mask.reviewKey, 4.7);
    expect(s().form.sizeCm).toBe('');

    s().confirmTumour(mask.reviewKey, 4.7);
    expect(s().form).toMatchObject({ sizeCm: '4.7', sizeSource: 'mask' });
    await stroke(Uint8Array.of(0, 1, 2, 0, 0, 1, 2, 0));
    s().suggestSize(active()!.reviewKey, 3.1);
    expect(s().form).toMatchObject({ sizeCm: '3.1', sizeSource: 'mask' });

    await actions.runSegmentation();
    s().suggestSize(active()!.reviewKey, 4.7);
    expect(s().form).toMatchObject({ sizeCm: '', sizeSource: null });
  });
});
