/**
 * One view: the element Cornerstone draws into, and its overlay — the view's
 * name, a slice counter, patient-direction letters at the edges and the HU
 * under the mouse.
 */
import type { ViewName } from '../../../viewer/viewportIds';
import type { ViewOverlay } from './useStudyViewer';

/** Integers as they are; fractional values (rescaled floats) to 0.1. */
function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

interface ViewPaneProps {
  name: ViewName;
  overlay: ViewOverlay;
  /** Unit of the voxel values: "HU" for CT, else "" (e.g. MR signal). */
  unit: string;
  elementRef: (el: HTMLDivElement | null) => void;
}

export function ViewPane({ name, overlay, unit, elementRef }: ViewPaneProps) {
  const { view, probe } = overlay;
  const slice = view?.slice;
  const labels = view?.labels;
  return (
    <div className={`view view-${name}`}>
      <div
        className="view-element"
        ref={elementRef}
        data-testid={`view-${name}`}
        aria-label={`${name} view`}
      />
      <div className="view-overlay">
        <span className="view-name">{name}</span>
        <span className="slice-counter" data-testid={`slice-counter-${name}`}>
          {slice ? `${slice.index + 1} / ${slice.count}` : ''}
        </span>
        <span className="hu-readout" data-testid={`hu-readout-${name}`}>
          {probe
            ? `${formatValue(probe.hu)}${unit ? ` ${unit}` : ''}  [${probe.ijk.join(', ')}]`
            : ''}
        </span>
      </div>
      {labels && (
        <div
          className="edge-labels"
          data-testid={`edge-labels-${name}`}
          aria-hidden="true"
        >
          <span className="edge-top">{labels.top}</span>
          <span className="edge-bottom">{labels.bottom}</span>
          <span className="edge-left">{labels.left}</span>
          <span className="edge-right">{labels.right}</span>
        </div>
      )}
    </div>
  );
}
