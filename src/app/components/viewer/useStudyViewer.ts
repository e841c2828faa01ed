/**
 * React binding of {@link StudyViewer}: creates it once the three view
 * elements exist, shows the store's volume, and exposes what the overlays
 * display (slice per view, window, voxel under the mouse).
 */
import { useEffect, useRef, useState } from 'react';
import { getLogger } from '../../../core/log/logger';
import type { Volume } from '../../../core/volume/Volume';
import { autoWindow } from '../../../core/volume/autoWindow';
import { DEFAULT_PRESET } from '../../../viewer/windowPresets';
import { setCurrentViewer } from '../../../viewer/currentViewer';
import type { VoxelProbe } from '../../../viewer/probeVoxel';
import { StudyViewer, type ViewState } from '../../../viewer/StudyViewer';
import type { ViewName } from '../../../viewer/viewportIds';

const log = getLogger('viewer-panel');

/**
 * Viewers start only after the previous one is torn down (React's StrictMode
 * mounts, unmounts and remounts at once; both would share the DOM elements).
 */
let previousTeardown: Promise<void> = Promise.resolve();

export interface ViewOverlay {
  view: ViewState | null;
  probe: VoxelProbe | null;
}

const EMPTY: Record<ViewName, ViewOverlay> = {
  axial: { view: null, probe: null },
  coronal: { view: null, probe: null },
  sagittal: { view: null, probe: null },
};

/**
 * @param volume - the volume to show
 * @param isHu - whether its values are HU (CT): soft-tissue window; otherwise
 *   a window from the data
 */
export function useStudyViewer(volume: Volume | null, isHu: boolean) {
  const elements = useRef<Partial<Record<ViewName, HTMLDivElement | null>>>({});
  const viewerRef = useRef<Promise<StudyViewer> | null>(null);
  const [overlays, setOverlays] = useState(EMPTY);
  const [windowHu, setWindowHu] = useState<{ widthHu: number; levelHu: number } | null>(
    null,
  );
  const [shownVolume, setShownVolume] = useState<Volume | null>(null);

  useEffect(() => {
    const els = elements.current as Record<ViewName, HTMLDivElement>;
    const viewer = new StudyViewer(els, {
      onView: (name, state) =>
        setOverlays((o) => ({ ...o, [name]: { ...o[name], view: state } })),
      onWindow: (widthHu, levelHu) => setWindowHu({ widthHu, levelHu }),
      onProbe: (view, probe) =>
        setOverlays((o) => ({ ...o, [view]: { ...o[view], probe } })),
    });
    const started = previousTeardown.then(() => viewer.start()).then(() => viewer);
    viewerRef.current = started;
    started.then(
      () => setCurrentViewer(viewer),
      (err) => log.error('viewer start failed', err),
    );

    const observer = new ResizeObserver(() => viewer.resize());
    Object.values(els).forEach((el) => observer.observe(el));
    return () => {
      observer.disconnect();
      setCurrentViewer(null);
      viewerRef.current = null;
      previousTeardown = started.then(
        (v) => v.destroy(),
        () => undefined,
      );
    };
  }, []);

  useEffect(() => {
    if (!volume || !viewerRef.current) return;
    let cancelled = false;
    viewerRef.current
      .then(async (viewer) => {
        if (cancelled) return;
        setOverlays(EMPTY);
        await viewer.setVolume(volume, isHu ? DEFAULT_PRESET : autoWindow(volume));
        if (!cancelled) setShownVolume(volume);
      })
      .catch((err) => log.error('could not show the volume', err));
    return () => {
      cancelled = true;
    };
  }, [volume, isHu]);

  const withViewer = (fn: (v: StudyViewer) => void) => void viewerRef.current?.then(fn);
  return { elements, overlays, windowHu, shownVolume, withViewer };
}
