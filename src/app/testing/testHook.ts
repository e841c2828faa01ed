/**
 * TEST-ONLY hook for the end-to-end tests: `window.__nephroplan` exposes the
 * loaded volume's geometry, HU reads, view navigation and canvas statistics,
 * so Playwright can check what the app shows against values it reads itself.
 * Read-only except for moving the views; no app code may depend on it.
 */
import type { Vec3 } from '../../core/volume/Volume';
import { valueAt } from '../../core/volume/voxelGeometry';
import { getCurrentViewer } from '../../viewer/currentViewer';
import type { ViewName } from '../../viewer/viewportIds';
import { useStudyStore } from '../store/studyStore';
import { useSegmentationStore } from '../store/segmentationStore';
import { getSegmentationClient } from '../components/segmentation/segmentationActions';
import { labelRuns } from './labelRuns';

function requireViewer() {
  const v = getCurrentViewer();
  if (!v) throw new Error('viewer not started');
  return v;
}

/** Mean, spread and share of non-black pixels of a view's canvas. */
function canvasStats(view: ViewName) {
  const canvas = requireViewer().canvasOf(view);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('view canvas has no 2D context');
  const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let sum = 0;
  let sumSq = 0;
  let nonBlack = 0;
  const n = width * height;
  for (let p = 0; p < n; p++) {
    const g = (data[4 * p] + data[4 * p + 1] + data[4 * p + 2]) / 3;
    sum += g;
    sumSq += g * g;
    if (g > 8) nonBlack++;
  }
  const mean = sum / n;
  return {
    width,
    height,
    mean,
    sd: Math.sqrt(sumSq / n - mean * mean),
    nonBlackFraction: nonBlack / n,
  };
}

/**
 * Share of a view's canvas pixels tinted like the overlay's tumour (yellow:
 * red and green well above blue) and kidney (blue well above red) colours.
 */
function overlayTints(view: ViewName) {
  const canvas = requireViewer().canvasOf(view);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('view canvas has no 2D context');
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let yellow = 0;
  let blue = 0;
  const n = data.length / 4;
  for (let p = 0; p < data.length; p += 4) {
    const [r, g, b] = [data[p], data[p + 1], data[p + 2]];
    if (r - b > 50 && g - b > 30) yellow++;
    else if (b - r > 50) blue++;
  }
  return { tumour: yellow / n, kidney: blue / n };
}

const hook = {
  /** Status, geometry of the shown volume, series list and messages. */
  state() {
    const s = useStudyStore.getState();
    const v = s.volume;
    return {
      status: s.status,
      isExample: s.isExample,
      selectedIndex: s.selectedIndex,
      volume: v && {
        dims: v.dims,
        spacingMm: v.spacingMm,
        originMm: v.originMm,
        direction: v.direction,
        voxelType: v.voxels.constructor.name,
      },
      series: s.study?.series.map((x) => x.summary) ?? [],
      messages: [...s.loadMessages, ...s.seriesMessages],
    };
  },
  /** HU of voxel (i, j, k) of the shown volume. */
  huAt(i: number, j: number, k: number): number {
    const v = useStudyStore.getState().volume;
    if (!v) throw new Error('no volume loaded');
    return valueAt(v, [i, j, k]);
  },
  showVoxel: (ijk: Vec3) => requireViewer().showVoxel(ijk),
  voxelToClient: (view: ViewName, ijk: Vec3) => requireViewer().voxelToClient(view, ijk),
  slice: (view: ViewName) => requireViewer().sliceOf(view),
  windowOf: (view: ViewName) => requireViewer().windowOf(view),
  canvasStats,
  overlayTints,
  /** The segmentation store without the label arrays. */
  segmentation() {
    const s = useSegmentationStore.getState();
    return {
      status: s.status,
      backend: s.backend,
      model: s.model,
      progress: s.progress,
      labelsVersion: s.labelsVersion,
      hasLabels: s.labels !== null,
      source: s.source,
      measurements: s.measurements,
      message: s.message,
      undoCount: s.undoStack.length,
      tool: s.tool,
    };
  },
  /** Run-length encoded store labels ([value, count, …]), null without labels. */
  labelRuns() {
    const labels = useSegmentationStore.getState().labels;
    return labels && labelRuns(labels.labels);
  },
  /** Run-length encoded labels of the viewer's overlay, null without one. */
  async overlayRuns() {
    const overlay = await requireViewer().currentLabels();
    return overlay ? labelRuns(overlay.read()) : null;
  },
  /** Live tfjs tensors and bytes in the segmentation worker. */
  async workerMemory() {
    return (await getSegmentationClient()).memory();
  },
  /** Raw labels of slices [first, first + count) once per forced backend. */
  async runOnBackends(first: number, count: number, backends: string[]) {
    const { runOnBackends } = await import('./backendParity');
    return runOnBackends(first, count, backends);
  },
};

export type NephroplanTestHook = typeof hook;

declare global {
  interface Window {
    /** TEST-ONLY: see src/app/testing/testHook.ts. */
    __nephroplan?: NephroplanTestHook;
  }
}

/** Installs `window.__nephroplan`. */
export function installTestHook(): void {
  window.__nephroplan = hook;
}
