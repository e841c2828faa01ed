/**
 * One view: the element Cornerstone draws into, and its overlay — the view's
 * name, a slice counter and the HU under the mouse.
 */
import type { ViewName } from '../../../viewer/viewportIds';
import type { ViewOverlay } from './useStudyViewer';

interface ViewPaneProps {
  name: ViewName;
  overlay: ViewOverlay;
  elementRef: (el: HTMLDivElement | null) => void;
}

export function ViewPane({ name, overlay, elementRef }: ViewPaneProps) {
  const { slice, probe } = overlay;
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
    </div>
  );
}
