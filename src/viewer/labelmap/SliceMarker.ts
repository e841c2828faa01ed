/**
 * Marks one slice of the volume (the largest tumour slice) in the views: a
 * badge in a view that shows that very slice, and a dashed line across the
 * views that cut through it. DOM elements over the Cornerstone canvases,
 * repositioned whenever a view's camera changes (StudyViewer calls `update`).
 */
import type { ViewName } from '../viewportIds';

export interface MarkedSlice {
  /** Volume axis the slice is taken along. */
  axis: 0 | 1 | 2;
  index: number;
  /** Text of the badge and the line's tooltip. */
  label: string;
}

/** Where a view stands relative to the marked slice. */
export type MarkerPlacement =
  | { kind: 'on-slice' }
  | { kind: 'line'; from: [number, number]; to: [number, number] }
  | { kind: 'none' };

export class SliceMarker {
  private readonly nodes = new Map<
    ViewName,
    { badge: HTMLDivElement; line: HTMLDivElement }
  >();

  constructor(elements: Record<ViewName, HTMLDivElement>) {
    for (const [name, element] of Object.entries(elements) as [
      ViewName,
      HTMLDivElement,
    ][]) {
      const badge = document.createElement('div');
      badge.className = 'slice-marker-badge';
      badge.dataset.testid = `slice-marker-${name}`;
      badge.hidden = true;
      const line = document.createElement('div');
      line.className = 'slice-marker-line';
      line.dataset.testid = `slice-marker-line-${name}`;
      line.hidden = true;
      element.append(badge, line);
      this.nodes.set(name, { badge, line });
    }
  }

  /** Shows `placement` in a view (canvas pixel coordinates for a line). */
  update(view: ViewName, placement: MarkerPlacement, label: string): void {
    const node = this.nodes.get(view);
    if (!node) return;
    node.badge.hidden = placement.kind !== 'on-slice';
    node.badge.textContent = label;
    node.line.hidden = placement.kind !== 'line';
    if (placement.kind !== 'line') return;
    const [x0, y0] = placement.from;
    const [x1, y1] = placement.to;
    const length = Math.hypot(x1 - x0, y1 - y0);
    Object.assign(node.line.style, {
      left: `${x0}px`,
      top: `${y0}px`,
      width: `${length}px`,
      transform: `rotate(${Math.atan2(y1 - y0, x1 - x0)}rad)`,
    });
    node.line.title = label;
  }

  /** Removes the marker's elements. */
  destroy(): void {
    for (const { badge, line } of this.nodes.values()) {
      badge.remove();
      line.remove();
    }
    this.nodes.clear();
  }
}
