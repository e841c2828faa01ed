/**
 * One view: the element Cornerstone draws into, and its overlay — the view's
 * name, a slice counter, patient-direction letters at the edges and the HU
 * under the mouse.
 */
import type { ViewName } from '../../../viewer/viewportIds';
import type { ViewOverlay } from './useStudyViewer';

interface ViewPaneProps {
  name: ViewName;
  overlay: ViewOverlay;
  elementRef: (el: HTMLDivElement | null) => void;
}

export function ViewPane({ name, overlay, elementRef }: ViewPaneProps) {
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
          {probe ? `${probe.hu.toFixed(0)} HU  [${probe.ijk.join(', ')}]` : ''}
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
