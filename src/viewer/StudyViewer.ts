/**
 * Wires Cornerstone3D to three DOM elements (axial, coronal, sagittal views
 * of one volume): rendering engine, tools, a window shared by the views,
 * keyboard shortcuts and change notifications. Everything clinical — which
 * volume, which window — is decided by the caller; this class only displays.
 */
import { ToolGroupManager } from '@cornerstonejs/tools';
import {
  Enums,
  RenderingEngine,
  setVolumesForViewports,
  utilities,
} from '@cornerstonejs/core';
import type { Types } from '@cornerstonejs/core';
import type { Vec3, Volume } from '../core/volume/Volume';
import { voxelToWorld } from '../core/volume/voxelGeometry';
import { dot } from '../core/volume/vec3';
import { getLogger } from '../core/log/logger';
import { createToolGroup } from './createToolGroup';
import { setEditTool, type EditToolName } from './labelmap/editTools';
import { LabelmapOverlay } from './labelmap/LabelmapOverlay';
import { SliceMarker, type MarkedSlice } from './labelmap/SliceMarker';
import { initCornerstone } from './initCornerstone';
import { keyAction } from './keyboardActions';
import { probeVoxel, voxelToCanvas, type VoxelProbe } from './probeVoxel';
import { releaseCornerstoneVolume, toCornerstoneVolume } from './toCornerstoneVolume';
import { sliceOfView, type ViewSlice } from './sliceOfView';
import { orientationLabels, type EdgeLabels } from './orientationLabels';
import { nextViewerIds, VIEW_NAMES, type ViewName } from './viewportIds';
import {
  DEFAULT_PRESET,
  rangeToWindow,
  WINDOW_PRESETS,
  windowToRange,
} from './windowPresets';

const log = getLogger('viewer');

const ORIENTATION: Record<ViewName, Enums.OrientationAxis> = {
  axial: Enums.OrientationAxis.AXIAL,
  coronal: Enums.OrientationAxis.CORONAL,
  sagittal: Enums.OrientationAxis.SAGITTAL,
};

/** What a view's overlay shows about its camera. */
export interface ViewState {
  /** Slice in volume index order (0-based). */
  slice: ViewSlice;
  /** Patient directions at the view's edges. */
  labels: EdgeLabels;
}

export interface ViewerListener {
  /** The slice shown in a view, or its camera, changed. */
  onView(view: ViewName, state: ViewState): void;
  /** The shared display window changed. */
  onWindow(widthHu: number, levelHu: number): void;
  /** The voxel under the mouse changed (null: outside the volume). */
  onProbe(view: ViewName, probe: VoxelProbe | null): void;
}

export class StudyViewer {
  private engine: RenderingEngine | undefined;
  private volume: Volume | undefined;
  private volumeId: string | undefined;
  private syncingWindow = false;
  private initialWindow: { widthHu: number; levelHu: number } = DEFAULT_PRESET;
  private readonly cleanups: (() => void)[] = [];
  private overlay: Promise<LabelmapOverlay> | undefined;
  private marker: SliceMarker | undefined;
  private marked: MarkedSlice | null = null;
  private readonly ids = nextViewerIds();

  constructor(
    private readonly elements: Record<ViewName, HTMLDivElement>,
    private readonly listener: ViewerListener,
  ) {}

  /** Creates the rendering engine and views; call once after mounting. */
  async start(): Promise<void> {
    await initCornerstone();
    const engine = new RenderingEngine(this.ids.engineId);
    this.engine = engine;
    engine.setViewports(
      VIEW_NAMES.map((name) => ({
        viewportId: name,
        type: Enums.ViewportType.ORTHOGRAPHIC,
        element: this.elements[name],
        defaultOptions: {
          orientation: ORIENTATION[name],
          background: [0, 0, 0] as Types.Point3,
        },
      })),
    );
    const group = createToolGroup(this.ids.toolGroupId);
    for (const name of VIEW_NAMES) {
      group.addViewport(name, this.ids.engineId);
      this.wireElement(name);
    }
    this.marker = new SliceMarker(this.elements);
  }

  /**
   * Shows `volume` in all views.
   *
   * @param initialWindow - window to start with (default: soft tissue)
   */
  async setVolume(
    volume: Volume,
    initialWindow: { widthHu: number; levelHu: number } = DEFAULT_PRESET,
  ): Promise<void> {
    const engine = this.requireEngine();
    this.removeLabels();
    this.marked = null;
    const previous = this.volumeId;
    this.volume = volume;
    this.volumeId = toCornerstoneVolume(volume);
    await setVolumesForViewports(engine, [{ volumeId: this.volumeId }], VIEW_NAMES);
    if (previous) releaseCornerstoneVolume(previous);
    this.initialWindow = initialWindow;
    this.reset();
    // The volume texture is uploaded during the first render, after the
    // first view has already drawn (blank); draw all views once more.
    await new Promise((r) => requestAnimationFrame(r));
    engine.render();
  }

  /**
   * The segmentation overlay of the shown volume, created on first use.
   *
   * @param onEdited - called after each brush or eraser stroke
   */
  labels(onEdited: () => void): Promise<LabelmapOverlay> {
    if (!this.volumeId) return Promise.reject(new Error('no volume shown'));
    this.overlay ??= LabelmapOverlay.create({
      referencedVolumeId: this.volumeId,
      viewportIds: VIEW_NAMES,
      elements: Object.values(this.elements),
      onEdited,
    });
    return this.overlay;
  }

  /** The overlay if one exists (created by `labels`). */
  currentLabels(): Promise<LabelmapOverlay> | undefined {
    return this.overlay;
  }

  /** Removes the segmentation overlay, if any. */
  removeLabels(): void {
    const overlay = this.overlay;
    this.overlay = undefined;
    this.setEditTool('none', 1);
    void overlay?.then(
      (o) => {
        o.destroy();
        this.engine?.render();
      },
      () => undefined,
    );
  }

  /** Marks a slice (the largest tumour slice) in the views; null removes it. */
  setSliceMarker(slice: MarkedSlice | null): void {
    this.marked = slice;
    for (const name of VIEW_NAMES) this.reportSlice(name);
  }

  /** Left-button tool: window/level ('none'), brush or eraser. */
  setEditTool(tool: EditToolName, radiusMm: number): void {
    const group = ToolGroupManager.getToolGroup(this.ids.toolGroupId);
    if (group) setEditTool(group, tool, radiusMm);
  }

  /** Redraws all views. */
  render(): void {
    this.engine?.render();
  }

  /** Applies a window (HU) to all views. */
  setWindow(widthHu: number, levelHu: number): void {
    const engine = this.requireEngine();
    this.syncingWindow = true;
    try {
      for (const name of VIEW_NAMES) {
        const vp = engine.getViewport(name) as Types.IVolumeViewport;
        vp.setProperties({ voiRange: windowToRange(widthHu, levelHu) });
        vp.render();
      }
    } finally {
      this.syncingWindow = false;
    }
    this.listener.onWindow(widthHu, levelHu);
  }

  /** Moves a view by `delta` slices (positive: increasing voxel index). */
  scroll(view: ViewName, delta: number): void {
    const vp = this.viewport(view);
    const { axis } = this.sliceOf(view);
    const normal = vp.getCamera().viewPlaneNormal as Vec3;
    // Cornerstone steps against the view-plane normal; map to our index order.
    const sign = Math.sign(dot(normal, this.requireVolume().direction[axis])) || 1;
    utilities.scroll(vp, { delta: delta * sign, volumeId: this.volumeId });
  }

  /** Multiplies a view's zoom. */
  zoomBy(view: ViewName, factor: number): void {
    const vp = this.viewport(view);
    vp.setZoom(vp.getZoom() * factor);
    vp.render();
  }

  /** Resets cameras to fit and centre, and the window to the initial one. */
  reset(): void {
    for (const name of VIEW_NAMES) this.viewport(name).resetCamera();
    this.setWindow(this.initialWindow.widthHu, this.initialWindow.levelHu);
    this.engine?.render();
    for (const name of VIEW_NAMES) this.reportSlice(name);
  }

  /** Moves every view to the slices through voxel `ijk`. */
  showVoxel(ijk: Vec3): void {
    const world = voxelToWorld(this.requireVolume(), ijk) as Types.Point3;
    for (const name of VIEW_NAMES) {
      (this.viewport(name) as Types.IVolumeViewport).jumpToWorld(world);
      this.reportSlice(name);
    }
  }

  /** Page (client) coordinates of voxel `ijk` in a view. */
  voxelToClient(view: ViewName, ijk: Vec3): [number, number] {
    const [x, y] = voxelToCanvas(this.viewport(view), this.requireVolume(), ijk);
    const rect = this.viewport(view).canvas.getBoundingClientRect();
    return [rect.left + x, rect.top + y];
  }

  /** The slice a view shows, in the volume's voxel indices. */
  sliceOf(view: ViewName): ViewSlice {
    const camera = this.viewport(view).getCamera();
    return sliceOfView(
      this.requireVolume(),
      camera.viewPlaneNormal as Vec3,
      camera.focalPoint as Vec3,
    );
  }

  /** The window (HU) a view displays. */
  windowOf(view: ViewName): { widthHu: number; levelHu: number } {
    const vp = this.viewport(view) as Types.IVolumeViewport;
    const range = vp.getProperties()?.voiRange;
    if (!range) throw new Error(`${view} has no window`);
    return rangeToWindow(range.lower, range.upper);
  }

  /**
   * Cornerstone identifiers of this viewer, for code that adds to the views
   * (e.g. a segmentation labelmap on the shown volume).
   */
  cornerstoneIds(): { engineId: string; toolGroupId: string; volumeId?: string } {
    return { ...this.ids, volumeId: this.volumeId };
  }

  /** The canvas a view draws into. */
  canvasOf(view: ViewName): HTMLCanvasElement {
    return this.viewport(view).canvas;
  }

  /** Re-fits the views after their elements changed size. */
  resize(): void {
    this.engine?.resize(true, true);
  }

  /** Releases Cornerstone resources and listeners. */
  destroy(): void {
    for (const c of this.cleanups.splice(0)) c();
    this.removeLabels();
    this.marker?.destroy();
    ToolGroupManager.destroyToolGroup(this.ids.toolGroupId);
    if (this.volumeId) releaseCornerstoneVolume(this.volumeId);
    this.engine?.destroy();
    this.engine = undefined;
  }

  private viewport(view: ViewName): Types.IViewport {
    return this.requireEngine().getViewport(view);
  }

  private requireEngine(): RenderingEngine {
    if (!this.engine) throw new Error('viewer not started');
    return this.engine;
  }

  private requireVolume(): Volume {
    if (!this.volume) throw new Error('no volume shown');
    return this.volume;
  }

  private listen(
    target: EventTarget,
    type: string,
    fn: (e: Event) => void,
    capture = false,
  ): void {
    target.addEventListener(type, fn, capture);
    this.cleanups.push(() => target.removeEventListener(type, fn, capture));
  }

  private wireElement(name: ViewName): void {
    const el = this.elements[name];
    el.tabIndex = 0;
    this.listen(el, 'contextmenu', (e) => e.preventDefault());
    // Cornerstone's tools cancel every key pressed on a view, Tab included,
    // which traps the keyboard focus there: Tab leaves before they see it.
    this.listen(
      el,
      'keydown',
      (e) => {
        if ((e as KeyboardEvent).key === 'Tab') e.stopPropagation();
      },
      true,
    );
    this.listen(el, Enums.Events.CAMERA_MODIFIED, () => this.reportSlice(name));
    this.listen(el, Enums.Events.VOLUME_NEW_IMAGE, () => this.reportSlice(name));
    this.listen(el, Enums.Events.VOI_MODIFIED, (e) =>
      this.onVoiModified(e as CustomEvent),
    );
    this.listen(el, 'mousemove', (e) => this.onMouseMove(name, e as MouseEvent));
    this.listen(el, 'mouseleave', () => this.listener.onProbe(name, null));
    this.listen(el, 'keydown', (e) => this.onKey(name, e as KeyboardEvent));
  }

  private reportSlice(name: ViewName): void {
    if (!this.volume) return;
    this.placeMarker(name);
    const camera = this.viewport(name).getCamera();
    this.listener.onView(name, {
      slice: this.sliceOf(name),
      labels: orientationLabels(camera.viewUp as Vec3, camera.viewPlaneNormal as Vec3),
    });
  }

  /** Badge on the marked slice itself, a line where a view cuts through it. */
  private placeMarker(name: ViewName): void {
    const marked = this.marked;
    const volume = this.volume;
    if (!this.marker || !volume) return;
    if (!marked) return this.marker.update(name, { kind: 'none' }, '');
    const shown = this.sliceOf(name);
    if (shown.axis === marked.axis) {
      const kind = shown.index === marked.index ? 'on-slice' : 'none';
      return this.marker.update(name, { kind }, marked.label);
    }
    // The line runs along the view's in-plane axis that is not the shown one.
    const along = ([0, 1, 2] as const).find(
      (a) => a !== marked.axis && a !== shown.axis,
    )!;
    const end = (t: number) => {
      const ijk = [0, 0, 0] as Vec3;
      ijk[marked.axis] = marked.index;
      ijk[shown.axis] = shown.index;
      ijk[along] = t;
      return voxelToCanvas(this.viewport(name), volume, ijk);
    };
    this.marker.update(
      name,
      { kind: 'line', from: end(0), to: end(volume.dims[along] - 1) },
      marked.label,
    );
  }

  private onMouseMove(name: ViewName, e: MouseEvent): void {
    if (!this.volume) return;
    const rect = this.viewport(name).canvas.getBoundingClientRect();
    const probe = probeVoxel(this.viewport(name), this.volume, [
      e.clientX - rect.left,
      e.clientY - rect.top,
    ]);
    this.listener.onProbe(name, probe);
  }

  private onKey(name: ViewName, e: KeyboardEvent): void {
    const action = keyAction(e.key);
    if (!action || !this.volume) return;
    e.preventDefault();
    if (action.kind === 'scroll') this.scroll(name, action.delta);
    else if (action.kind === 'zoom') this.zoomBy(name, action.factor);
    else if (action.kind === 'reset') this.reset();
    else {
      const p = WINDOW_PRESETS[action.index];
      this.setWindow(p.widthHu, p.levelHu);
    }
  }

  /** A drag on one view changes its window: copy it to the others. */
  private onVoiModified(e: CustomEvent): void {
    if (this.syncingWindow || !this.engine) return;
    const detail = e.detail as {
      viewportId?: string;
      range?: { lower: number; upper: number };
    };
    if (!detail.range || !VIEW_NAMES.includes(detail.viewportId as ViewName)) return;
    const { widthHu, levelHu } = rangeToWindow(detail.range.lower, detail.range.upper);
    log.debug('window', widthHu, levelHu);
    this.syncingWindow = true;
    try {
      for (const name of VIEW_NAMES) {
        if (name === detail.viewportId) continue;
        const vp = this.viewport(name) as Types.IVolumeViewport;
        vp.setProperties({ voiRange: { ...detail.range } });
        vp.render();
      }
    } finally {
      this.syncingWindow = false;
    }
    this.listener.onWindow(widthHu, levelHu);
  }
}
