/**
 * Keeps the viewer's labelmap overlay in step with the segmentation store:
 * writes new labels (a run, an undo), applies the display settings and the
 * editing tool, marks the largest tumour slice, removes the overlay when the
 * labels go, and resets the segmentation when another study replaces the one
 * on screen.
 */
import { useEffect, useRef } from 'react';
import { getLogger } from '../../../core/log/logger';
import { getCurrentViewer } from '../../../viewer/currentViewer';
import { useSegmentationStore } from '../../store/segmentationStore';
import { useStudyStore } from '../../store/studyStore';
import { commitStroke, resetForNewStudy } from './segmentationActions';
import { isShown, markShown } from './shownLabels';

const log = getLogger('labelmap-sync');

export function useLabelmapSync(): void {
  const volume = useStudyStore((s) => s.volume);
  const labels = useSegmentationStore((s) => s.labels);
  const hasLabels = labels !== null;
  const display = useSegmentationStore((s) => s.display);
  const tool = useSegmentationStore((s) => s.tool);
  const brushLabel = useSegmentationStore((s) => s.brushLabel);
  const radiusMm = useSegmentationStore((s) => s.brushRadiusMm);
  const largest = useSegmentationStore((s) => s.measurements?.largestTumourSlice ?? null);
  const previousVolume = useRef(volume);

  useEffect(() => {
    if (previousVolume.current !== volume) {
      previousVolume.current = volume;
      resetForNewStudy();
    }
  }, [volume]);

  useEffect(() => {
    const marked = largest && {
      axis: largest.axis as 0 | 1 | 2,
      index: largest.index,
      label: 'Largest tumour slice',
    };
    getCurrentViewer()?.setSliceMarker(marked);
  }, [largest?.axis, largest?.index]);

  // Labels: write them unless the overlay already holds them (a stroke's).
  useEffect(() => {
    const viewer = getCurrentViewer();
    if (!viewer) return;
    if (!labels) {
      viewer.removeLabels();
      markShown(null);
      return;
    }
    let stale = false;
    viewer
      .labels(() => void commitStroke())
      .then((overlay) => {
        if (stale || isShown(labels.labels)) return;
        overlay.write(labels.labels);
        markShown(labels.labels);
        overlay.setDisplay(useSegmentationStore.getState().display);
        viewer.render();
      })
      .catch((err) => log.error('could not show the segmentation', err));
    return () => {
      stale = true;
    };
  }, [labels]);

  // Display settings.
  useEffect(() => {
    const viewer = getCurrentViewer();
    void viewer?.currentLabels()?.then((overlay) => {
      overlay.setDisplay(display);
      viewer.render();
    });
  }, [display, hasLabels]);

  // Editing tool; changed only between strokes, never during one.
  useEffect(() => {
    const viewer = getCurrentViewer();
    if (!viewer) return;
    viewer.setEditTool(hasLabels ? tool : 'none', radiusMm);
    void viewer.currentLabels()?.then((overlay) => overlay.setActiveLabel(brushLabel));
  }, [tool, brushLabel, radiusMm, hasLabels]);
}
