/**
 * The viewer on screen, for code outside the React tree that needs it (the
 * test hook, later the segmentation overlay). Set by the viewer panel.
 */
import type { StudyViewer } from './StudyViewer';

let current: StudyViewer | null = null;

export function setCurrentViewer(viewer: StudyViewer | null): void {
  current = viewer;
}

export function getCurrentViewer(): StudyViewer | null {
  return current;
}
